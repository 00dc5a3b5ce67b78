"""Train an NSF-family impact model on the hydrogen-drumkits dataset (CPU, resumable).

Usage (from the repository root; see training/train.sh):
    nice -n 10 .venv-train/bin/python -m training.train --run training/runs/default \
        [--config training/configs/small.json] [--data training/data] [--minutes 55] [--threads 1]
Data-parallel (training/distributed.py; gloo on CPU, NCCL on GPUs), N processes on one machine:
    .venv-train/bin/torchrun --nproc_per_node N -m training.train --run ... (same options)

Each step accumulates gradients over ``--batch`` random segments of ``--segment-frames`` frames (a share
``--onset-share``, default half, start at the onset, frame 0, the others anywhere; files shorter than a segment
are used whole; ``--hit-weighting frames`` draws files in proportion to their length instead of alike). Every
segment is an independent forward call, exactly like one app chunk. Loss (training/losses.py):
multi-resolution STFT + ``--dc-weight`` × frame DC offset + ``--envelope-weight`` × log-RMS envelope
(floor ``--envelope-floor``) + ``--tail-weight`` × decay-tail excess + ``--shape-weight`` × frame centroid and
bandwidth distance + ``--flatness-weight`` × frame log-flatness distance.
``--init-from`` starts a new run from another run's weights (fresh optimiser and schedule). Adam, learning rate with 200 warm-up steps then cosine decay over the time budget,
gradient-norm clip 1.0. Validation (training/evaluate.py) every ``--eval-minutes``; ``best.pt`` keeps the
best validation loss, ``last.pt`` the latest state. Re-running the same command resumes from ``last.pt``
(model, optimiser, step, elapsed time, RNG). ``log.jsonl`` records losses.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import math
import random
import time
from pathlib import Path

import torch
from safetensors.torch import load_file

from training import distributed
from training.dataset import ImpactSplit, load_statistics
from training.evaluate import validation_losses
from training.losses import ImpactLoss
from training.nsf import NSFConfig, NSFModel

HIT_WEIGHTINGS = ("uniform", "frames")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Train an NSF impact model.")
    parser.add_argument("--run", type=Path, required=True, help="run directory (checkpoints, log)")
    parser.add_argument("--config", type=Path, default=Path("training/configs/small.json"))
    parser.add_argument("--data", type=Path, default=Path("training/data"))
    parser.add_argument("--minutes", type=float, default=55.0, help="training time budget (wall clock)")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--segment-frames", type=int, default=16)
    parser.add_argument("--onset-share", type=float, default=0.5,
                        help="probability that a segment starts at its file's onset (else anywhere in it)")
    parser.add_argument("--hit-weighting", choices=HIT_WEIGHTINGS, default="uniform",
                        help="draw files alike (uniform) or in proportion to their length (frames)")
    parser.add_argument("--batch", type=int, default=2)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--eval-minutes", type=float, default=8.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-steps", type=int, default=0, help="stop after this many more steps (0: time budget only)")
    parser.add_argument("--dc-weight", type=float, default=10.0, help="weight of the frame DC-offset term")
    parser.add_argument("--envelope-weight", type=float, default=1.0, help="weight of the log-RMS envelope term")
    parser.add_argument("--envelope-floor", type=float, default=1e-4, help="δ of the log-RMS envelope and tail terms")
    parser.add_argument("--tail-weight", type=float, default=0.0, help="weight of the decay-tail (hum) term")
    parser.add_argument("--shape-weight", type=float, default=0.0,
                        help="weight of the frame spectral centroid + bandwidth term (every frame above -116 dBFS alike)")
    parser.add_argument("--flatness-weight", type=float, default=0.0,
                        help="weight of the frame log spectral-flatness term (the same frames as --shape-weight)")
    parser.add_argument("--init-from", type=Path,
                        help="start a NEW run from these model weights (a checkpoint .pt or a .safetensors file); "
                             "the normalisation statistics of --data replace the ones stored with them")
    return parser.parse_args()


def learning_rate(base: float, step: int, elapsed: float, budget: float) -> float:
    """Linear warm-up over 200 steps, then cosine decay to 5 % over the time budget."""
    warm = min(1.0, (step + 1) / 200)
    progress = min(1.0, elapsed / budget)
    return base * warm * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * progress)))


class SegmentSampler:
    """Draws random training segments (features, audio, the file's peak rms ``[1]``) from a split.

    A segment starts at the onset (frame 0) with probability ``onset_share``, else anywhere in its file;
    files shorter than a segment are used whole. ``hit_weighting`` picks the file: ``uniform`` (every hit
    alike) or ``frames`` (in proportion to its length, so that every frame of the data is drawn alike and
    the long decays of cymbals weigh as much in training as they do in a frame-wise evaluation).
    """

    def __init__(self, split: ImpactSplit, length: int, onset_share: float = 0.5, hit_weighting: str = "uniform"):
        if not 0.0 <= onset_share <= 1.0:
            raise ValueError(f"onset share must be within 0…1, got {onset_share}")
        if hit_weighting not in HIT_WEIGHTINGS:
            raise ValueError(f"hit weighting must be one of {', '.join(HIT_WEIGHTINGS)}, got {hit_weighting!r}")
        self.split, self.length, self.onset_share = split, length, onset_share
        self.cumulative_frames = (list(itertools.accumulate(split.frames(i) for i in range(len(split))))
                                  if hit_weighting == "frames" else None)

    def hit(self, rng: random.Random) -> int:
        """The index of the next file to draw from."""
        if self.cumulative_frames is None:
            return rng.randrange(len(self.split))
        return rng.choices(range(len(self.split)), cum_weights=self.cumulative_frames)[0]

    def sample(self, rng: random.Random):
        """One segment: features ``[1, T, 7]``, audio ``[1, T·512]``, peak rms ``[1]``."""
        i = self.hit(rng)
        frames = self.split.frames(i)
        peak = torch.tensor([self.split.peak_rms(i)])
        if frames <= self.length:
            return (*self.split.whole(i), peak)
        start = 0 if rng.random() < self.onset_share else rng.randrange(frames - self.length + 1)
        return (*self.split.segment(i, start, self.length), peak)


def initial_weights(path: Path) -> dict:
    """Model weights from a training checkpoint (``.pt``) or an exported ``.safetensors`` file."""
    if path.suffix == ".safetensors":
        return load_file(str(path))
    return torch.load(path)["model"]


def save(path: Path, state: dict) -> None:
    """Atomic checkpoint write."""
    tmp = path.with_suffix(".tmp")
    torch.save(state, tmp)
    tmp.replace(path)


def main() -> None:
    args = parse_args()
    topology = distributed.start()
    torch.set_num_threads(args.threads)
    args.run.mkdir(parents=True, exist_ok=True)
    cfg = NSFConfig.load(args.config)
    cfg.input_mean, cfg.input_std = load_statistics(args.data)
    model = NSFModel(cfg)
    optimiser = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss_fn = ImpactLoss(args.dc_weight, args.envelope_weight, args.tail_weight, args.envelope_floor,
                         shape_weight=args.shape_weight, flatness_weight=args.flatness_weight)
    train, validation = ImpactSplit(args.data, "train"), ImpactSplit(args.data, "validation")
    sampler = SegmentSampler(train, args.segment_frames, args.onset_share, args.hit_weighting)
    rng = random.Random(args.seed + topology.rank)
    torch.manual_seed(args.seed + topology.rank)
    step, elapsed, best = 0, 0.0, float("inf")

    last = args.run / "last.pt"
    if last.exists():
        state = torch.load(last, map_location="cpu")
        model.load_state_dict(state["model"])
        optimiser.load_state_dict(state["optimiser"])
        step, elapsed, best = state["step"], state["elapsed"], state["best"]
        if topology.is_main:
            rng.setstate(state["python_rng"])
            torch.set_rng_state(state["torch_rng"])
        else:
            rng.seed(f"{args.seed}/{topology.rank}/{step}")
        print(f"resumed at step {step}, {elapsed / 60:.1f} min, best {best:.4f}", flush=True)
    elif args.init_from:
        model.load_state_dict(initial_weights(args.init_from))
        model.set_input_statistics(cfg.input_mean, cfg.input_std)
        print(f"initialised from {args.init_from}", flush=True)
    model.to(topology.device)
    stepper = distributed.wrap(model, topology)
    if topology.is_main:
        (args.run / "config.json").write_text(json.dumps(cfg.to_dict(), indent=1))
        print(f"MACs/sample {cfg.macs_per_sample()['total']:.0f}; parameters "
              f"{sum(p.numel() for p in model.parameters())}; {topology.world_size} process(es)", flush=True)

    budget = args.minutes * 60
    log = open(args.run / "log.jsonl", "a", encoding="utf-8") if topology.is_main else None
    next_eval = (elapsed // (args.eval_minutes * 60) + 1) * args.eval_minutes * 60 if step else 0.0
    stop_step = step + args.max_steps if args.max_steps else None
    running = []
    while True:
        done = elapsed >= budget or step == stop_step
        if elapsed >= next_eval or done:
            if topology.is_main:
                best = evaluate_and_save(args, model, optimiser, loss_fn, validation, rng, step, elapsed, best,
                                         running, log)
            running = []
            next_eval = elapsed + args.eval_minutes * 60
            if done:
                break
        start = time.perf_counter()
        for group in optimiser.param_groups:
            group["lr"] = learning_rate(args.lr, step, elapsed, budget)
        optimiser.zero_grad()
        total = 0.0
        for k in range(args.batch):
            feats, audio, peak = (t.to(topology.device) for t in sampler.sample(rng))
            synchronise = k == args.batch - 1 or not topology.is_distributed
            with contextlib.nullcontext() if synchronise else stepper.no_sync():
                loss = loss_fn(stepper(feats), audio, peak) / args.batch
                loss.backward()
            total += loss.item()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimiser.step()
        running.append(total)
        step += 1
        elapsed = distributed.agreed_max(elapsed + time.perf_counter() - start, topology)
        if step % 50 == 0 and topology.is_main:
            print(f"step {step} {elapsed / 60:.1f} min loss {sum(running[-50:]) / len(running[-50:]):.4f}", flush=True)
    if log:
        log.close()
    distributed.finish(topology)


def evaluate_and_save(args, model, optimiser, loss_fn, validation, rng, step, elapsed, best, running, log) -> float:
    """Validation, ``best.pt`` / ``last.pt`` and one ``log.jsonl`` record (rank 0); returns the new best."""
    model.eval()
    parts = validation_losses(model, validation, loss=loss_fn)
    model.train()
    val = loss_fn.combine(parts)
    record = {"step": step, "minutes": round(elapsed / 60, 2), "validation": round(val, 5),
              **{f"validation_{k}": round(v, 5) for k, v in parts.items()},
              "train": round(sum(running) / len(running), 5) if running else None}
    state = {"model": model.state_dict(), "optimiser": optimiser.state_dict(), "step": step,
             "elapsed": elapsed, "best": min(best, val), "python_rng": rng.getstate(),
             "torch_rng": torch.get_rng_state(), "config": model.cfg.to_dict(), "validation": val,
             "validation_parts": parts}
    if val < best:
        best = val
        save(args.run / "best.pt", state)
        record["best"] = True
    save(args.run / "last.pt", state)
    log.write(json.dumps(record) + "\n")
    log.flush()
    print(json.dumps(record), flush=True)
    return best


if __name__ == "__main__":
    main()
