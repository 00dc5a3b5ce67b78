"""Validation: render every held-out file from its own descriptor curve and compare with the recording.

Usage: python -m training.evaluate --weights W.safetensors --architecture A.json [--data training/data] [--seed 0]
       [--descriptors]

Each file is rendered in ONE forward call (all its frames, at most 2 s), with random draws from a generator
seeded per file, so numbers are reproducible and comparable between models. Prints JSON with the mean
multi-resolution STFT loss, frame DC offset and log-RMS envelope distance (training/losses.py) over files and, with ``--descriptors``, the Pearson r per
descriptor between the input curves and the descriptors re-measured (librosa, SPEC.md §2 settings) on the
rendered audio, pooled over all validation frames.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import torch

from training.build_dataset import descriptors
from training.dataset import ImpactSplit
from training.losses import ImpactLoss
from training.nsf import RandomDraws, load_model
from training.nsf.config import FEATURE_ORDER


def render(model, split: ImpactSplit, i: int, seed: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """File ``i`` rendered from its descriptors: (features, recording, rendering)."""
    feats, audio = split.whole(i)
    generator = torch.Generator().manual_seed(seed * 100_003 + i)
    draws = RandomDraws.sample(1, audio.shape[-1], model.cfg.num_sines, generator)
    device = model.input_mean.device
    with torch.no_grad():
        output = model(feats.to(device), draws.to(device)).cpu()
    return feats, audio, output


def validation_losses(model, split: ImpactSplit, seed: int = 0, loss: ImpactLoss | None = None) -> dict[str, float]:
    """Means over the files of ``split`` of the loss terms of ``loss`` (``stft`` = multi-resolution STFT)."""
    loss = loss or ImpactLoss()
    sums: dict[str, float] = {}
    with torch.no_grad():
        for i in range(len(split)):
            _, audio, output = render(model, split, i, seed)
            for name, value in loss.components(output, audio, torch.tensor([split.peak_rms(i)])).items():
                sums[name] = sums.get(name, 0.0) + value.item()
    return {name: total / len(split) for name, total in sums.items()}


def descriptor_correlations(model, split: ImpactSplit, seed: int = 0) -> dict[str, float]:
    """Pooled Pearson r between input and re-measured descriptors, per descriptor."""
    wanted, measured = [], []
    for i in range(len(split)):
        feats, _, output = render(model, split, i, seed)
        wanted.append(feats[0].numpy())
        measured.append(descriptors(output[0].numpy().astype(np.float32)))
    a, b = np.concatenate(wanted), np.concatenate(measured)
    return {name: round(float(np.corrcoef(a[:, c], b[:, c])[0, 1]), 4) for c, name in enumerate(FEATURE_ORDER)}


def main() -> None:
    parser = argparse.ArgumentParser(description="Validation loss (and descriptor agreement) of a model.")
    parser.add_argument("--weights", required=True)
    parser.add_argument("--architecture", required=True)
    parser.add_argument("--data", type=Path, default=Path("training/data"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--descriptors", action="store_true", help="also report Pearson r per descriptor")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    model = load_model(args.weights, args.architecture)
    split = ImpactSplit(args.data, "validation")
    losses = validation_losses(model, split, args.seed)
    result = {"weights": str(args.weights), "validation_files": len(split), "mr_stft_loss": round(losses["stft"], 5),
              "frame_dc": round(losses["dc"], 5), "log_rms_envelope": round(losses["envelope"], 5)}
    if args.descriptors:
        result["descriptor_pearson_r"] = descriptor_correlations(model, split, args.seed)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
