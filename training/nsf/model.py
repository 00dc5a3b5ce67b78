"""The complete hn-sinc-NSF model and its loader."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import torch
from safetensors.torch import load_file
from torch import nn

from .config import NSFConfig
from .layers import ConditionModule, FilterModule, SourceModule


@dataclass
class RandomDraws:
    """The three random tensors of one forward call (SPEC.md §6), batch-first.

    ``rand_ini`` ``[B, num_sines]`` U[0,1) (element 0 is ignored), ``randn_sine`` ``[B, L, num_sines]`` and
    ``randn_noise`` ``[B, L, 1]`` standard normal.
    """

    rand_ini: torch.Tensor
    randn_sine: torch.Tensor
    randn_noise: torch.Tensor

    @staticmethod
    def sample(batch: int, samples: int, num_sines: int, generator: torch.Generator | None = None) -> "RandomDraws":
        """Fresh draws from torch's RNG."""
        return RandomDraws(
            torch.rand(batch, num_sines, generator=generator),
            torch.randn(batch, samples, num_sines, generator=generator),
            torch.randn(batch, samples, 1, generator=generator),
        )

    def to(self, device: torch.device) -> "RandomDraws":
        """The same draws on ``device``."""
        return RandomDraws(self.rand_ini.to(device), self.randn_sine.to(device), self.randn_noise.to(device))


class NSFModel(nn.Module):
    """hn-sinc-NSF: 7 frame-rate descriptors ``[B, T, 7]`` (raw units, f0 in Hz) → waveform ``[B, T·upsamp_rate]``.

    State-dict names and layouts are those of the reference model (``m_cond.*``, ``m_source.*``,
    ``m_filter.*``, ``input_mean``, ``input_std``, ``output_mean``, ``output_std``).
    """

    def __init__(self, cfg: NSFConfig):
        super().__init__()
        cfg.validate()
        self.cfg = cfg
        self.register_buffer("input_mean", torch.tensor(cfg.input_mean, dtype=torch.float32))
        self.register_buffer("input_std", torch.tensor(cfg.input_std, dtype=torch.float32))
        self.register_buffer("output_mean", torch.zeros(1, 1))
        self.register_buffer("output_std", torch.ones(1, 1))
        self.m_cond = ConditionModule(cfg)
        self.m_source = SourceModule(cfg)
        self.m_filter = FilterModule(cfg)

    def forward(self, x: torch.Tensor, draws: RandomDraws | None = None, capture: dict | None = None) -> torch.Tensor:
        """Run the model; ``draws`` injects the random tensors, ``capture`` (a dict) receives the intermediates."""
        batch, frames, _ = x.shape
        samples = frames * self.cfg.upsamp_rate
        if draws is None:
            draws = RandomDraws.sample(batch, samples, self.cfg.num_sines).to(x.device)
        z = (x - self.input_mean) / self.input_std
        f0 = torch.repeat_interleave(x[:, :, -1:], self.cfg.upsamp_rate, dim=1)
        uv = (f0 > self.cfg.voiced_threshold).float()
        if capture is not None:
            capture.update(features_normalized=z, f0_upsampled=f0, uv=uv)
        context, cut_f = self.m_cond(z.transpose(1, 2), uv.transpose(1, 2), capture)
        har, noi = self.m_source(f0, uv, draws.rand_ini, draws.randn_sine, draws.randn_noise, capture)
        out = self.m_filter(har, noi, context, cut_f, capture)
        if capture is not None:
            capture["output"] = out
        return out

    def set_input_statistics(self, mean, std) -> None:
        """Replace the normalisation statistics (buffers and config)."""
        self.input_mean.copy_(torch.as_tensor(mean, dtype=torch.float32))
        self.input_std.copy_(torch.as_tensor(std, dtype=torch.float32))
        self.cfg.input_mean = [float(v) for v in self.input_mean]
        self.cfg.input_std = [float(v) for v in self.input_std]


def load_model(weights: str | Path, architecture: str | Path) -> NSFModel:
    """Build the model described by the JSON config ``architecture`` and load ``weights`` (safetensors), eval mode."""
    cfg = NSFConfig.load(architecture)
    model = NSFModel(cfg)
    state = load_file(str(weights))
    missing, unexpected = model.load_state_dict(state, strict=False)
    if missing or unexpected:
        raise ValueError(f"{weights}: state dict mismatch; missing {missing}, unexpected {unexpected}")
    cfg.input_mean = [float(v) for v in model.input_mean]
    cfg.input_std = [float(v) for v in model.input_std]
    return model.eval()
