"""SoundFont sample extraction: a synthetic SoundFont with one mono sample and one stereo pair.

Run from the repository root: ``.venv-train/bin/python -m unittest training.tests.test_extract_sf2``.
"""

from __future__ import annotations

import struct
import tempfile
import unittest
from pathlib import Path

import numpy as np

from training.extract_sf2 import HEADER, LEFT, MONO, RIGHT, samples


def chunk(identifier: bytes, body: bytes) -> bytes:
    """One RIFF chunk (padded to an even length)."""
    return identifier + struct.pack("<I", len(body)) + body + (b"\0" if len(body) % 2 else b"")


def soundfont(pcm: np.ndarray, headers: list[tuple]) -> bytes:
    """A minimal sfbk file: INFO, sdta/smpl with `pcm`, pdta/shdr with `headers` and EOS."""
    table = b"".join(HEADER.pack(*h) for h in headers + [(b"EOS", 0, 0, 0, 0, 0, 0, 0, 0, 0)])
    body = (b"sfbk" + chunk(b"LIST", b"INFO" + chunk(b"ifil", struct.pack("<HH", 2, 1)))
            + chunk(b"LIST", b"sdta" + chunk(b"smpl", pcm.astype("<i2").tobytes()))
            + chunk(b"LIST", b"pdta" + chunk(b"shdr", table)))
    return b"RIFF" + struct.pack("<I", len(body)) + body


class ExtractSoundFontTests(unittest.TestCase):
    def test_mono_samples_as_they_are_and_stereo_pairs_mixed_once(self):
        pcm = np.array([1000, -1000, 2000, 0, 0, 4000, 4000, 4000, 0, 2000, 2000, 2000], dtype=np.int16)
        headers = [
            (b"Kick", 0, 3, 0, 0, 44100, 60, 0, 0, MONO),
            (b"RideL", 5, 8, 0, 0, 48000, 60, 0, 2, LEFT),
            (b"RideR", 9, 12, 0, 0, 48000, 60, 0, 1, RIGHT),
        ]
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "Kit.sf2"
            path.write_bytes(soundfont(pcm, headers))
            found = list(samples(path))
        self.assertEqual([(name, rate) for name, rate, _ in found], [("Kick", 44100), ("RideL", 48000)])
        np.testing.assert_allclose(found[0][2], np.array([1000, -1000, 2000]) / 32768)
        np.testing.assert_allclose(found[1][2], np.array([3000, 3000, 3000]) / 32768)

    def test_a_file_that_is_not_a_soundfont_is_refused(self):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "not.sf2"
            path.write_bytes(b"RIFF\x04\x00\x00\x00WAVE")
            with self.assertRaisesRegex(ValueError, "not a SoundFont 2 file"):
                list(samples(path))

    def test_a_truncated_chunk_is_refused(self):
        data = soundfont(np.zeros(4, dtype=np.int16), [(b"A", 0, 4, 0, 0, 44100, 60, 0, 0, MONO)])
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "cut.sf2"
            path.write_bytes(data[:-30])
            with self.assertRaises(ValueError):
                list(samples(path))


if __name__ == "__main__":
    unittest.main()
