"""Access to training/data/dataset.npz (written by build_dataset.py): per-file features and audio."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import torch

HOP = 512


class ImpactSplit:
    """One split (``train`` or ``validation``): file ``i`` has ``features(i)`` ``[T, 7]`` and ``audio(i)`` ``[T·512]``."""

    def __init__(self, data_dir: Path, split: str):
        arrays = np.load(Path(data_dir) / "dataset.npz")
        self.features_all = arrays[f"{split}_features"]
        self.audio_all = arrays[f"{split}_audio"]
        self.offsets = arrays[f"{split}_frame_offsets"]

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def frames(self, i: int) -> int:
        return int(self.offsets[i + 1] - self.offsets[i])

    def segment(self, i: int, start: int, length: int) -> tuple[torch.Tensor, torch.Tensor]:
        """Frames ``start … start+length−1`` of file ``i``: features ``[1, length, 7]`` and audio ``[1, length·512]``."""
        a = int(self.offsets[i]) + start
        feats = torch.from_numpy(self.features_all[a : a + length].copy()).unsqueeze(0)
        audio = torch.from_numpy(self.audio_all[a * HOP : (a + length) * HOP].copy()).unsqueeze(0)
        return feats, audio

    def peak_rms(self, i: int) -> float:
        """The loudest frame rms of file ``i`` (descriptor 0)."""
        a, b = int(self.offsets[i]), int(self.offsets[i + 1])
        return float(self.features_all[a:b, 0].max())

    def whole(self, i: int) -> tuple[torch.Tensor, torch.Tensor]:
        """The complete file ``i``."""
        return self.segment(i, 0, self.frames(i))


def load_statistics(data_dir: Path) -> tuple[list[float], list[float]]:
    """Training-set normalisation statistics (input_mean, input_std)."""
    stats = json.loads((Path(data_dir) / "stats.json").read_text())
    return stats["input_mean"], stats["input_std"]
