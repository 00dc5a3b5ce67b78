"""Multi-resolution STFT loss used for training and validation.

Per resolution: mean ``|log(|Y|+ε) − log(|Ŷ|+ε)|`` plus mean ``| |Y| − |Ŷ| |``, with ``|·|`` the magnitude of a
Hann-windowed STFT normalised by ``1/√n_fft`` (hop ``n_fft/4``); averaged over the resolutions. The
spectral-convergence term common in vocoder training is left out on purpose: it divides by the target's
energy and explodes on the quiet tails of impacts.
"""

from __future__ import annotations

import torch

FFT_SIZES = (2048, 1024, 512, 256, 128)


class MultiResolutionSTFTLoss(torch.nn.Module):
    """Log- plus linear-magnitude L1 distance, averaged over ``fft_sizes``."""

    def __init__(self, fft_sizes=FFT_SIZES, eps: float = 1e-5):
        super().__init__()
        self.fft_sizes = tuple(fft_sizes)
        self.eps = eps
        for n in self.fft_sizes:
            self.register_buffer(f"window_{n}", torch.hann_window(n), persistent=False)

    def magnitude(self, y: torch.Tensor, n: int) -> torch.Tensor:
        """``|STFT|/√n`` of ``y`` ``[B, L]``."""
        window = getattr(self, f"window_{n}")
        return torch.stft(y, n, hop_length=n // 4, window=window, normalized=True, return_complex=True).abs()

    def forward(self, output: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        """``output``, ``target`` ``[B, L]`` → scalar loss."""
        total = output.new_zeros(())
        for n in self.fft_sizes:
            mo, mt = self.magnitude(output, n), self.magnitude(target, n)
            log_mag = (torch.log(mt + self.eps) - torch.log(mo + self.eps)).abs().mean()
            linear = (mt - mo).abs().mean()
            total = total + log_mag + linear
        return total / len(self.fft_sizes)
