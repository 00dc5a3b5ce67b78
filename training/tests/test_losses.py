"""Tests of the spectral-shape and flatness terms of the training loss (training/losses.py)."""
import math
import unittest

import torch

from training.losses import ImpactLoss, SpectralShapeLoss

SAMPLE_RATE = 22050


def sine(frequency: float, seconds: float = 0.5, amplitude: float = 0.5) -> torch.Tensor:
    """A ``[1, L]`` sine of ``frequency`` Hz."""
    t = torch.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    return (amplitude * torch.sin(2 * math.pi * frequency * t))[None]


class SpectralShapeLossTests(unittest.TestCase):
    def test_identical_signals_cost_nothing(self):
        y = sine(1000.0) + 0.01 * torch.randn(1, 11025, generator=torch.Generator().manual_seed(1))
        self.assertAlmostEqual(SpectralShapeLoss()(y, y).item(), 0.0, places=6)

    def test_a_sine_has_its_frequency_as_centroid(self):
        centroid, bandwidth, _, _ = SpectralShapeLoss().shape(sine(2756.25))
        middle = centroid[0, 2:-2]
        self.assertTrue(torch.allclose(middle, torch.full_like(middle, 0.25), atol=2e-3), middle)
        self.assertLess(bandwidth[0, 2:-2].max().item(), 0.03)  # the Hann window's leakage only

    def test_the_distance_grows_with_the_centroid_gap(self):
        loss = SpectralShapeLoss()
        target = sine(1000.0)
        near, far = loss(sine(1500.0), target).item(), loss(sine(4000.0), target).item()
        self.assertGreater(far, 2 * near)
        self.assertAlmostEqual(far, 3000.0 / (SAMPLE_RATE / 2), delta=0.05)

    def test_noise_is_flatter_than_a_sine(self):
        loss = SpectralShapeLoss()
        noise = 0.1 * torch.randn(1, 11025, generator=torch.Generator().manual_seed(2))
        _, _, tone_flatness, _ = loss.shape(sine(1000.0))
        _, _, noise_flatness, _ = loss.shape(noise)
        self.assertGreater(noise_flatness[0, 2:-2].min().item(), tone_flatness[0, 2:-2].max().item() + 3.0)
        self.assertAlmostEqual(loss.distances(noise, noise)[1].item(), 0.0, places=6)
        self.assertGreater(loss.distances(sine(1000.0), noise)[1].item(), 3.0)

    def test_frames_below_the_floor_do_not_count(self):
        silent = torch.zeros(1, 11025)
        self.assertEqual(SpectralShapeLoss()(sine(3000.0), silent).item(), 0.0)
        self.assertEqual(SpectralShapeLoss().distances(sine(3000.0), silent)[1].item(), 0.0)

    def test_the_weight_adds_the_term_to_the_impact_loss(self):
        output, target = sine(1500.0, seconds=512 * 16 / SAMPLE_RATE), sine(1000.0, seconds=512 * 16 / SAMPLE_RATE)
        output.requires_grad_(True)
        plain, shaped = ImpactLoss(), ImpactLoss(shape_weight=5.0, flatness_weight=0.5)
        parts = shaped.components(output, target)
        added = 5.0 * parts["shape"].item() + 0.5 * parts["flatness"].item()
        self.assertAlmostEqual((shaped.combine(parts) - plain.combine(parts)).item(), added, places=5)
        shaped(output, target).backward()
        self.assertTrue(torch.isfinite(output.grad).all() and output.grad.abs().sum() > 0)


if __name__ == "__main__":
    unittest.main()
