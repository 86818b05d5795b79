"""Writes BENCHMARKS.md from bench/results (see run.sh).

usage: /usr/bin/python3 bench/report.py RESULTS_DIR OUT.md
"""
import glob
import json
import os
import re
import statistics
import subprocess
import sys

R, OUT = sys.argv[1], sys.argv[2]


def read1(name, default=None):
    p = os.path.join(R, name)
    return open(p).read().strip() if os.path.exists(p) else default


D = read1("datadir", "bench/data")
SMOKE = read1("smoke")
WORKBOOKS = int(read1("workbooks", "1000"))


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30).stdout.strip()
    except Exception:
        return "?"


def hyperfine(name):
    """The results of a finished hyperfine run, None while it runs or when it failed."""
    p = os.path.join(R, name + ".json")
    try:
        return json.load(open(p))["results"][0]
    except (OSError, ValueError, KeyError, IndexError):
        return None


def median_s(name):
    if hyperfine(name):
        return statistics.median(hyperfine(name)["times"])
    p = os.path.join(R, name + ".times")
    if os.path.exists(p):
        return statistics.median(float(x) for x in open(p).read().split())
    return None


def runs(name):
    r = hyperfine(name)
    return len(r["times"]) if r else 0


def cpu_s(name):
    r = hyperfine(name)
    return r["user"] + r["system"] if r else None


def peak_mb(name):
    p = os.path.join(R, name + ".timev")
    if not os.path.exists(p):
        return None
    kb = [int(x) for x in re.findall(r"Maximum resident set size \(kbytes\): (\d+)", open(p).read())]
    return max(kb) / 1024 if kb else None


def fmt_s(s):
    if s is None:
        return "n/a"
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


machine = {
    "CPU": sh("lscpu | sed -n 's/^Model name: *//p'") or sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"),
    "cores (nproc)": sh("nproc"),
    "memory": sh("free -m | awk '/^Mem:/ {print $2 \" MiB\"}'"),
    "kernel": sh("uname -sr"),
    "load average (1, 5, 15 min) at the start of the run": open(os.path.join(R, "loadavg.start")).read().strip() if os.path.exists(os.path.join(R, "loadavg.start")) else "?",
    "load average at report time": sh("cut -d' ' -f1-3 /proc/loadavg"),
}
versions = {
    "bhxh": sh("bin/bhxh version | head -1"),
    "Go": sh("go version"),
    "Python": sh("/usr/bin/python3 --version"),
    "pandas / openpyxl": sh("/usr/bin/python3 -c 'import pandas, openpyxl; print(pandas.__version__, \"/\", openpyxl.__version__)'"),
    "Node / SheetJS": sh("node --version") + " / xlsx " + sh("node -p \"require('./bench/node_modules/xlsx/package.json').version\""),
    "DuckDB (Go bindings, bench/duckdb)": sh("grep -m1 'duckdb/duckdb-go/v2 ' bench/duckdb/go.mod | awk '{print $2}'") + " (DuckDB " + (sh("bin/duckdb-count -version") or "?") + ")",
    "hyperfine": sh("hyperfine --version") or "not installed (a shell loop)",
}


out = []
w = out.append
nproc = int(sh("nproc") or 1)


def rss_s(name):
    r = peak_mb(name)
    return f"{r:.0f} MB" if r else "n/a"


def loads_of(name):
    """The 1-min loads before each of NAME's runs: one for a row timed by one hyperfine, one per round for an interleaved row."""
    return [float(v[0]) for k, *v in (l.split() for l in lines("load.txt")) if k == name and v]


def load_of(name):
    ls = loads_of(name)
    return max(ls) if ls else None


def load_cell(name, warn=True):
    """The load column: the load before the row's runs, or the range over its rounds; ⚠ above 1."""
    ls = loads_of(name)
    if not ls:
        return ""
    cell = f"{ls[0]:.2f}" if min(ls) == max(ls) else f"{min(ls):.2f}–{max(ls):.2f}"
    return cell + (" ⚠" if warn and max(ls) > 1 else "")


def lines(name):
    p = os.path.join(R, name)
    return open(p).read().splitlines() if os.path.exists(p) else []


loads = [float(l.split()[1]) for l in lines("load.txt") if len(l.split()) > 1] or [0.0]
start = open(os.path.join(R, "loadavg.start")).read().split()
end = open(os.path.join(R, "loadavg.end")).read().split() if os.path.exists(os.path.join(R, "loadavg.end")) else ["?"]

w("# Benchmarks\n")
if SMOKE:
    w(f"**SMOKE RUN ({SMOKE}): small inputs and few runs, to check that `make bench` runs end to end. "
      "Its figures are not the targets' and this file is not to be committed: run `make bench` for them.**\n")
w("Written by `make bench` (bench/run.sh, bench/report.py); every figure below comes from the last run. ")
w("Inputs are generated deterministically by bench/gen: participant lists written the way Excel writes them ")
w("(7 columns under a 3-row heading, every text in the shared-strings table, a style on every cell, ~0.1% of ")
w("rows repeating a person), the same lists as a national database exports them (UTF-8 CSV, one header line, ")
w("3,321 communes, ids with a province prefix), 1,000 monthly workbooks of 60 units, and an allocation ")
w("baseline of 100,000 units.\n")
w("Wall time is the median over the runs shown (hyperfine); peak RSS is the largest over those runs, from ")
w("`/usr/bin/time -v`. Ratio = the tool's median / bhxh's median, within this run.\n")
rc = dict(kv.split("=") for kv in (read1("runs") or "").split() if "=" in kv)
if rc:
    w(f"Runs per row (the runs column): {rc['RUNS']} for bhxh, its inflate limit, DuckDB up to 20 M rows and every tool "
      f"on xlsx lists up to 200,000 rows; {rc['SLOW_RUNS']} for pandas and SheetJS on bigger xlsx lists, pandas on CSV "
      f"lists and on the reports, and DuckDB past 20 M rows; {rc['BIG_CSV_RUNS']} for bhxh on CSV lists past 20 M rows, "
      "so that its 100 M-row time is a median.\n")
w("Order of the runs: the filesystem's kernel time drifts with what ran just before (the same report command's "
  "system time grows after runs that wrote and deleted many files), so the rows a ratio compares are interleaved. "
  "The CSV, JSON and xlsx reports run round by round, each once per round, in an order rotated each round "
  "(CSV JSON xlsx, then JSON xlsx CSV, then xlsx CSV JSON, …), each into a fresh, empty folder; on each xlsx list, "
  "bhxh count and its inflate limit alternate (the limit first in odd rounds, bhxh first in even ones). Each format, "
  "and bhxh and its limit, thus see the same conditions. Every other row makes its runs back to back. For an "
  "interleaved row, the load column gives the range before its runs.\n")
w("## Load\n")
w(f"The machine has {nproc} cores and is shared. Load average (1 min) at the start {start[0]}, at the end {end[0]}; "
  f"before each timed command from {min(loads):.2f} to {max(loads):.2f} (each is listed with its table). ")
if max(loads) > nproc * 0.75:
    w(f"**The load reached {max(loads):.2f} on {nproc} cores.** The 1-minute load average counts the run's own "
      "previous commands (bhxh's pipelines and DuckDB keep both cores busy) as well as any other job, and cannot "
      "tell them apart; where another job did run, wall times are inflated, most for what uses both cores; ratios "
      "are taken within one run, and the CPU column is less sensitive. A row whose load is above 1 is marked ⚠.\n")
else:
    w("The machine was quiet for the whole run.\n")
started, ended = read1("started"), read1("ended")
if started and ended:
    kib = int(read1("data-kib", "0"))
    disk = f"{kib / 1048576:.1f} GB" if kib >= 1048576 else f"{kib / 1024:.0f} MB"
    w(f"The run took {(int(ended) - int(started)) / 60:.1f} min; its inputs took {disk} of disk at most.\n")
w("## Machine\n")
for k, v in machine.items():
    w(f"- {k}: {v}")
w("")
w("## Versions\n")
for k, v in versions.items():
    w(f"- {k}: {v}")
w("")


def row(label, name, base=None):
    m = median_s(name)
    if m is None:
        return f"| {label} | – | n/a (not run, or still running) | | | | |", None
    ratio = f"{m / base:.2f}×" if base else "1.00×"
    return f"| {label} | {runs(name)} | {fmt_s(m)} | {fmt_s(cpu_s(name))} | {rss_s(name)} | {ratio} | {load_cell(name)} |", m


HEAD = ["| tool | runs | median wall | CPU (user+sys, mean) | peak RSS | ratio to bhxh | load |", "|---|---:|---:|---:|---:|---:|---:|"]
targets = {}  # key -> (target, measured, met)


def verdict(ok):
    return "**met**" if ok else "**NOT met**"


def target(key, goal, measured, ok):
    targets[key] = (goal, measured, verdict(ok))


# --- xlsx lists
sizes = sorted({int(m.group(1)) for f in glob.glob(os.path.join(R, "count-*-bhxh.json")) for m in [re.search(r"count-(\d+)-bhxh", f)] if m})
for n in sizes:
    w(f"## bhxh count, xlsx list: {n:,} rows\n")
    xl = os.path.join(D, f"ds-{n}.xlsx")
    try:
        inf = json.load(open(os.path.join(R, f"inflate-{n}.out")))
    except (OSError, ValueError):  # every round of bin/inflate failed
        inf = {"sheet_bytes": 0, "sheet_seconds": float("nan"), "sheet_runs": [], "with_shared_strings_seconds": float("nan")}
    if os.path.exists(xl):
        w(f"Input {xl}: {os.path.getsize(xl) / 1e6:.1f} MB xlsx, {inf['sheet_bytes'] / 1e6:.0f} MB of sheet XML, "
          f"{inf.get('shared_strings_bytes', 0) / 1e6:.0f} MB of shared strings.\n")
    w("\n".join(HEAD))
    r, base = row("bhxh count", f"count-{n}-bhxh")
    w(r)
    base = base or float("nan")
    lim = inf["sheet_seconds"]
    w(f"| limit: inflate the sheet (compress/flate, 1 thread, in process) | {len(inf['sheet_runs'])} | {fmt_s(lim)} | {fmt_s(lim)} | | {lim / base:.2f}× | {load_cell(f'inflate-{n}', warn=False)} |")
    w(f"| inflate the sheet and the shared strings (what bhxh inflates) | {len(inf['sheet_runs'])} | {fmt_s(inf['with_shared_strings_seconds'])} | | | {inf['with_shared_strings_seconds'] / base:.2f}× | |")
    for key, label in [("pandas", "pandas + openpyxl"), ("sheetjs", "SheetJS (xlsx)")]:
        w(row(label, f"count-{n}-{key}", base)[0])
    w("")
    if n == max(sizes):
        target("xlsx", f"xlsx list, {n:,} rows: bhxh count ≤ 1.3× the single-thread inflate time of its sheet (compress/flate)",
               f"{fmt_s(base)} / {fmt_s(lim)} = {base / lim:.2f}×", base / lim <= 1.3)
        pm = median_s(f"count-{n}-pandas")
        if pm:
            target("xlsx-pandas", f"xlsx list, {n:,} rows: ≥ 40× faster than pandas+openpyxl (earlier issue)", f"{pm / base:.1f}×", pm / base >= 40)
        target("xlsx-rss", f"xlsx list, {n:,} rows: peak RSS ≤ 150 MB (earlier issue)", rss_s(f"count-{n}-bhxh"), (peak_mb(f"count-{n}-bhxh") or 1e9) <= 150)

# --- CSV lists
csizes = sorted({int(m.group(1)) for f in glob.glob(os.path.join(R, "csv-*-bhxh.json")) for m in [re.search(r"csv-(\d+)-bhxh\.json", f)] if m})
for n in csizes:
    w(f"## bhxh count, CSV list: {n:,} rows\n")
    p = os.path.join(D, f"ds-{n}.csv")
    if os.path.exists(p):
        gz = os.path.getsize(p + ".gz") / 1e6 if os.path.exists(p + ".gz") else None
        w(f"Input {p}: {os.path.getsize(p) / 1e6:,.0f} MB" + (f" ({gz:,.0f} MB gzipped)" if gz else "") + ".\n")
    w("\n".join(HEAD))
    r, base = row("bhxh count", f"csv-{n}-bhxh")
    w(r)
    base = base or float("nan")
    for key, label in [("bhxh-gz", "bhxh count, the same list gzipped (.csv.gz)"), ("duckdb", "DuckDB (SQL over read_csv)"), ("pandas", "pandas (read_csv, 3 columns)")]:
        if os.path.exists(os.path.join(R, f"csv-{n}-{key}.json")):
            w(row(label, f"csv-{n}-{key}", base)[0])
    w("")
    dm = median_s(f"csv-{n}-duckdb")
    rss = peak_mb(f"csv-{n}-bhxh")
    agree = any(l.startswith(f"csv-{n} duckdb agrees") for l in lines("checks.txt"))
    rss = rss or float("nan")
    if n <= 20000000:
        if dm:
            target("csv10-time", f"CSV list, {n:,} rows: ≤ 0.5× DuckDB's wall time", f"{fmt_s(base)} / {fmt_s(dm)} = {base / dm:.2f}×", base / dm <= 0.5)
        target("csv10-rss", f"CSV list, {n:,} rows: peak RSS ≤ 300 MB", f"{rss:.0f} MB", rss <= 300)
    else:
        target("csv100-time", f"CSV list, {n:,} rows: ≤ 30 s", fmt_s(base), base <= 30)
        target("csv100-rss", f"CSV list, {n:,} rows: peak RSS ≤ 1.2 GB (spill allowed)", f"{rss:.0f} MB", rss <= 1200)
        target("csv100-duckdb", f"CSV list, {n:,} rows: counts identical to DuckDB's", "identical" if agree else "differ, or DuckDB not run", agree)

# --- reports
w(f"## bhxh compute --out-dir: {WORKBOOKS:,} monthly workbooks\n")
sizes_kb = {}
for l in lines("checks.txt"):
    m = re.match(r"reports-(\w+): (\d+) files, (\d+) KiB", l)
    if m:
        sizes_kb[m.group(1)] = int(m.group(3))
w("| reports | runs | median wall | CPU (user+sys, mean) | peak RSS | written | MB/s | ratio to CSV | load |")
w("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
cm = median_s("compute-1000-bhxh") or float("nan")
for name, label, fmt in [("compute-1000-bhxh", "bhxh, CSV (the pandas script's job)", "csv"), ("compute-1000-bhxh-json", "bhxh, JSON", "json"),
                         ("compute-1000-bhxh-xlsx", "bhxh, xlsx (default: chart, checks, sources)", "xlsx"), ("compute-1000-pandas", "pandas + openpyxl, CSV", None)]:
    m = median_s(name)
    if m is None:
        continue
    kb = sizes_kb.get(fmt)
    w(f"| {label} | {runs(name)} | {fmt_s(m)} | {fmt_s(cpu_s(name))} | {rss_s(name)} | {f'{kb / 1024:.0f} MB' if kb else ''} | "
      f"{f'{kb / 1024 / m:.0f}' if kb else ''} | {m / cm:.2f}× | {load_cell(name)} |")
w("")
xm, jm = median_s("compute-1000-bhxh-xlsx"), median_s("compute-1000-bhxh-json")
if cm == cm and xm:
    target("reports-xlsx", f"{WORKBOOKS:,} xlsx reports (compute --out-dir) ≤ 2× the {WORKBOOKS:,} CSV reports", f"{fmt_s(xm)} / {fmt_s(cm)} = {xm / cm:.2f}×", xm / cm <= 2)
if cm == cm and jm:
    per_byte = (jm / sizes_kb["json"]) / (cm / sizes_kb["csv"]) if sizes_kb.get("json") and sizes_kb.get("csv") else None
    target("reports-json", f"{WORKBOOKS:,} JSON reports ≤ 1.2× the {WORKBOOKS:,} CSV reports", f"{fmt_s(jm)} / {fmt_s(cm)} = {jm / cm:.2f}×"
           + (f" (per byte written: {per_byte:.2f}×)" if per_byte else ""), jm / cm <= 1.2)

# --- allocate
w("## bhxh allocate: 100,000 units\n")
bench = {}
for l in lines("allocate-bench.txt"):
    m = re.match(r"BenchmarkAllocate100000/([^/]+)/(\S+?)-\d+\s+\d+\s+(\d+) ns/op", l)
    if m:
        bench[(m.group(1), m.group(2))] = int(m.group(3)) / 1e9
rounds = ["largest-remainder", "webster", "dhondt", "huntington-hill"]
methods = ["proportional", "uncovered", "current", "weight:w"]
w("In process (`coverage.Allocate`, `go test -bench Allocate100000 ./coverage`), mean per allocation; load "
  f"{load_of('allocate-inprocess')}:\n")
w("| method | " + " | ".join(rounds) + " |")
w("|---|" + "---:|" * len(rounds))
for mt in methods:
    w(f"| {mt} | " + " | ".join(fmt_s(bench.get((mt, r))) for r in rounds) + " |")
w("")
w("The whole command on bench/data/baseline-100000.csv (read the baseline, allocate with Huntington–Hill, write a CSV):\n")
w("\n".join(HEAD).replace("ratio to bhxh", "ratio to proportional"))
pb = median_s("allocate-cli-proportional") or float("nan")
for mt in ["proportional", "uncovered", "current", "weight"]:
    w(row(f"--method {mt}{':population' if mt == 'weight' else ''}", f"allocate-cli-{mt}", pb)[0])
w("")
if bench:
    worst = max(bench.items(), key=lambda kv: kv[1])
    target("allocate", "allocate, 100,000 units, every method × rounding (in process): ≤ 0.5 s",
           f"slowest {worst[0][0]}/{worst[0][1]} {fmt_s(worst[1])} (the whole command, proportional: {fmt_s(pb)})", worst[1] <= 0.5)

vm = median_s("version")
w("## Start-up\n")
w(f"`bhxh version`: median {fmt_s(vm)} over {runs('version')} runs (hyperfine -N, 20 warm-ups).\n")
if vm:
    target("version", "`bhxh version` ≤ 20 ms (earlier issue)", fmt_s(vm), vm <= 0.020)

w("## Checks\n")
for line in lines("checks.txt"):
    w(f"- {line}")
w("")

# every target of issue 17, measured or not
for key, goal in [("csv10-time", "CSV list, 10,000,000 rows: ≤ 0.5× DuckDB's wall time"), ("csv10-rss", "CSV list, 10,000,000 rows: peak RSS ≤ 300 MB"),
                  ("csv100-time", "CSV list, 100,000,000 rows: ≤ 30 s"), ("csv100-rss", "CSV list, 100,000,000 rows: peak RSS ≤ 1.2 GB (spill allowed)"),
                  ("csv100-duckdb", "CSV list, 100,000,000 rows: counts identical to DuckDB's"),
                  ("xlsx", "xlsx list, 1,048,573 rows: bhxh count ≤ 1.3× the single-thread inflate time of its sheet (compress/flate)"),
                  ("reports-xlsx", "1,000 xlsx reports (compute --out-dir) ≤ 2× the 1,000 CSV reports"), ("reports-json", "1,000 JSON reports ≤ 1.2× the 1,000 CSV reports"),
                  ("allocate", "allocate, 100,000 units, every method × rounding (in process): ≤ 0.5 s")]:
    if key not in targets:
        targets[key] = (goal, "not measured in this run", "–")
w("## Targets\n")
if SMOKE:
    w("(A smoke run: the sizes are not the targets'; the verdicts below say nothing about them.)\n")
w("| target | measured | met? |")
w("|---|---|---|")
for goal, measured, ok in targets.values():
    w(f"| {goal} | {measured} | {ok} |")
w("")

w("## Exact commands\n")
w("```")
for f in sorted(glob.glob(os.path.join(R, "*.cmd"))):
    prep = f[:-4] + ".prepare"
    before = f" (before each run, untimed: {open(prep).read().strip()})" if os.path.exists(prep) else ""
    inter = read1(os.path.basename(f)[:-4] + ".interleaved")
    inter = f" [{inter}]" if inter else ""
    w(f"{os.path.basename(f)[:-4]}: {open(f).read().strip()}{before}{inter}")
w("allocate in process: go test -run '^$' -bench Allocate100000 -benchtime RUNSx ./coverage")
w("bhxh version (start-up): hyperfine -N --warmup 20 --runs 300 'bin/bhxh version'")
w("```")
w("Each was run as `/usr/bin/time -v -a -o RESULTS/NAME.timev sh -c 'COMMAND'` under hyperfine, each untimed step by "
  "`hyperfine --prepare` (bin/inflate times itself). An interleaved row [in brackets] is one `hyperfine --runs 1` "
  "(one `bin/inflate -runs 1`) per round, its rounds merged by bench/merge_runs.py.")
open(OUT, "w").write("\n".join(out) + "\n")
