"""Check training/nsf against the reference fixtures (FIXTURES.md): per-tensor max |Δ| and pass/fail.

Usage: python -m training.check_fixtures [--reference-dir /work/shared/neurorack]
Exit status 0 when every compared tensor is within tolerance.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import torch
from safetensors.torch import load_file

from training.nsf import RandomDraws, load_model

FIXTURES = ["fixture_ema_64f.safetensors", "fixture_ema_16f_uv.safetensors"]

# Acceptance tolerances of FIXTURES.md ("Suggested acceptance"), absolute max |Δ|.
TOLERANCES = {
    "features_normalized": 1e-6,
    "f0_upsampled": 1e-6,
    "uv": 1e-6,
    "noi_source": 1e-6,
    "sine_waves": 1e-6,
    "har_source": 1e-6,
    "cond_conv0": 1e-6,
    "cond_conv1": 1e-6,
    "cond_conv2": 1e-6,
    "context": 1e-4,
    "hidden_cut_f": 1e-4,
    "cut_f_raw": 1e-4,
    "cut_f": 1e-4,
    "lp_coef": 1e-4,
    "hp_coef": 1e-4,
    **{f"har_block{i}": 2e-4 for i in range(5)},
    "noi_block0": 2e-4,
    "har_signal": 2e-4,
    "noi_signal": 2e-4,
    "output": 2e-4,
}
CHANNEL_FIRST = {"context", "hidden_cut_f", "cut_f_raw", "cut_f", "har_block0", "har_block1", "har_block2",
                 "har_block3", "har_block4", "noi_block0", "har_signal", "noi_signal", "cond_conv0",
                 "cond_conv1", "cond_conv2"}


def compare(name: str, ours: torch.Tensor, ref: torch.Tensor) -> tuple[float, bool]:
    """Max |Δ| and whether it is within tolerance."""
    delta = (ours.double() - ref.double()).abs().max().item()
    return delta, delta <= TOLERANCES[name]


def check(model, path: Path) -> bool:
    """Run one fixture and print a line per tensor."""
    fx = load_file(str(path))
    draws = RandomDraws(fx["rand_ini"], fx["randn_sine"], fx["randn_noise"])
    capture: dict = {}
    with torch.no_grad():
        model(fx["features"], draws, capture)
    for name in CHANNEL_FIRST:
        capture[name] = capture[name].transpose(1, 2)
    if "coef_index" in fx:
        index = fx["coef_index"]
        capture["lp_coef"] = capture["lp_coef"][:, index]
        capture["hp_coef"] = capture["hp_coef"][:, index]
        fx["lp_coef"], fx["hp_coef"] = fx["lp_coef_sub"], fx["hp_coef_sub"]
    print(f"== {path.name}")
    all_ok = True
    for name in TOLERANCES:
        if name not in fx:
            continue
        ours, ref = capture[name], fx[name]
        if tuple(ours.shape) != tuple(ref.shape):
            print(f"  {name:20s} SHAPE {tuple(ours.shape)} != {tuple(ref.shape)}  FAIL")
            all_ok = False
            continue
        delta, ok = compare(name, ours, ref)
        all_ok &= ok
        peak = ref.abs().max().item()
        print(f"  {name:20s} max|Δ| {delta:.3e}  (peak {peak:.3g})  tol {TOLERANCES[name]:.0e}  {'ok' if ok else 'FAIL'}")
    return all_ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reference-dir", type=Path, default=Path("/work/shared/neurorack"))
    args = parser.parse_args()
    torch.set_num_threads(1)
    ref = args.reference_dir
    model = load_model(ref / "model_nsf_sinc_ema_impacts_waveform_5.0.safetensors", ref / "architecture.json")
    results = [check(model, ref / name) for name in FIXTURES]
    print("ALL OK" if all(results) else "SOME TENSORS OUT OF TOLERANCE")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
