#!/usr/bin/env bash
# Speed of our NSF engine against PyTorch (our own training/nsf implementation, Debian torch, CPU)
# on the same weights, the same features and the same thread count, in one run: once with glibc
# malloc defaults and once with the tuned malloc environment of the reference timing.json.
# Prints one table with the ratios (see docs/PERFORMANCE.md, section "NSF engine").
#
# usage: Benchmarks/compare-pytorch.sh [--weights W.safetensors] [--architecture A.json]
#                                      [--features F.safetensors] [--threads "1 2"] [--repeats N]
#                                      [--python PYTHON] [--engine PATH-TO-neurorack-run]
# PYTHON needs torch and safetensors (default: .venv-train/bin/python if present, else /usr/bin/python3).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${NEURORACK_SHARED:-$root/../shared}"
weights="$shared/neurorack/model_nsf_sinc_ema_impacts_waveform_5.0.safetensors"
architecture="$shared/neurorack/architecture.json"
features="$shared/neurorack/features_dce_synth_301f.safetensors"
threads="1 2"
repeats=3
engine=""
python="/usr/bin/python3"
[[ -x "$root/.venv-train/bin/python" ]] && python="$root/.venv-train/bin/python"

while [[ $# -gt 0 ]]; do
    case "$1" in
        --weights) weights="$2"; shift 2 ;;
        --architecture) architecture="$2"; shift 2 ;;
        --features) features="$2"; shift 2 ;;
        --threads) threads="$2"; shift 2 ;;
        --repeats) repeats="$2"; shift 2 ;;
        --python) python="$2"; shift 2 ;;
        --engine) engine="$2"; shift 2 ;;
        *) echo "compare-pytorch.sh: unknown argument $1" >&2; exit 64 ;;
    esac
done
for file in "$weights" "$architecture" "$features"; do
    [[ -f "$file" ]] || { echo "compare-pytorch.sh: missing $file" >&2; exit 66; }
done

cd "$root"
if [[ -z "$engine" ]]; then
    swift build -c release --product neurorack-run >&2
    engine="$(swift build -c release --show-bin-path)/neurorack-run"
fi
tuned=(MALLOC_MMAP_THRESHOLD_=4294967296 MALLOC_TRIM_THRESHOLD_=4294967296 MALLOC_TOP_PAD_=1073741824)
results="$(mktemp)"
trap 'rm -f "$results"' EXIT

for count in $threads; do
    for malloc in default tuned; do
        settings=()
        [[ "$malloc" == tuned ]] && settings=("${tuned[@]}")
        echo "== $count thread(s), $malloc malloc: PyTorch" >&2
        env ${settings[@]+"${settings[@]}"} OMP_NUM_THREADS="$count" "$python" -m training.nsf.run \
            --weights "$weights" --architecture "$architecture" --features "$features" \
            --threads "$count" --repeats "$repeats" --warmup 1 |
            "$python" "$root/Benchmarks/compare_pytorch.py" tag --malloc "$malloc" >> "$results"
        echo "== $count thread(s), $malloc malloc: Swift engine" >&2
        env ${settings[@]+"${settings[@]}"} "$engine" bench --parts model --model "$weights" \
            --config "$architecture" --features "$features" --threads "$count" --repetitions "$repeats" --json |
            "$python" "$root/Benchmarks/compare_pytorch.py" tag --malloc "$malloc" >> "$results"
    done
done

"$python" "$root/Benchmarks/compare_pytorch.py" report "$results"
echo "command: Benchmarks/compare-pytorch.sh --threads \"$threads\" --repeats $repeats (features $(basename "$features"))"
