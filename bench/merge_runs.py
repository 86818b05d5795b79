"""Merges the one-run results of an interleaved row into the one file report.py reads (see run.sh).

usage: /usr/bin/python3 bench/merge_runs.py hyperfine OUT.json RUN.json...
       /usr/bin/python3 bench/merge_runs.py inflate OUT.json RUN.out...

An interleaved row is timed one run at a time (a `hyperfine --runs 1`, or a
`bin/inflate -runs 1`, per round), so that rows compared by a ratio run
round by round under the same conditions. Merged, it reads as if one
hyperfine (or bin/inflate) had made all its runs: the times in run order,
user and system time the mean over the runs, medians over all runs. A run
whose file is missing or unreadable (it failed) is left out; with no run at
all, OUT is not written and the row shows as not run.
"""
import json
import statistics
import sys

MODE, OUT, RUNS = sys.argv[1], sys.argv[2], sys.argv[3:]


def load(path):
    try:
        return json.load(open(path))
    except (OSError, ValueError):
        return None


def hyperfine(runs):
    results = [r for d in runs for r in d.get("results", [])[:1]]
    if not results:
        return None
    times = [t for r in results for t in r["times"]]
    weight = [len(r["times"]) for r in results]
    mean_of = lambda key: sum(r[key] * k for r, k in zip(results, weight)) / sum(weight)
    return {"results": [{
        "command": results[0]["command"],
        "mean": statistics.mean(times),
        "stddev": statistics.stdev(times) if len(times) > 1 else None,
        "median": statistics.median(times),
        "user": mean_of("user"),
        "system": mean_of("system"),
        "min": min(times),
        "max": max(times),
        "times": times,
        "exit_codes": [c for r in results for c in r.get("exit_codes", [])],
    }]}


def inflate(runs):
    if not runs:
        return None
    sheet = [t for d in runs for t in d["sheet_runs"]]
    both = [t for d in runs for t in d.get("with_shared_strings_runs", [d["with_shared_strings_seconds"]])]
    out = dict(runs[0])  # sizes and rows: the same list in every round
    out.update(sheet_runs=sheet, sheet_seconds=statistics.median(sheet),
               with_shared_strings_runs=both, with_shared_strings_seconds=statistics.median(both))
    if len({d["rows"] for d in runs}) != 1:
        out["rows"] = -1  # cannot happen on one file; run.sh's row check then says DISAGREE
    return out


runs = [d for d in map(load, RUNS) if d]
merged = {"hyperfine": hyperfine, "inflate": inflate}[MODE](runs)
if merged:
    json.dump(merged, open(OUT, "w"), indent=2)
