"""Time forward calls of an NSF model (the PyTorch side of the engine speed comparison).

Usage:
    python -m training.nsf.run --weights W.safetensors --architecture A.json \
        --features F.safetensors --threads 1 [--repeats 1] [--warmup 0]

``F.safetensors`` holds a tensor ``features`` ``[1, T, 7]`` (or ``[T, 7]``) in raw units. Prints one JSON
object: frames, samples, audio seconds, every timed call in seconds, the minimum, and the real-time factor
(seconds of compute per second of audio, from the minimum). Gradients are disabled; random draws are real
torch RNG, as in the original app.
"""

from __future__ import annotations

import argparse
import json
import time

import torch
from safetensors.torch import load_file

from .model import load_model


def main() -> None:
    parser = argparse.ArgumentParser(description="Time forward calls of an NSF model.")
    parser.add_argument("--weights", required=True)
    parser.add_argument("--architecture", required=True)
    parser.add_argument("--features", required=True, help="safetensors file with a 'features' tensor [1,T,7]")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=1, help="timed calls (default 1)")
    parser.add_argument("--warmup", type=int, default=0, help="untimed calls before timing (default 0)")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    model = load_model(args.weights, args.architecture)
    tensors = load_file(args.features)
    if "features" not in tensors:
        raise SystemExit(f"{args.features}: no tensor named 'features'")
    features = tensors["features"].float()
    if features.dim() == 2:
        features = features.unsqueeze(0)
    if features.dim() != 3 or features.shape[0] != 1 or features.shape[2] != model.cfg.input_dim:
        raise SystemExit(f"{args.features}: 'features' must be [1, T, {model.cfg.input_dim}], got {list(features.shape)}")

    times = []
    with torch.no_grad():
        for i in range(args.warmup + args.repeats):
            start = time.perf_counter()
            out = model(features)
            elapsed = time.perf_counter() - start
            if i >= args.warmup:
                times.append(elapsed)
    samples = out.shape[-1]
    audio_seconds = samples / model.cfg.sampling_rate
    print(json.dumps({
        "engine": "pytorch",
        "torch": torch.__version__,
        "threads": args.threads,
        "frames": features.shape[1],
        "samples": samples,
        "audio_seconds": round(audio_seconds, 4),
        "seconds": [round(t, 6) for t in times],
        "min_seconds": round(min(times), 6),
        "real_time_factor": round(min(times) / audio_seconds, 4),
        "peak": round(out.abs().max().item(), 6),
    }))


if __name__ == "__main__":
    main()
