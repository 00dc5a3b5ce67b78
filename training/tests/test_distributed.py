"""torchrun data-parallel training: 2 CPU processes (gloo) train a few steps, checkpoint, and resume.

Run from the repository root: ``.venv-train/bin/python -m unittest training.tests.test_distributed``.
Uses a small synthetic dataset (no hydrogen-drumkits needed) and training/configs/small.json.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import numpy as np
import torch

HOP = 512


def write_synthetic_dataset(directory: Path, files: int = 4, frames: int = 8) -> None:
    """A dataset.npz / stats.json pair in the layout of build_dataset.py: decaying noise bursts."""
    rng = np.random.default_rng(7)
    arrays = {}
    for split in ("train", "validation"):
        decay = np.exp(-np.arange(frames * HOP) / 2000.0)
        audio = [(0.3 * rng.standard_normal(frames * HOP) * decay).astype(np.float32) for _ in range(files)]
        rms = np.array([np.sqrt(np.mean(a.reshape(frames, HOP) ** 2, axis=1)) for a in audio])
        feats = []
        for r in rms:
            f = np.tile(np.array([0, 0.3, 6000, 0.3, 2500, 4000, 0], np.float32), (frames, 1))
            f[:, 0] = r
            feats.append(f)
        arrays[f"{split}_audio"] = np.concatenate(audio)
        arrays[f"{split}_features"] = np.concatenate(feats)
        arrays[f"{split}_frame_offsets"] = np.arange(files + 1, dtype=np.int64) * frames
    np.savez(directory / "dataset.npz", **arrays)
    train = arrays["train_features"].astype(np.float64)
    std = np.maximum(train.std(axis=0), 1e-3)
    (directory / "stats.json").write_text(json.dumps({"input_mean": train.mean(axis=0).tolist(), "input_std": std.tolist()}))


class TorchrunTests(unittest.TestCase):
    def run_training(self, data: Path, run: Path, steps: int) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "training.torchrun", "--standalone", "--nproc_per_node", "2",
                   "-m", "training.train", "--run", str(run), "--data", str(data), "--max-steps", str(steps),
                   "--segment-frames", "4", "--batch", "2", "--eval-minutes", "1000", "--threads", "1"]
        env = {**os.environ, "OMP_NUM_THREADS": "1"}
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)

    def test_two_processes_train_checkpoint_and_resume(self):
        with tempfile.TemporaryDirectory() as tmp:
            data, run = Path(tmp) / "data", Path(tmp) / "run"
            data.mkdir()
            write_synthetic_dataset(data)
            first = self.run_training(data, run, 3)
            self.assertEqual(first.returncode, 0, first.stderr[-3000:])
            self.assertIn("2 process(es)", first.stdout)
            state = torch.load(run / "last.pt")
            self.assertEqual(state["step"], 3)
            weights = state["model"]["m_source.l_linear.weight"].clone()
            second = self.run_training(data, run, 2)
            self.assertEqual(second.returncode, 0, second.stderr[-3000:])
            self.assertIn("resumed at step 3", second.stdout)
            resumed = torch.load(run / "last.pt")
            self.assertEqual(resumed["step"], 5)
            self.assertFalse(torch.equal(weights, resumed["model"]["m_source.l_linear.weight"]))
            records = [json.loads(line) for line in (run / "log.jsonl").read_text().splitlines()]
            self.assertEqual([r["step"] for r in records], [0, 3, 5])
            self.assertTrue(all(np.isfinite(r["validation"]) for r in records))


if __name__ == "__main__":
    unittest.main()
