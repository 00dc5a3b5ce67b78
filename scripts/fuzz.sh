#!/usr/bin/env bash
# Fuzzes every parser with libFuzzer and AddressSanitizer: scripts/fuzz.sh [SECONDS] [RUNS]
# Each target runs SECONDS (default 30) or RUNS executions (default 1000000), whichever comes
# first, from the committed seeds in Fuzz/Corpus/<kind> (new inputs go to a temporary copy).
# Crash inputs are written to Fuzz/crashes/; the script exits 1 if any target crashed.
set -uo pipefail
cd "$(dirname "$0")/../Fuzz"
seconds=${1:-30}
runs=${2:-1000000}
swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld > /dev/null || exit 2
mkdir -p crashes
status=0
for pair in FuzzWAV:wav FuzzSafeTensors:safetensors FuzzControls:controls FuzzMIDI:midi FuzzOSC:osc FuzzModule:module; do
    target=${pair%%:*}
    corpus=$(mktemp -d)
    cp "Corpus/${pair##*:}"/* "$corpus"/
    log=$(mktemp)
    ./.build/release/"$target" "$corpus" -max_total_time="$seconds" -runs="$runs" -max_len=8192 -rss_limit_mb=2048 \
        -timeout=10 -artifact_prefix=crashes/"$target"- > "$log" 2>&1
    code=$?
    executions=$(grep -oE "Done [0-9]+ runs" "$log" | grep -oE "[0-9]+" || true)
    if [ "$code" -eq 0 ]; then
        echo "$target: ${executions:-?} executions, no crash, hang or leak"
    else
        echo "$target: FAILED (exit $code) — see crashes/ and:"; tail -20 "$log"; status=1
    fi
    rm -rf "$corpus" "$log"
done
exit $status
