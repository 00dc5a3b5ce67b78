"""Kit-split evaluation: render real hits of whole kits a model never saw and compare with the recordings.

Usage: python -m training.kit_evaluation --weights W.safetensors --architecture A.json [--voicing zero|hold]
       [--kit DIR ...] [--min-frames 16] [--max-seconds 2] [--seed 0] [--out report.json]

Default kits: hydrogen-data's GMRockKit and TR808EmulationKit (Debian ``hydrogen-data``, never used for
training) and the three kits ``build_dataset.py --split kit`` holds out. Each hit is prepared like the training
data (``prepare_audio``: trim, ``--max-seconds`` cap (2 s by default), DC high-pass) and described with the SPEC.md §2 descriptors; the model
is driven by those curves (with ``--voicing MODE``, the f0 curve of training/voicing.py in that mode, for models
trained on it),
the rendering is re-described and compared with the hit's own curves. Metrics (also those of issue 14):

- ``r <descriptor>``: Pearson r pooled over frames; rms over all frames, the others over the frames whose
  requested rms is at least 1/100 of the hit's peak; f0 over those frames that voicing marks voiced.
- ``r loudness dB``: Pearson r of requested and produced rms in dB (rms floored at 1e-5), all frames.
- ``tail dB``: median over the frames whose requested rms is below 1/100 of the hit's peak of produced dB −
  requested dB (floored at 1e-6); > 0 means the output hums on after the hit has died.
- ``flatness ratio``: median over the frames within 20 dB of the peak of produced / requested flatness.
- ``MR-STFT``: the multi-resolution STFT loss of training/losses.py against the recording, mean over hits.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import torch

from training.build_dataset import AUDIO_SUFFIXES, VALIDATION_KITS, descriptors, prepare_audio
from training.losses import MultiResolutionSTFTLoss
from training.nsf import RandomDraws, load_model
from training.nsf.config import FEATURE_ORDER
from training.voicing import MODES, apply_voicing, frame_voicing

DRUMKITS = Path("/usr/share/hydrogen/data/drumkits")
DEFAULT_KITS = [DRUMKITS / "GMRockKit", DRUMKITS / "TR808EmulationKit"] + [DRUMKITS / k for k in VALIDATION_KITS]


def dc_blocked(x: np.ndarray, cutoff_hz: float) -> np.ndarray:
    """The Swift engine's DC blocker (``DCBlocker``): y[n] = g·(x[n] − x[n−1]) + a·y[n−1] along the last axis."""
    a = np.exp(-2 * np.pi * cutoff_hz / 22050)
    g = (1 + a) / 2
    flat = x.reshape(-1, x.shape[-1]).astype(np.float64)
    out = np.empty_like(flat)
    for row, signal in enumerate(flat):
        previous_in = previous_out = 0.0
        for index, value in enumerate(signal.tolist()):
            previous_out = g * (value - previous_in) + a * previous_out
            previous_in = value
            out[row, index] = previous_out
    return out.reshape(x.shape).astype(np.float32)


def db(x: np.ndarray, floor: float) -> np.ndarray:
    return 20 * np.log10(np.maximum(x, floor))


class Pool:
    """Frame pairs of several hits, pooled for the metrics of one table row."""

    def __init__(self):
        self.pairs: dict[str, tuple[list, list]] = {}
        self.tail: list[np.ndarray] = []
        self.flatness: list[np.ndarray] = []
        self.stft: list[float] = []

    def add_pairs(self, name: str, wanted: np.ndarray, got: np.ndarray) -> None:
        a, b = self.pairs.setdefault(name, ([], []))
        a.append(wanted)
        b.append(got)

    def add_hit(self, requested: np.ndarray, voiced: np.ndarray, produced: np.ndarray, stft: float) -> None:
        rms_r, rms_p = requested[:, 0], produced[:, 0]
        peak = rms_r.max()
        audible = rms_r >= 0.01 * peak
        for c, name in enumerate(FEATURE_ORDER):
            mask = np.ones_like(audible) if c == 0 else (audible & voiced if c == 6 else audible)
            self.add_pairs(name, requested[mask, c], produced[mask, c])
        self.add_pairs("loudness_db", db(rms_r, 1e-5), db(rms_p, 1e-5))
        self.tail.append((db(rms_p, 1e-6) - db(rms_r, 1e-6))[~audible])
        loud = (rms_r >= 0.1 * peak) & (requested[:, 3] > 0)
        self.flatness.append(produced[loud, 3] / requested[loud, 3])
        self.stft.append(stft)

    def row(self) -> dict:
        def pearson(name):
            a, b = (np.concatenate(v) for v in self.pairs[name])
            ok = np.isfinite(a) & np.isfinite(b)
            return round(float(np.corrcoef(a[ok], b[ok])[0, 1]), 3) if ok.sum() > 2 else None
        tail, flat = np.concatenate(self.tail), np.concatenate(self.flatness)
        return {"hits": len(self.stft), "r_rms": pearson("rms"), "r_loudness_db": pearson("loudness_db"),
                "tail_db": round(float(np.median(tail)), 2) if tail.size else None,
                "flatness_ratio": round(float(np.median(flat)), 3) if flat.size else None,
                **{f"r_{n}": pearson(n) for n in FEATURE_ORDER[1:]},
                "mr_stft": round(float(np.mean(self.stft)), 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description="Kit-split evaluation on whole held-out kits.")
    parser.add_argument("--weights", required=True)
    parser.add_argument("--architecture", required=True)
    parser.add_argument("--kit", type=Path, action="append", help="a kit folder (repeatable)")
    parser.add_argument("--voicing", choices=MODES, help="drive the model with the voiced f0 curve of this mode")
    parser.add_argument("--dc-block", type=float, default=0.0,
                        help="apply the Swift engine's first-order DC blocker at this cutoff (Hz) to the output (0: none)")
    parser.add_argument("--min-frames", type=int, default=16)
    parser.add_argument("--max-seconds", type=float, default=2.0,
                        help="cap each hit at this length (2: as the v1 training data; 7: the Swift evaluation's 301 frames)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    torch.set_num_threads(1)
    model = load_model(args.weights, args.architecture)
    stft = MultiResolutionSTFTLoss()
    total, rows = Pool(), {}
    for kit in args.kit or DEFAULT_KITS:
        files = sorted(p for p in kit.rglob("*") if p.suffix.lower() in AUDIO_SUFFIXES)
        if not files:
            raise SystemExit(f"{kit}: no audio files")
        pool = Pool()
        for n, path in enumerate(files):
            y = prepare_audio(path, args.max_seconds)
            if y.size < 512 * (args.min_frames + 1):
                continue
            requested = descriptors(y)
            if requested.shape[0] < args.min_frames:
                continue
            voiced = frame_voicing(requested, y)
            drive = apply_voicing(requested, y, args.voicing, voiced) if args.voicing else requested
            audio = torch.from_numpy(y[: requested.shape[0] * 512]).unsqueeze(0)
            generator = torch.Generator().manual_seed(args.seed * 100_003 + n)
            draws = RandomDraws.sample(1, audio.shape[-1], model.cfg.num_sines, generator)
            with torch.no_grad():
                out = model(torch.from_numpy(drive).unsqueeze(0), draws)
                if args.dc_block > 0:
                    out = torch.from_numpy(dc_blocked(out.numpy(), args.dc_block))
                loss = float(stft(out, audio))
            produced = descriptors(out[0].numpy().astype(np.float32))
            for p in (pool, total):
                p.add_hit(requested, voiced, produced, loss)
        rows[kit.name] = pool.row()
        print(kit.name, json.dumps(rows[kit.name]), flush=True)
    report = {"weights": str(args.weights), "voicing": args.voicing, "min_frames": args.min_frames,
              "kits": rows, "all": total.row()}
    print(json.dumps(report["all"]))
    if args.out:
        args.out.write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
