#!/usr/bin/env bash
# Compares the NSF engine speed of two builds of neurorack-run on this machine, in one session:
# runs `bench --parts model --threads 1 --repetitions R` of each binary in turn, N times, and
# prints, per build and plan, the best and the median of the N fastest-of-R times and the % of the
# FMA peak of the best run. Alternating the two binaries spreads the machine's load changes over
# both, which is what makes the ratio trustworthy on a shared machine (docs/PERFORMANCE.md).
set -euo pipefail

usage() {
    cat << 'EOF'
usage: Benchmarks/compare-builds.sh [--runs N] [--repetitions R] [--model M] BASE_BINARY NEW_BINARY

  BASE_BINARY, NEW_BINARY  two neurorack-run executables, e.g. a worktree of an older commit
                           (git worktree add ../base REV && (cd ../base && swift build -c release))
                           and .build/release/neurorack-run
  --runs N         alternations (default 5)
  --repetitions R  timed repetitions per bench call, the fastest kept (default 6)
  --model M        the model to time (default: neural, the bundled default model)
EOF
}

runs=5
repetitions=6
model=neural
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
        --repetitions) repetitions="${2:?--repetitions needs a number}"; shift 2 ;;
        --model) model="${2:?--model needs a name or path}"; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        -*) echo "compare-builds: unknown option '$1'" >&2; usage >&2; exit 2 ;;
        *) break ;;
    esac
done
if [ $# -ne 2 ]; then
    usage >&2
    exit 2
fi
for binary in "$1" "$2"; do
    [ -x "$binary" ] || { echo "compare-builds: '$binary' is not an executable" >&2; exit 2; }
done

results=$(mktemp)
trap 'rm -f "$results"' EXIT
for ((run = 1; run <= runs; run++)); do
    for build in base new; do
        binary=$1
        [ "$build" = new ] && binary=$2
        # mode chunks threads seconds cpu rtf peak conv %peak
        "$binary" bench --model "$model" --parts model --threads 1 --repetitions "$repetitions" 2> /dev/null |
            awk -v build="$build" '$1 ~ /^(whole|streaming|original)$/ && $3 == 1 { print build, $1, $4, $9 }' \
                >> "$results"
    done
    echo "run $run of $runs done" >&2
done

echo "load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-5s %-10s %8s %8s %14s\n' build plan "best s" "median s" "% peak (best)"
for build in base new; do
    for plan in whole streaming original; do
        awk -v build="$build" -v plan="$plan" '$1 == build && $2 == plan { print $3, $4 }' "$results" | sort -n |
            awk -v build="$build" -v plan="$plan" '
                { seconds[NR] = $1; peak[NR] = $2 }
                END {
                    if (NR == 0) exit
                    median = NR % 2 ? seconds[(NR + 1) / 2] : (seconds[NR / 2] + seconds[NR / 2 + 1]) / 2
                    printf "%-5s %-10s %8.3f %8.3f %14.1f\n", build, plan, seconds[1], median, peak[1]
                }'
    done
done
