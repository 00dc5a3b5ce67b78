#!/usr/bin/env python3
"""Builds the profile library shipped in Sources/NeuroProfiles/Resources/profiles.json.

Measures selected one-shots of Debian's `hydrogen-drumkits` with OUR Swift descriptors
(`neurorack-run describe --format json`, librosa-parity), trims each curve after its tail
falls 60 dB below its loudest frame (at most 301 frames, the default impact length), ends it
before a level rise in its last frames (the end of the recording, not the decay), with the f0
voicing of the default model's training data (`describe --voicing hold`, as training/voicing.py's
mode "hold": noise-like or decayed frames hold the nearest voiced pitch, running log-median
elsewhere), rounds values to 5 significant digits and records the source file, kit, author
and licence.

Usage (from the repository root, with the venv of training/README.md):
    .venv-train/bin/python training/profiles/build_profiles.py [--binary PATH] [--out PATH]
Installs hydrogen-drumkits with apt-get when it is missing (needs root).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile


KITS = "/usr/share/hydrogen/data/drumkits"
MAX_FRAMES = 301
TAIL_DB = 60.0
END_FRAMES = 5  # a level rise within the last END_FRAMES frames ends the profile at its minimum
DESCRIPTORS = ["rms", "zcr", "rolloff", "flatness", "bandwidth", "centroid", "f0"]

# kit folder -> (author, licence as stated by debian/copyright of hydrogen-drumkits)
KIT_INFO = {
    "The Black Pearl 1.0": ("Glen MacArthur", "GPL-2"),
    "Gimme A Hand 1.0": ("Glen MacArthur", "GPL-2"),
    "ForzeeStereo": ("Vladimir Sadovnikov, Alexander Belokurov", "GPL-2+"),
    "circAfrique v4": ("Jim Harney", "CC-BY-SA-3.0"),
    "Audiophob": ("soundcloud.com/audiophobdubstep (freesound.org uploads)", "CC0"),
}

# name -> (kit folder, file)
SELECTION = [
    ("kick-acoustic-1", "The Black Pearl 1.0", "PearlKick-Med.wav"),
    ("kick-acoustic-2", "The Black Pearl 1.0", "PearlKick-Hard.wav"),
    ("kick-acoustic-3", "ForzeeStereo", "Kick-0.wav"),
    ("kick-electro-1", "Audiophob", "86335__zgump__tom-0105.wav"),
    ("kick-cajon-1", "Gimme A Hand 1.0", "CajonThumps-Med.wav"),
    ("kick-djembe-1", "circAfrique v4", "Djembe1 Bass.wav"),
    ("snare-acoustic-1", "The Black Pearl 1.0", "PearlSnare-Med.wav"),
    ("snare-acoustic-2", "ForzeeStereo", "Snare-0.wav"),
    ("snare-rimshot-1", "The Black Pearl 1.0", "PearlSnareRimshot-Med.wav"),
    ("snare-rimshot-2", "ForzeeStereo", "SnareRim-0.wav"),
    ("snare-cajon-1", "Gimme A Hand 1.0", "CajonSlaps-Med.wav"),
    ("snare-djembe-1", "circAfrique v4", "Djembe1 Slap.wav"),
    ("tom-high-1", "The Black Pearl 1.0", "PearlTom1-Med.wav"),
    ("tom-mid-1", "The Black Pearl 1.0", "PearlTom2-Med.wav"),
    ("tom-floor-1", "The Black Pearl 1.0", "PearlTomFloor-Med.wav"),
    ("tom-high-2", "ForzeeStereo", "TomHigh-0.wav"),
    ("tom-low-2", "ForzeeStereo", "TomLow-0.wav"),
    ("tom-electro-1", "Audiophob", "99930__menegass__noise-tom0.wav"),
    ("tom-electro-2", "Audiophob", "99931__menegass__noise-tom1.wav"),
    ("tom-electro-3", "Audiophob", "101450__menegass__tomh.wav"),
    ("tom-djembe-1", "circAfrique v4", "Djembe1 Tone.wav"),
    ("hat-closed-1", "The Black Pearl 1.0", "SabianHatClosed-Med.wav"),
    ("hat-closed-2", "ForzeeStereo", "HiHatClosed-0.wav"),
    ("hat-closed-3", "Audiophob", "116973__cbeeching__hat-light.wav"),
    ("hat-open-1", "The Black Pearl 1.0", "SabianHatOpen-Med.wav"),
    ("hat-open-2", "ForzeeStereo", "HiHatOpen-0.wav"),
    ("hat-open-3", "Audiophob", "104227__minorr__hhat-paiste-302-14-open-p.wav"),
    ("hat-pedal-1", "The Black Pearl 1.0", "SabianHatPedal-Med.wav"),
    ("cymbal-crash-1", "The Black Pearl 1.0", "SabianCrash-Med.wav"),
    ("cymbal-crash-2", "ForzeeStereo", "Crash18-0.wav"),
    ("cymbal-crash-3", "Audiophob", "124101__connersaw8__crash.wav"),
    ("cymbal-ride-1", "The Black Pearl 1.0", "PaisteRide-Med.wav"),
    ("cymbal-ride-2", "Audiophob", "15590__lewis__sabmute.wav"),
    ("cymbal-bell-1", "The Black Pearl 1.0", "PaisteBell-Med.wav"),
    ("cymbal-splash-1", "The Black Pearl 1.0", "ZildjianSplash-Med.wav"),
    ("cymbal-china-1", "ForzeeStereo", "China-0.wav"),
    ("perc-cowbell-1", "The Black Pearl 1.0", "Cowbell-Med.wav"),
    ("perc-cowbell-2", "Gimme A Hand 1.0", "Cowbell-Med.wav"),
    ("perc-cowbell-3", "Audiophob", "122557__anillogic__trimo-c3.wav"),
    ("perc-clap-1", "Gimme A Hand 1.0", "HandClap-Med.wav"),
    ("perc-clap-2", "Audiophob", "29800__stomachache__3.wav"),
    ("perc-shaker-1", "Audiophob", "156272__dayvonjersen__fxshake5.wav"),
    ("perc-sidestick-1", "The Black Pearl 1.0", "PearlSideStick-Med.wav"),
    ("perc-clave-1", "Gimme A Hand 1.0", "Clave-Med.wav"),
    ("perc-woodblock-1", "Gimme A Hand 1.0", "WoodBlock-Med.wav"),
    ("perc-bongo-1", "Gimme A Hand 1.0", "BongoHi-Med.wav"),
    ("perc-agogo-1", "ForzeeStereo", "AgogoHigh-0.wav"),
    ("perc-tambourine-1", "Gimme A Hand 1.0", "Tambourine-Med.wav"),
    ("perc-waterglass-1", "Gimme A Hand 1.0", "WaterglassHi-Med.wav"),
    ("perc-bell-1", "circAfrique v4", "Dununba1 Bell.wav"),
]


def ensure_drumkits():
    if os.path.isdir(KITS):
        return
    print("installing hydrogen-drumkits with apt-get", file=sys.stderr)
    subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "hydrogen-drumkits"], check=True)


def rounded(value):
    return float(f"{value:.5g}")


def describe(binary, path):
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "curves.json")
        subprocess.run([binary, "describe", path, "--format", "json", "--voicing", "hold", "--out", out], check=True)
        with open(out) as handle:
            return json.load(handle)


def trimmed(curves):
    rms = curves["rms"]
    peak = max(rms)
    floor = peak * 10 ** (-TAIL_DB / 20)
    last = max((index for index, value in enumerate(rms) if value >= floor), default=0)
    count = min(last + 2, len(rms), MAX_FRAMES)
    count = without_end_rise(rms[:count])
    return {key: [rounded(value) for value in curves[key][:count]] for key in DESCRIPTORS}


def without_end_rise(rms):
    """Frame count that ends the curve at its minimum when the level rises again in the last END_FRAMES frames."""
    count = len(rms)
    start = max(count - END_FRAMES - 1, rms.index(max(rms)))
    tail = rms[start:]
    low = start + tail.index(min(tail))
    rises = any(later > earlier for earlier, later in zip(rms[low:], rms[low + 1:]))
    return low + 1 if rises else count


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(root, ".build", "release", "neurorack-run"))
    parser.add_argument("--out", default=os.path.join(root, "Sources", "NeuroProfiles", "Resources", "profiles.json"))
    arguments = parser.parse_args()
    ensure_drumkits()
    if not os.path.exists(arguments.binary):
        subprocess.run(["swift", "build", "-c", "release", "--product", "neurorack-run"], cwd=root, check=True)
    profiles = []
    for name, kit, file in SELECTION:
        path = os.path.join(KITS, kit, file)
        curves = trimmed(describe(arguments.binary, path))
        author, licence = KIT_INFO[kit]
        entry = {"name": name, "kit": kit, "source": file, "author": author, "license": licence,
                 "sample_rate": 22050, "hop": 512, "frames": len(curves["rms"])}
        entry.update(curves)
        profiles.append(entry)
        print(f"{name:20s} {len(curves['rms']):4d} frames  {kit}/{file}", file=sys.stderr)
    library = {
        "format": "neurorack-profiles",
        "version": 1,
        "generator": "training/profiles/build_profiles.py (neurorack-run describe, librosa-parity descriptors; "
                     "describe --voicing hold)",
        "package": "hydrogen-drumkits (Debian), /usr/share/hydrogen/data/drumkits",
        "profiles": profiles,
    }
    text = json.dumps(library, separators=(",", ":"))
    temporary = arguments.out + ".tmp"
    with open(temporary, "w") as handle:
        handle.write(text + "\n")
    os.replace(temporary, arguments.out)
    print(f"wrote {arguments.out}: {len(profiles)} profiles, {len(text)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
