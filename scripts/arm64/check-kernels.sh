#!/usr/bin/env bash
# Checks every kernel of Sources/CNSFKernels on arm64 (the Jetson Nano's Cortex-A57) under
# qemu-user against the same kernels on x86-64, with the C harness scripts/arm64/kernel_check.c.
#
# For each optimisation level (-O0 as `swift build`, -O2 as `swift build -c release`):
#   1. builds the kernels and the harness natively with the Swift toolchain's clang, and for
#      aarch64 (clang --target=aarch64-linux-gnu, linked with aarch64-linux-gnu-gcc);
#   2. checks the disassembly: every arm64 kernel object uses NEON vector FMA (fmla vN.4s), every
#      x86-64 kernel object has AVX2 FMA (vfmadd…ps on ymm) for its run-time path (MovingAverageRows,
#      which has no multiply-add, its float64 vector adds instead), none calls fmaf;
#   3. runs the harness: x86-64 baseline (SSE2), x86-64 AVX2+FMA (when this CPU has it), arm64
#      (NEON + FMA, under qemu-aarch64); each run checks its outputs against float64 references
#      within the tolerances of Tests/NeuroNSFTests/Kernels;
#   4. compares arm64 against each x86-64 result and prints one line per kernel.
# Exit status: 0 all match, 1 a mismatch, 2 a missing tool or bad usage.
set -euo pipefail

usage() {
    cat << 'EOF'
usage: scripts/arm64/check-kernels.sh [--out DIR] [--levels "-O0 -O2"]

Runs every CNSFKernels kernel on x86-64 and on arm64 (qemu-aarch64) and compares the results.
  --out DIR      keep the builds and the raw results (DIR/<level>/<arch>/CASE.f32) in DIR
                 (default: a temporary directory, removed at the end)
  --levels L     optimisation levels to check (default "-O0 -O2": debug and release builds)
Needs: the Swift toolchain's clang and llvm-objdump, qemu-aarch64 (qemu-user),
aarch64-linux-gnu-gcc (gcc-aarch64-linux-gnu) and /usr/aarch64-linux-gnu (libc6-dev-arm64-cross).
EOF
}

root=$(cd "$(dirname "$0")/../.." && pwd)
out=""
levels="-O0 -O2"
while [ $# -gt 0 ]; do
    case "$1" in
        --out) out="${2:?--out needs a directory}"; shift 2 ;;
        --levels) levels="${2:?--levels needs a list such as \"-O2\"}"; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) echo "check-kernels: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done

# The clang next to `swift` (the compiler SwiftPM uses for C targets); else the first on PATH.
toolchain=$(dirname "$(readlink -f "$(command -v swift || echo /nonexistent/swift)")")
clang="$toolchain/clang"
objdump="$toolchain/llvm-objdump"
[ -x "$clang" ] || clang=$(command -v clang || echo "$clang")
[ -x "$objdump" ] || objdump=$(command -v llvm-objdump || echo "$objdump")
sysroot=/usr/aarch64-linux-gnu
missing=()
[ -x "$clang" ] || missing+=("clang (of the Swift toolchain, or on PATH)")
[ -x "$objdump" ] || missing+=("llvm-objdump (of the Swift toolchain, or on PATH)")
command -v qemu-aarch64 > /dev/null || missing+=("qemu-aarch64 (apt: qemu-user)")
command -v aarch64-linux-gnu-gcc > /dev/null || missing+=("aarch64-linux-gnu-gcc (apt: gcc-aarch64-linux-gnu)")
[ -e "$sysroot/lib/ld-linux-aarch64.so.1" ] || missing+=("$sysroot/lib/ld-linux-aarch64.so.1 (apt: libc6-dev-arm64-cross)")
for level in $levels; do
    case "$level" in
        -O0 | -O1 | -O2 | -O3 | -Os) ;;
        *) echo "check-kernels: --levels takes -O0, -O1, -O2, -O3 or -Os, not '$level'" >&2; exit 2 ;;
    esac
done
if [ ${#missing[@]} -gt 0 ]; then
    printf 'check-kernels: missing %s\n' "${missing[@]}" >&2
    exit 2
fi

if [ -z "$out" ]; then
    out=$(mktemp -d)
    trap 'rm -rf "$out"' EXIT
fi
mkdir -p "$out"

kernels_dir="$root/Sources/CNSFKernels"
kernel_sources=("$kernels_dir"/*.c)
cflags=(-Wall -Wextra -Werror -I "$kernels_dir/include")
status=0

# build ARCH LEVEL DIR: compiles the kernels and the harness into DIR/kernel_check.
build() {
    local arch=$1 level=$2 dir=$3 source
    local target=()
    [ "$arch" = arm64 ] && target=(--target=aarch64-linux-gnu)
    mkdir -p "$dir"
    for source in "${kernel_sources[@]}" "$root/scripts/arm64/kernel_check.c"; do
        "$clang" "${target[@]}" "$level" "${cflags[@]}" -c "$source" -o "$dir/$(basename "$source" .c).o"
    done
    if [ "$arch" = arm64 ]; then
        aarch64-linux-gnu-gcc "$dir"/*.o -o "$dir/kernel_check" -lm
    else
        "$clang" "$dir"/*.o -o "$dir/kernel_check" -lm
    fi
}

# check_disassembly ARCH DIR: the vector FMA instructions of each kernel object (not CPUFeatures).
# MovingAverageRows has no multiply-add by design (float64 running sums, exact as the Swift code):
# its vector float64 additions are counted instead.
check_disassembly() {
    local arch=$1 dir=$2 object name listing count fmaf pattern fma_pattern add_pattern
    if [ "$arch" = arm64 ]; then
        fma_pattern='fmla[[:space:]]+v[0-9]+\.4s' add_pattern='fadd[[:space:]]+v[0-9]+\.2d'
    else
        fma_pattern='vfmadd[0-9]+ps[[:space:]].*ymm' add_pattern='vaddpd[[:space:]].*ymm'
    fi
    local report=""
    for object in "$dir"/*.o; do
        name=$(basename "$object" .o)
        case "$name" in CPUFeatures | kernel_check) continue ;; esac
        pattern=$fma_pattern
        [ "$name" = MovingAverageRows ] && pattern=$add_pattern
        listing=$("$objdump" -d --no-show-raw-insn "$object")
        count=$(grep -cE "$pattern" <<< "$listing" || true)
        fmaf=$(grep -c 'fmaf' <<< "$listing" || true)
        report+=" $name=$count"
        if [ "$count" -eq 0 ] || [ "$fmaf" -ne 0 ]; then
            echo "DISASSEMBLY $arch $name: $count vector FMA (or float64 add) instructions, $fmaf fmaf references" >&2
            status=1
        fi
    done
    if [ "$arch" = arm64 ]; then
        echo "disassembly arm64: NEON 'fmla vN.4s' ('fadd vN.2d' for MovingAverageRows) per object:$report"
    else
        echo "disassembly x86-64: AVX2 'vfmadd…ps ymm' ('vaddpd ymm' for MovingAverageRows) per object (the run-time AVX2+FMA path):$report"
    fi
}

# run_checked COMMAND...: runs a harness command, records a failure without stopping.
run_checked() {
    if ! "$@"; then status=1; fi
}

for level in $levels; do
    echo "== $level"
    native="$out/$level/x86-64-build"
    arm="$out/$level/arm64-build"
    build x86-64 "$level" "$native"
    build arm64 "$level" "$arm"
    check_disassembly x86-64 "$native"
    check_disassembly arm64 "$arm"

    results=("$out/$level/x86-64-baseline")
    mkdir -p "$out/$level/x86-64-baseline" "$out/$level/arm64-neon"
    run_checked "$native/kernel_check" run "$out/$level/x86-64-baseline" baseline
    if "$native/kernel_check" features | grep -q 'AVX2+FMA supported: 1'; then
        mkdir -p "$out/$level/x86-64-avx2fma"
        results+=("$out/$level/x86-64-avx2fma")
        run_checked "$native/kernel_check" run "$out/$level/x86-64-avx2fma" avx2fma
    else
        echo "(this CPU has no AVX2+FMA: only the x86-64 baseline path is compared)"
    fi
    started=$(date +%s)
    run_checked qemu-aarch64 -L "$sysroot" "$arm/kernel_check" run "$out/$level/arm64-neon" baseline
    echo "(qemu-aarch64 run: $(($(date +%s) - started)) s)"
    for result in "${results[@]}"; do
        run_checked "$native/kernel_check" compare "$out/$level/arm64-neon" "$result"
    done
done

if [ "$status" -eq 0 ]; then
    echo "check-kernels: every kernel matches on arm64 (NEON) and x86-64 at $levels"
else
    echo "check-kernels: MISMATCH (see the lines above)" >&2
fi
exit "$status"
