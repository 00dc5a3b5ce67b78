"""Hyper-parameters of an hn-sinc-NSF model, read from / written to the JSON config format.

The JSON layout is the one of ``/work/shared/neurorack/architecture.json`` (top-level keys plus the
``cond_module``, ``source_module`` and ``filter_module`` objects). Keys that are missing fall back to the
reference values, so the reference ``architecture.json`` loads unchanged and a small variant only needs
to state the knobs it changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

FEATURE_ORDER = [
    "rms",
    "zcr",
    "spectral_rolloff_hz",
    "spectral_flatness",
    "spectral_bandwidth_hz",
    "spectral_centroid_hz",
    "f0_hz_yin",
]


def _doubling_dilations(count: int) -> list[int]:
    return [2**i for i in range(count)]


@dataclass
class NSFConfig:
    """All hyper-parameters of the model family (defaults = the deployed Neurorack model)."""

    input_dim: int = 7
    sampling_rate: int = 22050
    upsamp_rate: int = 512
    hidden_dim: int = 64
    input_mean: list[float] = field(default_factory=lambda: [0.0] * 7)
    input_std: list[float] = field(default_factory=lambda: [1.0] * 7)
    cond_conv_layers: int = 3
    cond_conv_kernel: int = 3
    upsample_smoothing_len: int = 512
    upsample_smoothing_passes: int = 2
    cut_f_smooth_len: int = 2048
    harmonic_num: int = 16
    sine_amp: float = 0.1
    noise_std: float = 0.003
    voiced_threshold: float = 0.0
    harmonic_blocks: int = 5
    noise_blocks: int = 1
    harmonic_dilations: list[int] = field(default_factory=lambda: _doubling_dilations(10))
    noise_dilations: list[int] = field(default_factory=lambda: _doubling_dilations(5))
    filter_kernel: int = 3
    block_scale: float = 0.10000000149011612
    ff_middle_dim: int = 16
    sinc_order: int = 31

    def validate(self) -> None:
        """Raise ``ValueError`` naming the offending key when the configuration cannot be built."""
        checks = [
            (self.input_dim == 7, "input_dim must be 7"),
            (len(self.input_mean) == self.input_dim, "input_mean must have input_dim values"),
            (len(self.input_std) == self.input_dim, "input_std must have input_dim values"),
            (all(s > 0 for s in self.input_std), "input_std values must be > 0"),
            (self.hidden_dim >= 16 and self.hidden_dim % 16 == 0, "hidden_dim must be a positive multiple of 16"),
            (self.cond_conv_layers >= 1, "cond_module.conv_layers must be >= 1"),
            (self.cond_conv_kernel % 2 == 1, "cond_module.conv_kernel must be odd"),
            (self.upsamp_rate >= 1, "upsamp_rate must be >= 1"),
            (self.harmonic_num >= 0, "source_module.harmonic_num must be >= 0"),
            (self.harmonic_blocks >= 1 and self.noise_blocks >= 1, "filter_module block counts must be >= 1"),
            (len(self.harmonic_dilations) >= 1, "filter_module.harmonic_dilations must not be empty"),
            (len(self.noise_dilations) >= 1, "filter_module.noise_dilations must not be empty"),
            (self.sinc_order % 2 == 1, "filter_module.sinc_order must be odd"),
            (self.ff_middle_dim >= 1, "filter_module.ff_dims[2] must be >= 1"),
        ]
        for ok, message in checks:
            if not ok:
                raise ValueError(f"NSF config: {message}")

    @property
    def num_sines(self) -> int:
        """Number of sines in the source (fundamental plus harmonics)."""
        return self.harmonic_num + 1

    @staticmethod
    def from_dict(d: dict) -> "NSFConfig":
        """Parse the architecture.json layout."""
        cond = d.get("cond_module", {})
        src = d.get("source_module", {})
        filt = d.get("filter_module", {})
        ref = NSFConfig()
        har_convs = filt.get("convs_per_harmonic_block")
        noi_convs = filt.get("convs_per_noise_block")
        cfg = NSFConfig(
            input_dim=d.get("input_dim", ref.input_dim),
            sampling_rate=d.get("sampling_rate", ref.sampling_rate),
            upsamp_rate=d.get("upsamp_rate", ref.upsamp_rate),
            hidden_dim=d.get("hidden_dim", ref.hidden_dim),
            input_mean=list(d.get("input_mean", ref.input_mean)),
            input_std=list(d.get("input_std", ref.input_std)),
            cond_conv_layers=cond.get("conv_layers", ref.cond_conv_layers),
            cond_conv_kernel=cond.get("conv_kernel", ref.cond_conv_kernel),
            upsample_smoothing_len=cond.get("upsample_smoothing_moving_average_len", ref.upsample_smoothing_len),
            upsample_smoothing_passes=cond.get("upsample_smoothing_passes", ref.upsample_smoothing_passes),
            cut_f_smooth_len=cond.get("cut_f_smooth_len", ref.cut_f_smooth_len),
            harmonic_num=src.get("harmonic_num", ref.harmonic_num),
            sine_amp=src.get("sine_amp", ref.sine_amp),
            noise_std=src.get("noise_std", ref.noise_std),
            voiced_threshold=src.get("voiced_threshold", ref.voiced_threshold),
            harmonic_blocks=filt.get("harmonic_blocks", ref.harmonic_blocks),
            noise_blocks=filt.get("noise_blocks", ref.noise_blocks),
            harmonic_dilations=list(
                filt.get("harmonic_dilations", _doubling_dilations(har_convs) if har_convs else ref.harmonic_dilations)
            ),
            noise_dilations=list(
                filt.get("noise_dilations", _doubling_dilations(noi_convs) if noi_convs else ref.noise_dilations)
            ),
            filter_kernel=filt.get("kernel_size", ref.filter_kernel),
            block_scale=filt.get("block_scale", ref.block_scale),
            ff_middle_dim=filt.get("ff_dims", [1, 0, ref.ff_middle_dim, 1])[2],
            sinc_order=filt.get("sinc_order", ref.sinc_order),
        )
        if har_convs is not None and har_convs != len(cfg.harmonic_dilations):
            raise ValueError("NSF config: filter_module.convs_per_harmonic_block != len(harmonic_dilations)")
        if noi_convs is not None and noi_convs != len(cfg.noise_dilations):
            raise ValueError("NSF config: filter_module.convs_per_noise_block != len(noise_dilations)")
        cfg.validate()
        return cfg

    @staticmethod
    def load(path: str | Path) -> "NSFConfig":
        """Read a JSON config file."""
        with open(path, encoding="utf-8") as fh:
            return NSFConfig.from_dict(json.load(fh))

    def to_dict(self) -> dict:
        """The architecture.json layout (only keys the engine reads, plus descriptive ones)."""
        h = self.hidden_dim
        return {
            "model_class": "hn-sinc-NSF (CNN condition module), Neurorack family",
            "input_dim": self.input_dim,
            "input_feature_order": FEATURE_ORDER,
            "input_mean": [float(v) for v in self.input_mean],
            "input_std": [float(v) for v in self.input_std],
            "output_dim": 1,
            "sampling_rate": self.sampling_rate,
            "upsamp_rate": self.upsamp_rate,
            "hidden_dim": h,
            "cond_module": {
                "conv_layers": self.cond_conv_layers,
                "conv_channels": [[self.input_dim, h]] + [[h, h]] * (self.cond_conv_layers - 1),
                "conv_kernel": self.cond_conv_kernel,
                "conv_bias": True,
                "conv_activation": "tanh",
                "upsample_smoothing_moving_average_len": self.upsample_smoothing_len,
                "upsample_smoothing_passes": self.upsample_smoothing_passes,
                "cut_f_smooth_len": self.cut_f_smooth_len,
                "voiced_threshold": self.voiced_threshold,
            },
            "source_module": {
                "harmonic_num": self.harmonic_num,
                "num_sines": self.num_sines,
                "sine_amp": self.sine_amp,
                "noise_std": self.noise_std,
                "voiced_threshold": self.voiced_threshold,
            },
            "filter_module": {
                "harmonic_blocks": self.harmonic_blocks,
                "noise_blocks": self.noise_blocks,
                "convs_per_harmonic_block": len(self.harmonic_dilations),
                "convs_per_noise_block": len(self.noise_dilations),
                "harmonic_dilations": list(self.harmonic_dilations),
                "noise_dilations": list(self.noise_dilations),
                "kernel_size": self.filter_kernel,
                "conv_causal": True,
                "conv_bias": False,
                "block_scale": self.block_scale,
                "ff_dims": [1, h, self.ff_middle_dim, 1],
                "sinc_order": self.sinc_order,
                "sinc_half_k": self.sinc_order // 2,
            },
            "output_denormalization_applied": False,
        }

    def macs_per_sample(self) -> dict[str, float]:
        """Multiply-adds per output sample (moving averages counted as running sums)."""
        h, m, k = self.hidden_dim, self.ff_middle_dim, self.filter_kernel

        def block(convs: int) -> int:
            return h + convs * k * h * h + h * m + m

        cond = (self.input_dim * h * self.cond_conv_kernel + (self.cond_conv_layers - 1) * h * h * self.cond_conv_kernel)
        parts = {
            "harmonic_blocks": self.harmonic_blocks * block(len(self.harmonic_dilations)),
            "noise_blocks": self.noise_blocks * block(len(self.noise_dilations)),
            "source_merge": self.num_sines,
            "time_varying_fir": 2 * self.sinc_order,
            "cond_convs_amortised": cond / self.upsamp_rate,
            "moving_averages_as_running_sums": 2 * (self.upsample_smoothing_passes * (h + 1) + 1),
        }
        parts["total"] = float(sum(parts.values()))
        return parts
