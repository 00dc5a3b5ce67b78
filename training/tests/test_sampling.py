"""Tests of the training segment sampler (training/train.py ``SegmentSampler``)."""
import collections
import random
import unittest

import torch

from training.train import SegmentSampler


class FakeSplit:
    """A split of files of the given frame counts whose every feature value is the file's index."""

    def __init__(self, frame_counts):
        self.frame_counts = frame_counts

    def __len__(self):
        return len(self.frame_counts)

    def frames(self, i):
        return self.frame_counts[i]

    def segment(self, i, start, length):
        features = torch.full((1, length, 7), float(i))
        features[0, :, 1] = torch.arange(start, start + length, dtype=torch.float32)
        return features, torch.zeros(1, length * 512)

    def whole(self, i):
        return self.segment(i, 0, self.frames(i))

    def peak_rms(self, i):
        return 1.0


def draw(sampler, count, seed=1):
    """File index and start frame of ``count`` segments."""
    rng = random.Random(seed)
    segments = [sampler.sample(rng)[0] for _ in range(count)]
    return [(int(s[0, 0, 0]), int(s[0, 0, 1])) for s in segments]


class SegmentSamplerTests(unittest.TestCase):
    def test_uniform_weighting_draws_every_file_alike(self):
        hits = collections.Counter(i for i, _ in draw(SegmentSampler(FakeSplit([20, 300]), 16), 4000))
        self.assertAlmostEqual(hits[1] / 4000, 0.5, delta=0.04)

    def test_frame_weighting_draws_files_by_length(self):
        sampler = SegmentSampler(FakeSplit([20, 300]), 16, hit_weighting="frames")
        hits = collections.Counter(i for i, _ in draw(sampler, 4000))
        self.assertAlmostEqual(hits[1] / 4000, 300 / 320, delta=0.02)

    def test_onset_share_sets_how_often_a_segment_starts_at_frame_zero(self):
        for share in (0.0, 0.5, 1.0):
            starts = [start for _, start in draw(SegmentSampler(FakeSplit([400]), 16, onset_share=share), 2000)]
            onset = sum(start == 0 for start in starts) / len(starts)
            self.assertAlmostEqual(onset, share, delta=0.04, msg=f"onset share {share}")
            self.assertTrue(all(0 <= start <= 400 - 16 for start in starts))

    def test_short_files_are_used_whole(self):
        features, audio, peak = SegmentSampler(FakeSplit([10]), 16).sample(random.Random(3))
        self.assertEqual(features.shape, (1, 10, 7))
        self.assertEqual(audio.shape, (1, 10 * 512))

    def test_bad_settings_are_refused(self):
        with self.assertRaisesRegex(ValueError, "onset share"):
            SegmentSampler(FakeSplit([10]), 16, onset_share=1.5)
        with self.assertRaisesRegex(ValueError, "hit weighting"):
            SegmentSampler(FakeSplit([10]), 16, hit_weighting="loud")


if __name__ == "__main__":
    unittest.main()
