"""Helper of compare-pytorch.sh: tags timing records and prints the comparison table.

    compare_pytorch.py tag --malloc default|tuned < one JSON object > one JSON line
    compare_pytorch.py report RESULTS.jsonl

Records come from `python -m training.nsf.run` (engine "pytorch": min_seconds, audio_seconds) and from
`neurorack-run bench --parts model --json` (modelRuns with mode "whole" / "streaming"). The speed-up
is PyTorch's fastest whole-impact call divided by ours, at the same thread count and malloc setting.
"""

from __future__ import annotations

import argparse
import json
import sys

GOALS = {"default": 5.0, "tuned": 2.5}  # 1 thread, whole impact: required speed-up over PyTorch


def tag(malloc: str) -> None:
    record = json.loads(sys.stdin.read())
    record["malloc"] = malloc
    print(json.dumps(record, sort_keys=True))


def normalise(record: dict) -> list[dict]:
    """One row per (engine, mode) with threads, malloc, seconds, audio seconds."""
    if record.get("engine") == "pytorch":
        return [dict(engine="pytorch", mode="whole", threads=record["threads"], malloc=record["malloc"],
                     seconds=record["min_seconds"], audio=record["audio_seconds"])]
    return [dict(engine="swift", mode=run["mode"], threads=run["threads"], malloc=record["malloc"],
                 seconds=run["seconds"], cpu=run["cpuSeconds"], audio=run["audioSeconds"])
            for run in record["modelRuns"]]


def report(path: str) -> None:
    rows = []
    with open(path) as lines:
        for line in lines:
            if line.strip():
                rows += normalise(json.loads(line))
    print("threads  malloc   PyTorch s  RTF     Swift whole s  (CPU s)  RTF     Swift streaming RTF  speed-up")
    failures = []
    for threads in sorted({row["threads"] for row in rows}):
        for malloc in ("default", "tuned"):
            def find(engine: str, mode: str, count: int):
                return next((r for r in rows if r["engine"] == engine and r["mode"] == mode
                             and r["threads"] == count and r["malloc"] == malloc), None)
            torch = find("pytorch", "whole", threads)
            # The Swift model may run on fewer threads than asked for (its record says how many).
            whole = find("swift", "whole", threads) or find("swift", "whole", 1)
            streaming = find("swift", "streaming", threads) or find("swift", "streaming", 1)
            if torch is None or whole is None:
                continue
            ratio = torch["seconds"] / whole["seconds"]
            stream = f"{streaming['seconds'] / streaming['audio']:.3f}" if streaming else "-"
            marker = "" if whole["threads"] == threads else f"  (Swift on {whole['threads']} thread)"
            print(f"{threads:7d}  {malloc:7s}  {torch['seconds']:9.2f}  {torch['seconds'] / torch['audio']:6.3f}"
                  f"  {whole['seconds']:13.3f}  {whole['cpu']:7.3f}  {whole['seconds'] / whole['audio']:6.3f}  {stream:>19s}  {ratio:7.1f}x{marker}")
            if threads == 1 and ratio < GOALS[malloc]:
                failures.append(f"1 thread, {malloc} malloc: {ratio:.1f}x < goal {GOALS[malloc]}x")
    print("RTF = elapsed seconds / audio seconds (below 1 is faster than real time); fastest of the repeats.")
    print("CPU s = CPU time of the Swift process, all threads (lower than elapsed when other processes share the cores).")
    print("goals (1 thread): >= 5x PyTorch default, >= 2.5x tuned PyTorch: "
          + ("met" if not failures else "NOT met: " + "; ".join(failures)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    tagger = sub.add_parser("tag")
    tagger.add_argument("--malloc", choices=("default", "tuned"), required=True)
    reporter = sub.add_parser("report")
    reporter.add_argument("results")
    args = parser.parse_args()
    if args.command == "tag":
        tag(args.malloc)
    else:
        report(args.results)


if __name__ == "__main__":
    main()
