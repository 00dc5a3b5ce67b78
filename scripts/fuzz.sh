#!/usr/bin/env bash
# Fuzzes every parser with libFuzzer and AddressSanitizer: scripts/fuzz.sh [SECONDS] [RUNS] [TARGET...]
# Each target runs SECONDS (default 30) or RUNS executions (default 1000000), whichever comes
# first, from the committed seeds in Fuzz/Corpus/<kind> (new inputs go to a temporary copy).
# TARGETs (default: all) are names such as FuzzWAV. FuzzTorchScript is a package of its own
# (Fuzz/Torch), built only where libtorch is installed (Debian's libtorch-dev), else skipped.
# Crash inputs are written to Fuzz/crashes/; the script exits 1 if any target crashed.
set -uo pipefail
cd "$(dirname "$0")/../Fuzz"
seconds=${1:-30}
runs=${2:-1000000}
shift $(($# < 2 ? $# : 2))
selected=" ${*:-FuzzWAV FuzzSafeTensors FuzzControls FuzzMIDI FuzzOSC FuzzModule FuzzTorchScript} "
build() { swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld > /dev/null; }
mkdir -p crashes
status=0

# fuzz TARGET EXECUTABLE CORPUS MAX_LEN [OPTION...]: one run of libFuzzer, summarised in one line.
fuzz() {
    local corpus log code executions scratch
    corpus=$(mktemp -d)
    cp "Corpus/$3"/* "$corpus"/
    log=$(mktemp)
    scratch=$(mktemp -d)
    TMPDIR=$scratch "$2" "$corpus" -max_total_time="$seconds" -runs="$runs" -max_len="$4" -rss_limit_mb=2048 \
        -timeout=10 "${@:5}" -artifact_prefix=crashes/"$1"- > "$log" 2>&1
    code=$?
    executions=$(grep -oE "Done [0-9]+ runs" "$log" | grep -oE "[0-9]+" || true)
    if [ "$code" -eq 0 ] && [[ " ${*:5} " == *" -detect_leaks=0 "* ]]; then
        echo "$1: ${executions:-?} executions, no crash or hang (leaks not checked)"
    elif [ "$code" -eq 0 ]; then
        echo "$1: ${executions:-?} executions, no crash, hang or leak"
    else
        echo "$1: FAILED (exit $code) — see crashes/ and:"; tail -20 "$log"; status=1
    fi
    rm -rf "$corpus" "$log" "$scratch"
}

parsers=()
for pair in FuzzWAV:wav FuzzSafeTensors:safetensors FuzzControls:controls FuzzMIDI:midi FuzzOSC:osc FuzzModule:module; do
    [[ $selected == *" ${pair%%:*} "* ]] && parsers+=("$pair")
done
for target in $selected; do
    [[ " ${parsers[*]%%:*} FuzzTorchScript " == *" $target "* ]] || { echo "unknown fuzz target: $target"; exit 2; }
done
if [ ${#parsers[@]} -gt 0 ]; then build || exit 2; fi
for pair in "${parsers[@]}"; do
    fuzz "${pair%%:*}" ./.build/release/"${pair%%:*}" "${pair##*:}" 8192
done
if [[ $selected == *" FuzzTorchScript "* ]]; then
    if [ -e /usr/include/torch/script.h ]; then
        # libtorch (not instrumented) leaks on some failed loads, and a one-byte change can make its
        # unpickler allocate and clear gigabytes for tens of seconds (docs/RELIABILITY.md): leaks
        # are not checked, the time and memory limits are wider, and an allocation over 1 GiB
        # fails as std::bad_alloc (which the shim turns into an error) instead of taking that time.
        (cd Torch && build) || exit 2
        ASAN_OPTIONS=allocator_may_return_null=1:max_allocation_size_mb=1024:detect_leaks=0 fuzz FuzzTorchScript ./Torch/.build/release/FuzzTorchScript torchscript 16384 \
            -detect_leaks=0 -timeout=60 -rss_limit_mb=4096 -malloc_limit_mb=4096
    else
        echo "FuzzTorchScript: skipped: libtorch-dev not installed (no /usr/include/torch/script.h)"
    fi
fi
exit $status
