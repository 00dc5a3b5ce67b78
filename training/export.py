"""Export a training checkpoint as the bundled default model, plus a small parity fixture for the Swift engine.

Usage: python -m training.export [--checkpoint training/runs/default-ft/best.pt]
       [--out-dir Sources/NeuroNSF/Resources] [--fixture F] (F: Tests/NeuroNSFTests/Fixtures/default_fixture.safetensors
       for the bundled directory, else <out-dir>/<name>_fixture.safetensors)

Writes ``default.safetensors`` (every state-dict tensor, float32, reference names, including ``input_mean`` /
``input_std``), ``default.json`` (the config in the architecture.json format) and the fixture: the first
``--fixture-frames`` frames of a validation impact run with injected random draws (numpy PCG64, drawn in the
order of SPEC.md §6), with the inputs, the draws and the main intermediates in the layout of FIXTURES.md.
The export is checked by reloading it with ``load_model`` and re-running the fixture.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import save_file

from training.dataset import ImpactSplit
from training.nsf import NSFConfig, NSFModel, RandomDraws, load_model

FIXTURE_TENSORS = ["features_normalized", "cond_conv2", "f0_upsampled", "uv", "cut_f", "har_source",
                   "noi_source", "noi_signal", "har_signal", "output"]
CHANNEL_FIRST = {"cond_conv2", "cut_f", "har_signal", "noi_signal"}


def atomic_save(tensors: dict, path: Path, metadata: dict) -> None:
    """safetensors write through a temporary file + rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    save_file({k: v.detach().float().contiguous() for k, v in tensors.items()}, str(tmp), metadata=metadata)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def atomic_write_text(path: Path, text: str) -> None:
    """Text write through a temporary file + rename."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def fixture_draws(samples: int, num_sines: int, seed: int) -> RandomDraws:
    """Random tensors from numpy PCG64, in the order and layout of the reference fixtures."""
    rng = np.random.Generator(np.random.PCG64(seed))
    rand_ini = rng.random((1, num_sines), dtype=np.float32)
    randn_sine = rng.standard_normal((1, samples, num_sines), dtype=np.float32)
    randn_noise = rng.standard_normal((1, samples, 1), dtype=np.float32)
    return RandomDraws(torch.from_numpy(rand_ini), torch.from_numpy(randn_sine), torch.from_numpy(randn_noise))


def run_fixture(model: NSFModel, features: torch.Tensor, seed: int) -> dict:
    """Inputs, draws and intermediates (batch-first, channel-last) of one injected-randomness call."""
    samples = features.shape[1] * model.cfg.upsamp_rate
    draws = fixture_draws(samples, model.cfg.num_sines, seed)
    capture: dict = {}
    with torch.no_grad():
        model(features, draws, capture)
    tensors = {"features": features, "rand_ini": draws.rand_ini, "randn_sine": draws.randn_sine,
               "randn_noise": draws.randn_noise}
    for name in FIXTURE_TENSORS:
        value = capture[name]
        tensors[name] = value.transpose(1, 2) if name in CHANNEL_FIRST else value
    return tensors


AVL_PACKAGE = "Debian avldrums.lv2-soundfont 0.5.2 (AVL Drumkits, CC-BY-SA-3.0)"


def data_summary(data_dir: Path) -> str:
    """The packages, kits, hit length, split and voicing recorded in the dataset's stats.json."""
    stats = json.loads((data_dir / "stats.json").read_text())
    kits = stats.get("kits", [])
    avl = [kit for kit in kits if kit.endswith("_LV2")]
    packages = "Debian hydrogen-drumkits 2017.09.19" + (f"; {AVL_PACKAGE}: {', '.join(avl)}" if avl else "")
    length = f"; hits up to {stats['max_seconds']:g} s" if "max_seconds" in stats else ""
    voicing = f"; voicing {stats['voicing']}" if "voicing" in stats else ""
    return f"{packages}{length}; split {stats.get('split', 'by sample')}{voicing}"


BUNDLED_DIR = Path("Sources/NeuroNSF/Resources")
BUNDLED_FIXTURE = Path("Tests/NeuroNSFTests/Fixtures/default_fixture.safetensors")


def main() -> None:
    parser = argparse.ArgumentParser(description="Export the default model and its parity fixture.")
    parser.add_argument("--checkpoint", type=Path, default=Path("training/runs/v2.2/last.pt"))
    parser.add_argument("--out-dir", type=Path, default=BUNDLED_DIR)
    parser.add_argument("--name", default="default")
    parser.add_argument("--fixture", type=Path,
                        help=f"the parity fixture (default: {BUNDLED_FIXTURE} when exporting into {BUNDLED_DIR}, "
                             "else <out-dir>/<name>_fixture.safetensors, so that a trial export never replaces "
                             "the fixture of the shipped weights)")
    parser.add_argument("--fixture-frames", type=int, default=8)
    parser.add_argument("--fixture-seed", type=int, default=2024)
    parser.add_argument("--data", type=Path, default=Path("training/data-held7avl"))
    parser.add_argument("--tail-gate", default="30,10,2",
                        help="threshold_db,knee_db,margin_db of the Swift engine's tail gate (docs/MODEL.md), or 'none'")
    parser.add_argument("--dc-block", default="10",
                        help="cutoff_hz of the Swift engine's DC blocker after the model (docs/MODEL.md), or 'none'")
    parser.add_argument("--end-fade", default="256",
                        help="samples of the Swift engine's fade at the end of every impact (docs/MODEL.md), or 'none'")
    args = parser.parse_args()
    if args.fixture is None:
        bundled = args.out_dir.resolve() == BUNDLED_DIR.resolve()
        args.fixture = BUNDLED_FIXTURE if bundled else args.out_dir / f"{args.name}_fixture.safetensors"
    torch.set_num_threads(1)

    state = torch.load(args.checkpoint)
    cfg = NSFConfig.from_dict(state["config"])
    model = NSFModel(cfg)
    model.load_state_dict(state["model"])
    model.eval()
    macs = cfg.macs_per_sample()
    parameters = sum(p.numel() for p in model.parameters())
    metadata = {"model": "Neurorack-Swift default impact model (hn-sinc-NSF, small variant)",
                "training_step": str(state["step"]), "training_minutes": f"{state['elapsed'] / 60:.1f}",
                "validation_loss": f"{state['validation']:.5f}",
                **{f"validation_{k}": f"{v:.5f}" for k, v in state.get("validation_parts", {}).items()},
                "data": data_summary(args.data),
                "licence_note": "see docs/MODEL.md"}
    weights = args.out_dir / f"{args.name}.safetensors"
    config_path = args.out_dir / f"{args.name}.json"
    atomic_save(model.state_dict(), weights, metadata)
    description = cfg.to_dict()
    if args.tail_gate != "none":
        threshold, knee, margin = (float(value) for value in args.tail_gate.split(","))
        description["tail_gate"] = {"threshold_db": threshold, "knee_db": knee, "margin_db": margin}
    if args.dc_block != "none":
        description["dc_block"] = {"cutoff_hz": float(args.dc_block)}
    if args.end_fade != "none":
        description["end_fade"] = {"samples": int(args.end_fade)}
    description.update(macs_per_output_sample=round(macs["total"], 1), n_params_trainable=parameters,
                       training={k: v for k, v in metadata.items() if k != "model"})
    atomic_write_text(config_path, json.dumps(description, indent=1) + "\n")

    validation = ImpactSplit(args.data, "validation")
    file_index = max(range(len(validation)), key=lambda i: validation.features_all[validation.offsets[i], 0])
    features, _ = validation.segment(file_index, 0, args.fixture_frames)
    tensors = run_fixture(model, features, args.fixture_seed)
    atomic_save(tensors, args.fixture, {"weights": weights.name, "seed": str(args.fixture_seed),
                                        "draws": "numpy PCG64: random((1,S),f32), standard_normal((1,L,S),f32), "
                                                 "standard_normal((1,L,1),f32)"})

    reloaded = load_model(weights, config_path)
    again = run_fixture(reloaded, features, args.fixture_seed)
    delta = (again["output"] - tensors["output"]).abs().max().item()
    print(json.dumps({"weights": str(weights), "bytes": weights.stat().st_size, "config": str(config_path),
                      "fixture": str(args.fixture), "fixture_bytes": args.fixture.stat().st_size,
                      "fixture_peak": round(tensors["output"].abs().max().item(), 5), "reload_max_delta": delta,
                      "macs_per_sample": round(macs["total"], 1), "parameters": parameters,
                      "step": state["step"], "validation": state["validation"]}, indent=1))
    if delta != 0.0:
        raise SystemExit("re-loaded export does not reproduce the fixture")


if __name__ == "__main__":
    main()
