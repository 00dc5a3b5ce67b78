#!/usr/bin/env bash
# ESTIMATE (not a measurement) of the default model's real-time factor on the Jetson Nano's
# Cortex-A57, from the work per sample counted in the model's config, the x86-64 efficiency
# measured by `neurorack-run bench` on this machine, and stated assumptions about the A57.
# docs/MODULE.md explains the method; this script prints every input it uses.
set -euo pipefail

usage() {
    cat << 'EOF'
usage: scripts/arm64/estimate-a57.sh [--bench-json FILE] [--config FILE] [--ghz G] [--pipes N]

Prints an ESTIMATE of the default NSF model's real-time factor on one and on four Cortex-A57 cores.
  --bench-json FILE  use a saved `neurorack-run bench --threads 1 --json` result instead of running
                     `swift run -c release neurorack-run bench --threads 1 --repetitions 3 --json`
  --config FILE      the model's architecture JSON (default: Sources/NeuroNSF/Resources/default.json)
  --ghz G            A57 clock in GHz (default 1.43, the Jetson Nano's maximum)
  --pipes N          128-bit NEON FMA pipes per core (default 2)
EOF
}

root=$(cd "$(dirname "$0")/../.." && pwd)
config="$root/Sources/NeuroNSF/Resources/default.json"
bench_json=""
ghz=1.43
pipes=2
while [ $# -gt 0 ]; do
    case "$1" in
        --bench-json) bench_json="${2:?--bench-json needs a file}"; shift 2 ;;
        --config) config="${2:?--config needs a file}"; shift 2 ;;
        --ghz) ghz="${2:?--ghz needs a number}"; shift 2 ;;
        --pipes) pipes="${2:?--pipes needs a number}"; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) echo "estimate-a57: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done
[ -r "$config" ] || { echo "estimate-a57: cannot read the model config '$config'" >&2; exit 2; }
python=$(command -v python3 || true)
[ -n "$python" ] || { echo "estimate-a57: python3 is needed to read the JSON files" >&2; exit 2; }

if [ -z "$bench_json" ]; then
    bench_json=$(mktemp)
    trap 'rm -f "$bench_json"' EXIT
    echo "running: swift run -c release neurorack-run bench --threads 1 --repetitions 3 --json (load: $(cut -d' ' -f1-3 /proc/loadavg))"
    (cd "$root" && swift run -c release neurorack-run bench --threads 1 --repetitions 3 --json) > "$bench_json"
fi
[ -r "$bench_json" ] || { echo "estimate-a57: cannot read the bench result '$bench_json'" >&2; exit 2; }

"$python" - "$config" "$bench_json" "$ghz" "$pipes" << 'EOF'
import json
import sys

config_path, bench_path, ghz, pipes = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])


def load(path, what):
    try:
        with open(path) as file:
            return json.load(file)
    except (OSError, ValueError) as error:
        sys.exit(f"estimate-a57: {what} '{path}' is not readable JSON: {error}")


def field(table, key, path):
    if key not in table:
        sys.exit(f"estimate-a57: '{path}' has no field '{key}'")
    return table[key]


cfg = load(config_path, "model config")
bench = load(bench_path, "bench result")
cond = field(cfg, "cond_module", config_path)
filt = field(cfg, "filter_module", config_path)
src = field(cfg, "source_module", config_path)
width = field(cfg, "hidden_dim", config_path)
rate = field(cfg, "sampling_rate", config_path)
hop = field(cfg, "upsamp_rate", config_path)

# Multiply-adds per output sample, counted from the architecture.
convs = filt["harmonic_blocks"] * filt["convs_per_harmonic_block"] + filt["noise_blocks"] * filt["convs_per_noise_block"]
conv_macs = convs * width * width * filt["kernel_size"]
ff = filt["ff_dims"]
dense_macs = (filt["harmonic_blocks"] + filt["noise_blocks"]) * sum(a * b for a, b in zip(ff, ff[1:]))
sinc_macs = 2 * filt["sinc_order"]  # the harmonic low-pass and the noise high-pass FIR
source_macs = src["num_sines"]  # amplitude x sine, summed
cond_macs = sum(i * o * cond["conv_kernel"] for i, o in cond["conv_channels"]) / hop  # frame rate
macs = conv_macs + dense_macs + sinc_macs + source_macs + cond_macs

kernels = [run for run in field(bench, "kernelRuns", bench_path) if run["threads"] == 1]
models = [run for run in field(bench, "modelRuns", bench_path) if run["threads"] == 1]
if not kernels or not models:
    sys.exit(f"estimate-a57: '{bench_path}' has no 1-thread kernel and model runs (bench --threads 1 --parts kernels --parts model)")
x86_peak = kernels[0]["peakGFLOPSPerCPUSecond"]
kernel_rate = kernels[0]["convGFLOPSPerCPUSecond"]

a57_peak = ghz * pipes * 4 * 2  # GHz x pipes x 4 float lanes x 2 FLOP per FMA
needed = 2 * macs * rate / 1e9  # GFLOP per second of audio

print("ESTIMATE of the default model on a Cortex-A57 (not measured on the hardware)")
print(f"inputs: model config {config_path}")
print(f"  width {width}, {convs} dilated convs (kernel {filt['kernel_size']}), ff {ff} x {filt['harmonic_blocks'] + filt['noise_blocks']} blocks, "
      f"sinc order {filt['sinc_order']}, {src['num_sines']} sines, {rate} Hz, {hop} samples per frame")
print(f"  multiply-adds per sample: conv {conv_macs:.0f} + dense {dense_macs:.0f} + sinc {sinc_macs:.0f} + source {source_macs:.0f} "
      f"+ condition {cond_macs:.1f} = {macs:.0f} (the config's own macs_per_output_sample: {cfg.get('macs_per_output_sample', 'absent')})")
print(f"  real time needs 2 x {macs:.0f} x {rate} = {needed:.2f} GFLOP/s")
print(f"inputs: bench result {bench_path} (instruction set {bench.get('instructionSet', '?')}, {bench.get('frames', '?')} frames)")
print(f"  x86-64 FMA peak of one core {x86_peak:.1f} GFLOP per CPU second; conv kernel {kernel_rate:.1f} (the bench's 64-channel layer)")
print(f"assumptions: A57 at {ghz} GHz, {pipes} x 128-bit NEON FMA pipes -> peak {a57_peak:.2f} GFLOP/s per core;")
print("  the A57 reaches the same fraction of its peak as this x86-64 core (efficiency below), and also half of it;")
print("  four cores: one impact per core (the engine's generation threads; the default model's layers are too")
print("  narrow to split, NSFModel.minimumMultiplyAddsToSplit), ideal scaling: impacts at real time = cores / RTF")
print()
print(f"{'mode':<10} {'CPU s':>7} {'audio s':>7} {'x86 GFLOP/CPU s':>15} {'efficiency':>10} "
      f"{'A57 RTF 1 core':>14} {'(half eff.)':>11} {'impacts at RT, 1 core':>21} {'4 cores ideal':>13}")
for run in models:
    samples = run["audioSeconds"] * rate
    work = 2 * macs * samples / 1e9
    achieved = work / run["cpuSeconds"]
    efficiency = achieved / x86_peak
    rtf1 = needed / (a57_peak * efficiency)
    print(f"{run['mode']:<10} {run['cpuSeconds']:7.3f} {run['audioSeconds']:7.2f} {achieved:15.1f} {efficiency:9.1%} "
          f"{rtf1:14.3f} {2 * rtf1:11.3f} {1 / rtf1:21.1f} {4 / rtf1:13.1f}")
print()
print("RTF = compute time / audio time: below 1 is faster than real time. 'streaming' is the engine's plan")
print("(21-frame chunks, hop 15) that the module uses; 'whole' renders an impact in one call.")
EOF
