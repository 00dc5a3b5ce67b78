"""Validation: render every held-out file from its own descriptor curve, multi-resolution STFT loss vs the recording.

Usage: python -m training.evaluate --weights W.safetensors --architecture A.json [--data training/data] [--seed 0]

Each file is rendered in ONE forward call (all its frames, at most 2 s), with random draws from a generator
seeded per file, so numbers are reproducible and comparable between models. Prints JSON with the mean loss.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import torch

from training.dataset import ImpactSplit
from training.losses import MultiResolutionSTFTLoss
from training.nsf import RandomDraws, load_model


def validation_loss(model, split: ImpactSplit, loss_fn, seed: int = 0) -> float:
    """Mean multi-resolution STFT loss over the files of ``split``."""
    losses = []
    with torch.no_grad():
        for i in range(len(split)):
            feats, audio = split.whole(i)
            generator = torch.Generator().manual_seed(seed * 100_003 + i)
            draws = RandomDraws.sample(1, audio.shape[-1], model.cfg.num_sines, generator)
            losses.append(loss_fn(model(feats, draws), audio).item())
    return sum(losses) / len(losses)


def main() -> None:
    parser = argparse.ArgumentParser(description="Validation multi-resolution STFT loss of a model.")
    parser.add_argument("--weights", required=True)
    parser.add_argument("--architecture", required=True)
    parser.add_argument("--data", type=Path, default=Path("training/data"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    model = load_model(args.weights, args.architecture)
    split = ImpactSplit(args.data, "validation")
    loss = validation_loss(model, split, MultiResolutionSTFTLoss(), args.seed)
    print(json.dumps({"weights": str(args.weights), "validation_files": len(split), "mr_stft_loss": round(loss, 5)}))


if __name__ == "__main__":
    main()
