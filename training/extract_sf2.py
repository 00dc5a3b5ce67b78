"""Extract the one-shot samples of a SoundFont 2 file as WAV files, one kit folder per file.

Usage: python -m training.extract_sf2 FILE.sf2 [FILE.sf2 ...] --out training/sources/sf2

For Debian's ``avldrums.lv2-soundfont`` (the AVL Drumkits by Glen MacArthur, CC-BY-SA-3.0): ``python -m
training.extract_sf2 /usr/share/sounds/sf2/Black_Pearl_4_LV2.sf2 /usr/share/sounds/sf2/Red_Zeppelin_4_LV2.sf2``,
then ``python -m training.build_dataset --extra-kits-dir training/sources/sf2``.

A SoundFont holds its audio as one block of 16-bit samples (``sdta/smpl``) and a table of sample headers
(``pdta/shdr``: name, start, end, loop points, rate, pitch, link, type). Each header's ``start … end`` range is
one recording; a stereo pair (type 4 = left, linked to a type 2 = right) is written once, as the mean of its two
channels; mono samples (type 1) as they are; ROM samples and the terminal ``EOS`` header are skipped. The kit
folder is named after the file (``Black_Pearl_4_LV2``), each WAV after its header (made file-name safe).
"""

from __future__ import annotations

import argparse
import re
import struct
from pathlib import Path

import numpy as np
import soundfile

HEADER = struct.Struct("<20sIIIIIbBHH")
MONO, RIGHT, LEFT = 1, 2, 4


def chunks(data: bytes, start: int, end: int):
    """The (id, body start, body end) of the RIFF chunks in ``data[start:end]``."""
    position = start
    while position + 8 <= end:
        identifier, size = data[position:position + 4], struct.unpack_from("<I", data, position + 4)[0]
        body = position + 8
        if body + size > end:
            raise ValueError(f"chunk {identifier!r} at byte {position} runs past its parent (size {size})")
        yield identifier, body, body + size
        position = body + size + (size & 1)


def find_list(data: bytes, start: int, end: int, kind: bytes) -> tuple[int, int]:
    """The body of the ``LIST`` chunk of ``kind`` (after its 4-byte type) in ``data[start:end]``."""
    for identifier, body, body_end in chunks(data, start, end):
        if identifier == b"LIST" and data[body:body + 4] == kind:
            return body + 4, body_end
    raise ValueError(f"no LIST {kind.decode()} chunk")


def find_chunk(data: bytes, start: int, end: int, identifier: bytes) -> tuple[int, int]:
    """The body of the first chunk ``identifier`` in ``data[start:end]``."""
    for found, body, body_end in chunks(data, start, end):
        if found == identifier:
            return body, body_end
    raise ValueError(f"no {identifier.decode()} chunk")


def samples(path: Path):
    """Yields (name, sample rate, float32 mono audio) for every recording of the SoundFont ``path``."""
    data = path.read_bytes()
    if data[:4] != b"RIFF" or data[8:12] != b"sfbk":
        raise ValueError(f"{path}: not a SoundFont 2 file (no RIFF sfbk header)")
    end = min(len(data), 8 + struct.unpack_from("<I", data, 4)[0])
    sdta, pdta = find_list(data, 12, end, b"sdta"), find_list(data, 12, end, b"pdta")
    smpl_start, smpl_end = find_chunk(data, *sdta, b"smpl")
    pcm = np.frombuffer(data[smpl_start:smpl_end - (smpl_end - smpl_start) % 2], dtype="<i2").astype(np.float32) / 32768
    shdr_start, shdr_end = find_chunk(data, *pdta, b"shdr")
    headers = [HEADER.unpack_from(data, offset) for offset in range(shdr_start, shdr_end - HEADER.size + 1, HEADER.size)]
    for name, start, stop, _, _, rate, _, _, link, kind in headers:
        label = name.split(b"\0")[0].decode("latin-1").strip()
        if label == "EOS" or kind & 0x8000 or kind & 0x7FFF not in (MONO, LEFT) or not 0 <= start < stop <= pcm.size:
            continue
        audio = pcm[start:stop]
        if kind & 0x7FFF == LEFT and link < len(headers):
            partner = headers[link]
            right = pcm[partner[1]:partner[2]] if 0 <= partner[1] < partner[2] <= pcm.size else audio
            length = max(audio.size, right.size)
            audio = (np.pad(audio, (0, length - audio.size)) + np.pad(right, (0, length - right.size))) / 2
        yield label, rate, audio


def main() -> None:
    parser = argparse.ArgumentParser(description="Extract the samples of SoundFont 2 files as WAV kits.")
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=Path("training/sources/sf2"))
    args = parser.parse_args()
    for path in args.files:
        kit = args.out / path.stem
        kit.mkdir(parents=True, exist_ok=True)
        count = 0
        for label, rate, audio in samples(path):
            safe = re.sub(r"[^A-Za-z0-9._-]+", "_", label) or f"sample{count}"
            soundfile.write(kit / f"{count:03d}_{safe}.wav", audio, rate, subtype="FLOAT")
            count += 1
        print(f"{path}: {count} samples → {kit}", flush=True)


if __name__ == "__main__":
    main()
