"""Building blocks of the hn-sinc-NSF model (SPEC.md §3–§5), channel-first tensors ``[B, C, L]``."""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

PI32 = float(torch.tensor(math.pi, dtype=torch.float32))
TWO_PI32 = float(torch.tensor(2 * math.pi, dtype=torch.float32))


def moving_average(v: torch.Tensor, length: int) -> torch.Tensor:
    """``MA_N`` of SPEC.md §3.2 along the last axis: replicate padding ⌊(N−1)/2⌋ left, the rest right.

    Computed as a float64 running sum (exact up to one rounding), differentiable.
    """
    left = (length - 1) // 2
    right = length - 1 - left
    padded = torch.cat(
        [v[..., :1].expand(*v.shape[:-1], left), v, v[..., -1:].expand(*v.shape[:-1], right)], dim=-1
    ).double()
    sums = F.pad(torch.cumsum(padded, dim=-1), (1, 0))
    return ((sums[..., length:] - sums[..., :-length]) / length).to(v.dtype)


class MovingAverageWeights(nn.Module):
    """Holds the fixed box-filter coefficients under the reference state-dict name (``<prefix>.weight``).

    The computation itself uses :func:`moving_average`; the tensor only keeps the weights file compatible
    with the reference layout (depthwise conv weights ``[channels, 1, N]``, all ``1/N``).
    """

    def __init__(self, channels: int, length: int):
        super().__init__()
        self.length = length
        self.register_buffer("weight", torch.full((channels, 1, length), 1.0 / length))


class UpsampleSmoother(nn.Module):
    """Two moving averages (``l_ave1``, ``l_ave2``) after nearest up-sampling."""

    def __init__(self, channels: int, length: int, passes: int):
        super().__init__()
        if passes != 2:
            raise ValueError("NSF config: cond_module.upsample_smoothing_passes must be 2")
        self.l_ave1 = MovingAverageWeights(channels, length)
        self.l_ave2 = MovingAverageWeights(channels, length)

    def forward(self, v: torch.Tensor) -> torch.Tensor:
        return moving_average(moving_average(v, self.l_ave2.length), self.l_ave1.length)


class ConditionModule(nn.Module):
    """Frame CNN, up-sampling, smoothing, context and cut-off frequency (SPEC.md §3)."""

    def __init__(self, cfg):
        super().__init__()
        h, k = cfg.hidden_dim, cfg.cond_conv_kernel
        self.upsamp_rate = cfg.upsamp_rate
        self.cut_f_len = cfg.cut_f_smooth_len
        self.l_conv1ds = nn.ModuleList(
            [nn.Conv1d(cfg.input_dim if i == 0 else h, h, k, padding=(k - 1) // 2) for i in range(cfg.cond_conv_layers)]
        )
        self.l_upsamp = UpsampleSmoother(h, cfg.upsample_smoothing_len, cfg.upsample_smoothing_passes)
        self.l_upsamp_f0_hi = UpsampleSmoother(1, cfg.upsample_smoothing_len, cfg.upsample_smoothing_passes)
        self.l_cut_f_smooth = MovingAverageWeights(1, cfg.cut_f_smooth_len)

    def frame_cnn(self, z: torch.Tensor, capture: dict | None) -> torch.Tensor:
        """``z`` ``[B, 7, T]`` normalised features → ``G`` ``[B, H, T]``."""
        g = z
        for i, conv in enumerate(self.l_conv1ds):
            g = torch.tanh(conv(g))
            if capture is not None:
                capture[f"cond_conv{i}"] = g
        return g

    def forward(self, z: torch.Tensor, uv: torch.Tensor, capture: dict | None = None):
        """Returns the context ``C`` ``[B, H, L]`` and the smoothed cut-off ``f_c`` ``[B, 1, L]``."""
        g = self.frame_cnn(z, capture)
        u = self.l_upsamp(torch.repeat_interleave(g, self.upsamp_rate, dim=-1))
        phi = self.l_upsamp_f0_hi(torch.repeat_interleave(z[:, -1:, :], self.upsamp_rate, dim=-1))
        context = torch.cat([u[:, :-1], phi], dim=1)
        hidden_cut = u[:, -1:]
        cut_raw = (0.2 * hidden_cut + 0.4 * uv) + 0.3
        cut_f = moving_average(cut_raw, self.cut_f_len)
        if capture is not None:
            capture.update(context=context, hidden_cut_f=hidden_cut, cut_f_raw=cut_raw, cut_f=cut_f)
        return context, cut_f


class SourceModule(nn.Module):
    """Harmonic sines + noise, merged to the harmonic excitation; separate noise excitation (SPEC.md §4)."""

    def __init__(self, cfg):
        super().__init__()
        self.num_sines = cfg.num_sines
        self.sampling_rate = cfg.sampling_rate
        self.sine_amp = cfg.sine_amp
        self.noise_std = cfg.noise_std
        self.l_linear = nn.Linear(cfg.num_sines, 1)
        self.register_buffer("harmonics", torch.arange(1, cfg.num_sines + 1, dtype=torch.float32), persistent=False)

    def sines(self, f0: torch.Tensor, uv: torch.Tensor, rand_ini: torch.Tensor, randn_sine: torch.Tensor):
        """``f0``, ``uv`` ``[B, L, 1]`` → noisy sines ``E`` ``[B, L, num_sines]``."""
        q = (f0 * self.harmonics) / self.sampling_rate
        rad = q - torch.floor(q)
        initial = rand_ini.clone()
        initial[:, 0] = 0
        rad = torch.cat([rad[:, :1] + initial[:, None, :], rad[:, 1:]], dim=1)
        acc = torch.cumsum(rad.double(), dim=1).float()
        wrapped = acc - torch.floor(acc)
        shift = torch.zeros_like(rad)
        shift[:, 1:] = ((wrapped[:, 1:] - wrapped[:, :-1]) < 0).float() * -1.0
        phase = torch.cumsum((rad + shift).double(), dim=1).float()
        sine = torch.sin((phase * 2) * PI32) * self.sine_amp
        amp = uv * self.noise_std + ((1 - uv) * self.sine_amp) / 3
        return sine * uv + amp * randn_sine

    def forward(self, f0, uv, rand_ini, randn_sine, randn_noise, capture: dict | None = None):
        """Returns the harmonic excitation ``S`` and noise excitation ``N`` as ``[B, 1, L]``."""
        with torch.no_grad():
            sines = self.sines(f0, uv, rand_ini, randn_sine)
        har = torch.tanh(self.l_linear(sines))
        noi = (randn_noise * self.sine_amp) / 3
        if capture is not None:
            capture.update(sine_waves=sines, har_source=har, noi_source=noi)
        return har.transpose(1, 2), noi.transpose(1, 2)


class FilterBlock(nn.Module):
    """Neural filter block: expand, causal dilated tanh convs with context, scale, compress, residual."""

    def __init__(self, hidden: int, middle: int, dilations: list[int], kernel: int, scale: float):
        super().__init__()
        self.dilations = list(dilations)
        self.kernel = kernel
        self.l_ff_1 = nn.Linear(1, hidden, bias=False)
        self.l_convs = nn.ModuleList([nn.Conv1d(hidden, hidden, kernel, dilation=d, bias=False) for d in dilations])
        self.l_ff_2 = nn.Linear(hidden, middle, bias=False)
        self.l_ff_3 = nn.Linear(middle, 1, bias=False)
        self.register_buffer("scale", torch.tensor([scale], dtype=torch.float32))

    def forward(self, s: torch.Tensor, context: torch.Tensor) -> torch.Tensor:
        """``s`` ``[B, 1, L]``, ``context`` ``[B, H, L]`` → ``[B, 1, L]``."""
        a = torch.tanh(F.conv1d(s, self.l_ff_1.weight.unsqueeze(-1)))
        for conv, d in zip(self.l_convs, self.dilations):
            c = torch.tanh(conv(F.pad(a, ((self.kernel - 1) * d, 0))))
            a = (a + c) + context
        a = a * self.scale
        b = torch.tanh(F.conv1d(a, self.l_ff_2.weight.unsqueeze(-1)))
        q = torch.tanh(F.conv1d(b, self.l_ff_3.weight.unsqueeze(-1)))
        return q + s


def sinc_coefficients(cut_f: torch.Tensor, order: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Per-sample windowed-sinc low-/high-pass taps (SPEC.md §5.3): ``cut_f`` ``[B, 1, L]`` → two ``[B, L, order]``."""
    half = order // 2
    n = torch.arange(-half, half + 1, dtype=torch.float32, device=cut_f.device)
    window = 0.54 + 0.46 * torch.cos((TWO_PI32 * n) / order)
    centre = n == 0

    def sinc(y: torch.Tensor) -> torch.Tensor:
        arg = PI32 * y
        safe = torch.where(centre, torch.ones_like(arg), arg)
        return torch.where(centre, torch.ones_like(arg), torch.sin(safe) / safe)

    f = cut_f.transpose(1, 2)
    lp_sinc = f * sinc(f * n)
    lp_raw = lp_sinc * window
    hp_raw = (sinc(n) - lp_sinc) * window
    sign = 1.0 - 2.0 * (n.abs() % 2)
    lp = lp_raw / lp_raw.sum(-1, keepdim=True)
    hp = hp_raw / (hp_raw * sign).sum(-1, keepdim=True)
    return lp, hp


def time_varying_fir(v: torch.Tensor, coef: torch.Tensor) -> torch.Tensor:
    """``y[t] = Σ_k v[t−k]·coef[t, k]`` with zero history: ``v`` ``[B, 1, L]``, ``coef`` ``[B, L, K]`` → ``[B, 1, L]``."""
    taps = coef.shape[-1]
    frames = F.pad(v, (taps - 1, 0)).unfold(-1, taps, 1).flip(-1)
    return (frames[:, 0] * coef).sum(-1).unsqueeze(1)


class FilterModule(nn.Module):
    """Harmonic and noise branches followed by the time-varying sinc filters (SPEC.md §5)."""

    def __init__(self, cfg):
        super().__init__()
        h, m, k, s = cfg.hidden_dim, cfg.ff_middle_dim, cfg.filter_kernel, cfg.block_scale
        self.sinc_order = cfg.sinc_order
        self.l_har_blocks = nn.ModuleList(
            [FilterBlock(h, m, cfg.harmonic_dilations, k, s) for _ in range(cfg.harmonic_blocks)]
        )
        self.l_noi_blocks = nn.ModuleList([FilterBlock(h, m, cfg.noise_dilations, k, s) for _ in range(cfg.noise_blocks)])

    def forward(self, har, noi, context, cut_f, capture: dict | None = None) -> torch.Tensor:
        for i, block in enumerate(self.l_har_blocks):
            har = block(har, context)
            if capture is not None:
                capture[f"har_block{i}"] = har
        for i, block in enumerate(self.l_noi_blocks):
            noi = block(noi, context)
            if capture is not None:
                capture[f"noi_block{i}"] = noi
        lp, hp = sinc_coefficients(cut_f, self.sinc_order)
        har_signal = time_varying_fir(har, lp)
        noi_signal = time_varying_fir(noi, hp)
        if capture is not None:
            capture.update(lp_coef=lp, hp_coef=hp, har_signal=har_signal, noi_signal=noi_signal)
        return (har_signal + noi_signal)[:, 0]
