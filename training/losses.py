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


class SpectralShapeLoss(torch.nn.Module):
    """Frame-wise distances of spectral centroid, bandwidth and flatness (librosa's definitions, 2048-sample
    frames, hop 512).

    Per frame the magnitude spectrum ``|Y|`` is normalised to a distribution over frequency; centroid
    ``c = Σ p·f`` and bandwidth ``b = √(Σ p·(f − c)²)``, both as fractions of Nyquist; flatness ``φ`` is the
    geometric over the arithmetic mean of the power ``|Y|²`` (floored at ``amin``). The shape distance is the
    mean of ``|c − ĉ| + |b − b̂|``, the flatness distance the mean of ``|log φ − log φ̂|`` (a ratio, like the
    flatness ratio of ``eval``), both over the frames whose target magnitudes sum above ``floor`` (≈ −116 dBFS
    white noise), so a quiet decay counts as much as the attack: the Pearson r of the descriptor curves in
    ``eval`` weights every frame alike, while the STFT terms are dominated by the loud ones.
    """

    def __init__(self, n_fft: int = 2048, floor: float = 1e-3, amin: float = 1e-10):
        super().__init__()
        self.n_fft = n_fft
        self.floor = floor
        self.amin = amin
        self.register_buffer("window", torch.hann_window(n_fft), persistent=False)
        self.register_buffer("frequency", torch.linspace(0.0, 1.0, n_fft // 2 + 1)[:, None], persistent=False)

    def shape(self, y: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
        """Centroid, bandwidth, log flatness and magnitude sum per frame of ``y`` ``[B, L]`` (each ``[B, T]``)."""
        magnitude = torch.stft(y, self.n_fft, hop_length=self.n_fft // 4, window=self.window, normalized=True,
                               pad_mode="constant", return_complex=True).abs()
        total = magnitude.sum(1)
        p = magnitude / (total[:, None] + 1e-12)
        centroid = (p * self.frequency).sum(1)
        spread = (p * (self.frequency - centroid[:, None]).pow(2)).sum(1)
        power = magnitude.pow(2).clamp(min=self.amin)
        log_flatness = power.log().mean(1) - power.mean(1).log()
        return centroid, spread.add(1e-12).sqrt(), log_flatness, total

    def distances(self, output: torch.Tensor, target: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """The shape and the flatness distance of ``output``, ``target`` ``[B, L]`` (0 without an audible frame)."""
        co, bo, fo, _ = self.shape(output)
        ct, bt, ft, total = self.shape(target)
        frames = (total > self.floor).float()
        count = frames.sum().clamp(min=1.0)
        shape = (((co - ct).abs() + (bo - bt).abs()) * frames).sum() / count
        return shape, ((fo - ft).abs() * frames).sum() / count

    def forward(self, output: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        """``output``, ``target`` ``[B, L]`` → the shape distance (scalar)."""
        return self.distances(output, target)[0]


class ImpactLoss(torch.nn.Module):
    """Training objective: multi-resolution STFT + frame DC offset + log frame-RMS envelope + decay tail + shape
    + flatness.

    The STFT terms barely see a DC offset (bin 0 only), yet the harmonic branch of an NSF model can
    produce one (the ``tanh`` source merge has a bias); the DC term is the mean ``|mean(ŷ) − mean(y)|``
    over frames of ``frame`` samples. The envelope term is the mean ``|log(rms(ŷ)+δ) − log(rms(y)+δ)|``
    over the same frames (δ = ``envelope_floor``: 1e-4 for v1, 1e-6 = −120 dBFS for v2, so the level
    follows the requested loudness down the whole decay). The tail term is the mean over the frames whose
    target rms is below 1/100 of the file's peak rms of ``max(0, log(rms(ŷ)+δ) − log(rms(y)+δ))``: it
    only punishes output that hums on after the hit has died. The shape and flatness terms are
    ``SpectralShapeLoss``'s distances (weights ``shape_weight`` and ``flatness_weight``, 0 for v1 and v2).
    """

    def __init__(self, dc_weight: float = 10.0, envelope_weight: float = 1.0, tail_weight: float = 0.0,
                 envelope_floor: float = 1e-4, frame: int = 512, shape_weight: float = 0.0,
                 flatness_weight: float = 0.0):
        super().__init__()
        self.stft = MultiResolutionSTFTLoss()
        self.dc_weight = dc_weight
        self.envelope_weight = envelope_weight
        self.tail_weight = tail_weight
        self.envelope_floor = envelope_floor
        self.frame = frame
        self.shape = SpectralShapeLoss()
        self.shape_weight = shape_weight
        self.flatness_weight = flatness_weight

    def components(self, output: torch.Tensor, target: torch.Tensor, peak_rms: torch.Tensor | None = None
                   ) -> dict[str, torch.Tensor]:
        """The six terms (unweighted) for ``[B, L]`` signals, ``L`` a multiple of ``frame``.

        ``peak_rms`` ``[B]`` is each file's loudest frame rms (defaults to the loudest frame of ``target``).
        """
        fo = output.reshape(output.shape[0], -1, self.frame)
        ft = target.reshape(target.shape[0], -1, self.frame)
        dc = (fo.mean(-1) - ft.mean(-1)).abs().mean()
        rms_o = fo.pow(2).mean(-1).add(1e-12).sqrt()
        rms_t = ft.pow(2).mean(-1).add(1e-12).sqrt()
        log_ratio = torch.log(rms_o + self.envelope_floor) - torch.log(rms_t + self.envelope_floor)
        envelope = log_ratio.abs().mean()
        peak = rms_t.max(-1).values if peak_rms is None else peak_rms.to(rms_t)
        tail_frames = (rms_t < 0.01 * peak[:, None]).float()
        tail = (torch.relu(log_ratio) * tail_frames).sum() / tail_frames.sum().clamp(min=1.0)
        shape, flatness = self.shape.distances(output, target)
        return {"stft": self.stft(output, target), "dc": dc, "envelope": envelope, "tail": tail,
                "shape": shape, "flatness": flatness}

    def combine(self, parts: dict) -> torch.Tensor | float:
        """The weighted sum of ``components``' terms (tensors or floats)."""
        return (parts["stft"] + self.dc_weight * parts["dc"] + self.envelope_weight * parts["envelope"]
                + self.tail_weight * parts["tail"] + self.shape_weight * parts["shape"]
                + self.flatness_weight * parts["flatness"])

    def forward(self, output: torch.Tensor, target: torch.Tensor, peak_rms: torch.Tensor | None = None) -> torch.Tensor:
        return self.combine(self.components(output, target, peak_rms))
