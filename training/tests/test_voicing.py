"""Voicing modes of training/voicing.py, mode ``noise`` in particular (Swift: PitchVoicing.noiseUnpitched).

Run from the repository root: ``.venv-train/bin/python -m unittest training.tests.test_voicing``.
"""

from __future__ import annotations

import unittest

import numpy as np

from training.voicing import APERIODICITY_LIMIT, apply_voicing, noise_mask, runs_of_at_least


class VoicingTests(unittest.TestCase):
    def test_runs_shorter_than_the_minimum_are_dropped(self) -> None:
        mask = np.array([True, True, False, True, True, True, False, True])
        self.assertEqual(runs_of_at_least(mask, 3).tolist(), [False, False, False, True, True, True, False, False])

    def test_noise_mask_ignores_the_level(self) -> None:
        aperiodic = np.array([0.1, 0.1, 0.9, 0.9, 0.1, 0.9, 0.9, 0.9, APERIODICITY_LIMIT])
        self.assertEqual(noise_mask(aperiodic).tolist(), [False] * 5 + [True] * 4)

    def test_noise_mode_unpitches_the_noise_of_a_tone_then_noise(self) -> None:
        sr = 22050
        t = np.arange(8192) / sr
        rng = np.random.default_rng(5)
        y = np.concatenate([0.5 * np.sin(2 * np.pi * 330 * t), rng.uniform(-0.4, 0.4, 8192)]).astype(np.float32)
        frames = len(y) // 512
        features = np.zeros((frames, 7), dtype=np.float32)
        features[:, 0] = 0.3
        features[:, 6] = np.where(np.arange(frames) < 16, 330.0, rng.uniform(100, 3000, frames))
        held = apply_voicing(features, y, "hold")
        noise = apply_voicing(features, y, "noise")
        self.assertTrue(np.allclose(held[2:14, 6], 330, atol=1))
        self.assertTrue(np.allclose(noise[2:14, 6], 330, atol=1))
        self.assertTrue(np.all(noise[20:frames - 2, 6] == 0))
        self.assertTrue(np.allclose(held[20:frames - 2, 6], 330, atol=1))
        self.assertTrue(np.array_equal(noise[:, :6], features[:, :6]))


if __name__ == "__main__":
    unittest.main()
