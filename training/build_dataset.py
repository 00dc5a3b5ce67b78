"""Build the impact dataset from Debian's hydrogen-drumkits (free licences) for training the default model.

Usage: python -m training.build_dataset [--kits-dir /usr/share/hydrogen/data/drumkits] [--out training/data]
       [--extra-kits-dir training/sources/sf2 ...] [--max-seconds 2.0] [--split kit|sample]
       [--validation-percent 10] [--voicing on|off]

``--extra-kits-dir`` adds more kit folders (one subfolder per kit), e.g. the AVL Drumkits of Debian's
``avldrums.lv2-soundfont`` extracted by ``training/extract_sf2.py``; only kits listed in ``KIT_LICENCES`` are used.

Per one-shot (wav/flac/aiff): ``librosa.load(sr=22050, mono=True)``; leading and trailing silence trimmed
(``librosa.effects.trim``, 60 dB below peak, 512/128 frames, 5 ms kept before the onset); length capped at
``--max-seconds`` with a 20 ms fade-out when cut; DC removed (2nd-order Butterworth high-pass at 20 Hz, zero
phase); the 7 descriptors with the exact settings of SPEC.md §2
(librosa defaults: n_fft 2048, hop 512, centre; yin fmin 50 fmax 5000; NaN → 1; last frame dropped), then (unless ``--voicing off``) voicing and f0 smoothing (training/voicing.py: f0 = 0 on noise-like or decayed frames); the audio
is cut to ``frames × 512`` samples so frame ``j`` ↔ samples ``512j … 512j+511`` as in the reference model.

Split ``--split kit`` (default): whole kits (``VALIDATION_KITS``) are held out, so validation measures
generalisation to unseen instruments and recording chains. ``--split sample``: BY SAMPLE, deterministic — a
file goes to validation when the first byte of SHA-1 of its path relative to the kits directory is below
``256 × validation-percent / 100``. Kits without a recorded licence (e.g. hydrogen-data's GMRockKit and
TR808EmulationKit, kept for independent evaluation) are never used, nor are ``EVALUATION_KITS`` (The Black Pearl
1.0, whose files are GMRockKit's recordings, and the AVL Red Zeppelin kit). Normalisation statistics (mean, population
std per descriptor) come from the training frames only.

Writes (git-ignored): ``<out>/dataset.npz`` (audio and features of both splits, flattened with offsets),
``<out>/manifest.json`` (one entry per file: path, kit, licence, split, frames) and ``<out>/stats.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import librosa
import numpy as np
from scipy.signal import butter, sosfiltfilt

from training.voicing import apply_voicing

SAMPLE_RATE = 22050
HOP = 512
AUDIO_SUFFIXES = {".wav", ".flac", ".aif", ".aiff"}

# Licence and copyright per kit, from /usr/share/doc/hydrogen-drumkits/copyright (Debian 12, 2017.09.19~dfsg-1).
KIT_LICENCES = {
    "Audiophob": ("soundcloud.com/audiophobdubstep", "CC0"),
    "BJA_Pacific": ("Luc Tunguay", "CC-BY-SA-3.0-us"),
    "ColomboAcousticDrumkit": ("2006, Marcos Guglielmetti", "GPL-2+ with composition exception"),
    "ElectricEmpireKit": ("Artemiy Pavlov (Artemio)", "GPL-2+"),
    "ForzeeStereo": ("Vladimir Sadovnikov, Alexander Belokurov", "GPL-2"),
    "Gimme A Hand 1.0": ("Glen MacArthur", "GPL-2"),
    "HardElectro1": ("Artemiy Pavlov (Artemio)", "GPL-2+"),
    "Millo-Drums_v.1": ("Emiliano Grilli (Emillo)", "GPL-2"),
    "Millo_MultiLayered2": ("Emiliano Grilli (Emillo)", "GPL-2"),
    "Millo_MultiLayered3": ("Emiliano Grilli (Emillo)", "GPL-2"),
    "The Black Pearl 1.0": ("Glen MacArthur", "GPL-2"),
    "VariBreaks": ("Artemiy Pavlov (Artemio)", "GPL-2+"),
    "circAfrique v4": ("Jim Harney", "CC-BY-SA-3.0"),
    "rumpf_kit_z01_h2": ("Emanuel Rumpf", "CC-BY-3.0"),
    # From /usr/share/doc/avldrums.lv2-soundfont/copyright (Debian 13, 0.5.2-2), "Files: sf2/*";
    # extracted with training/extract_sf2.py.
    "Black_Pearl_4_LV2": ("2015 Glen MacArthur (AVL Drumkits)", "CC-BY-SA-3.0"),
    "Red_Zeppelin_4_LV2": ("2015 Glen MacArthur (AVL Drumkits)", "CC-BY-SA-3.0"),
}

# Kits never trained on, kept for independent evaluation (docs/MODEL.md) besides hydrogen-data's (which have
# no licence entry): The Black Pearl 1.0, because 81 of the 86 hits of hydrogen-data's GMRockKit are its files
# (mel spectrograms correlate at 1.000; only GMRockKit's five ride cymbals are not), so GMRockKit stays unseen;
# the AVL Red Zeppelin kit, a whole acoustic kit (Ludwig drums, Zildjian and Sabian cymbals) that no model
# trained on, not even v1.
EVALUATION_KITS = ("The Black Pearl 1.0", "Red_Zeppelin_4_LV2")

# Whole kits held out by ``--split kit``: one acoustic kit, one electronic kit, one hand-percussion kit.
VALIDATION_KITS = ("Millo_MultiLayered3", "ElectricEmpireKit", "circAfrique v4")
DC_CUTOFF_HZ = 20.0


def descriptors(y: np.ndarray) -> np.ndarray:
    """The 7 model inputs ``[frames, 7]`` exactly as SPEC.md §2 (NaN → 1, last frame dropped)."""
    sr = SAMPLE_RATE
    S = np.abs(librosa.stft(y))
    rows = [
        librosa.feature.rms(y=y),
        librosa.feature.zero_crossing_rate(y),
        librosa.feature.spectral_rolloff(S=S, sr=sr),
        librosa.feature.spectral_flatness(S=S),
        librosa.feature.spectral_bandwidth(S=S, sr=sr),
        librosa.feature.spectral_centroid(S=S, sr=sr),
        librosa.yin(y, fmin=50, fmax=5000, sr=sr)[None, :],
    ]
    frames = min(r.shape[-1] for r in rows)
    feats = np.concatenate([r[:, :frames] for r in rows], axis=0).T.astype(np.float32)
    feats[np.isnan(feats)] = 1.0
    return feats[:-1]


def prepare_audio(path: Path, max_seconds: float) -> np.ndarray:
    """Load, trim silence, cap the length (with a short fade-out when cut)."""
    y, _ = librosa.load(path, sr=SAMPLE_RATE, mono=True)
    if y.size == 0 or not np.isfinite(y).all() or np.abs(y).max() == 0:
        return np.zeros(0, dtype=np.float32)
    _, (start, end) = librosa.effects.trim(y, top_db=60, frame_length=512, hop_length=128)
    start = max(0, start - int(0.005 * SAMPLE_RATE))
    y = y[start:end]
    if y.size > 64:
        y = sosfiltfilt(butter(2, DC_CUTOFF_HZ, "highpass", fs=SAMPLE_RATE, output="sos"), y)
    cap = int(max_seconds * SAMPLE_RATE)
    if y.size > cap:
        y = y[:cap].copy()
        fade = int(0.02 * SAMPLE_RATE)
        y[-fade:] *= np.linspace(1.0, 0.0, fade, dtype=np.float32)
    return y.astype(np.float32)


def is_validation(relative: str, percent: float) -> bool:
    """Deterministic by-sample split from the SHA-1 of the relative path."""
    return hashlib.sha1(relative.encode("utf-8")).digest()[0] < 256 * percent / 100


def main() -> None:
    parser = argparse.ArgumentParser(description="Build the hydrogen-drumkits impact dataset.")
    parser.add_argument("--kits-dir", type=Path, default=Path("/usr/share/hydrogen/data/drumkits"))
    parser.add_argument("--extra-kits-dir", type=Path, action="append", default=[],
                        help="another folder of kit folders (repeatable), e.g. training/sources/sf2")
    parser.add_argument("--out", type=Path, default=Path("training/data"))
    parser.add_argument("--max-seconds", type=float, default=2.0)
    parser.add_argument("--split", choices=("kit", "sample"), default="kit")
    parser.add_argument("--validation-percent", type=float, default=10.0, help="--split sample only")
    parser.add_argument("--min-frames", type=int, default=4)
    parser.add_argument("--voicing", choices=("on", "hold", "noise", "off"), default="on",
                        help="on: f0 = 0 on unvoiced frames; hold: they keep the nearest voiced pitch; "
                             "noise: held, but f0 = 0 on noise-like frames; "
                             "off: keep YIN's f0 on every frame (the v1 curves; what the engine's descriptors measure)")
    args = parser.parse_args()

    files = [(root, p) for root in [args.kits_dir, *args.extra_kits_dir]
             for p in sorted(root.rglob("*")) if p.suffix.lower() in AUDIO_SUFFIXES]
    if not files:
        raise SystemExit(f"{args.kits_dir}: no audio files (apt-get install hydrogen-drumkits)")
    splits = {"train": ([], []), "validation": ([], [])}
    manifest = []
    for i, (root, path) in enumerate(files):
        relative = str(path.relative_to(root))
        kit = relative.split("/")[0]
        copyright_holder, licence = KIT_LICENCES.get(kit, ("unknown", "unknown"))
        entry = {"path": relative, "kit": kit, "licence": licence, "copyright": copyright_holder}
        if licence == "unknown":
            manifest.append({**entry, "skipped": "licence not recorded"})
            continue
        if kit in EVALUATION_KITS:
            manifest.append({**entry, "skipped": "kept for independent evaluation"})
            continue
        y = prepare_audio(path, args.max_seconds)
        if y.size >= HOP * (args.min_frames + 1):
            feats = descriptors(y) if args.voicing == "off" else \
                apply_voicing(descriptors(y), y, "zero" if args.voicing == "on" else args.voicing)
        else:
            feats = np.zeros((0, 7), np.float32)
        if feats.shape[0] < args.min_frames:
            manifest.append({**entry, "skipped": "shorter than min-frames after trimming"})
            continue
        held_out = kit in VALIDATION_KITS if args.split == "kit" else is_validation(relative, args.validation_percent)
        split = "validation" if held_out else "train"
        splits[split][0].append(y[: feats.shape[0] * HOP])
        splits[split][1].append(feats)
        manifest.append({**entry, "split": split, "frames": int(feats.shape[0])})
        if i % 50 == 0:
            print(f"{i}/{len(files)} {relative}", flush=True)

    args.out.mkdir(parents=True, exist_ok=True)
    arrays = {}
    for split, (audios, feats) in splits.items():
        arrays[f"{split}_audio"] = np.concatenate(audios)
        arrays[f"{split}_features"] = np.concatenate(feats)
        arrays[f"{split}_frame_offsets"] = np.cumsum([0] + [f.shape[0] for f in feats]).astype(np.int64)
    np.savez(args.out / "dataset.npz", **arrays)
    train = arrays["train_features"].astype(np.float64)
    stats = {
        "input_mean": train.mean(axis=0).astype(np.float32).tolist(),
        "input_std": train.std(axis=0).astype(np.float32).tolist(),
        "train_files": len(splits["train"][1]),
        "validation_files": len(splits["validation"][1]),
        "train_frames": int(train.shape[0]),
        "validation_frames": int(arrays["validation_features"].shape[0]),
        "max_seconds": args.max_seconds,
        "kits": sorted({entry["kit"] for entry in manifest if "split" in entry}),
        "split": f"by kit, held out: {', '.join(VALIDATION_KITS)}" if args.split == "kit"
        else f"by sample, SHA-1 of relative path, {args.validation_percent}% validation",
        "voicing": {"on": "training/voicing.py", "hold": "training/voicing.py, held f0",
                    "noise": "training/voicing.py, held f0, f0 = 0 on noise-like frames", "off": "off"}[args.voicing],
        "dc_highpass_hz": DC_CUTOFF_HZ,
    }
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=1))
    (args.out / "stats.json").write_text(json.dumps(stats, indent=1))
    print(json.dumps(stats, indent=1))


if __name__ == "__main__":
    main()
