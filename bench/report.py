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


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30).stdout.strip()
    except Exception:
        return "?"


def median_s(name):
    p = os.path.join(R, name + ".json")
    if os.path.exists(p):
        return statistics.median(json.load(open(p))["results"][0]["times"])
    p = os.path.join(R, name + ".times")
    if os.path.exists(p):
        return statistics.median(float(x) for x in open(p).read().split())
    return None


def runs(name):
    p = os.path.join(R, name + ".json")
    return len(json.load(open(p))["results"][0]["times"]) if os.path.exists(p) else 0


def cpu_s(name):
    p = os.path.join(R, name + ".json")
    if not os.path.exists(p):
        return None
    r = json.load(open(p))["results"][0]
    return r["user"] + r["system"]


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
    "unzip": sh("unzip -v | head -1"),
    "hyperfine": sh("hyperfine --version") or "not installed (a shell loop)",
}

out = []
w = out.append
w("# Benchmarks\n")
w("Written by `make bench` (bench/run.sh, bench/report.py); every figure below comes from the last run. ")
w("Inputs are generated deterministically by bench/gen: participant lists written the way Excel writes them ")
w("(7 columns under a 3-row heading, every text in the shared-strings table, a style on every cell, ~0.1% of ")
w("rows repeating a person), and 1,000 monthly workbooks of 60 units.\n")
w("Wall time is the median over the runs shown (hyperfine); peak RSS is the largest over those runs, from ")
w("`/usr/bin/time -v` (for a pipeline, its largest process). Ratio = the tool's median / bhxh's median.\n")
load = open(os.path.join(R, "loadavg.start")).read().split() if os.path.exists(os.path.join(R, "loadavg.start")) else []
if load and float(load[0]) > int(sh("nproc") or 1):
    w(f"**This run shared the machine with other jobs** (load average {load[0]} on {sh('nproc')} cores at its start): ")
    w("wall times are inflated, most for tools that use both cores (bhxh's inflate ‖ scan ‖ count pipeline, ")
    w("the floor's unzip | scan pipe); the CPU column is less sensitive to that. Re-run `make bench` on a quiet ")
    w("machine for the figures the targets mean.\n")
w("## Machine\n")
for k, v in machine.items():
    w(f"- {k}: {v}")
w("")
w("## Versions\n")
for k, v in versions.items():
    w(f"- {k}: {v}")
w("")

sizes = sorted({int(m.group(1)) for f in glob.glob(os.path.join(R, "count-*-bhxh.json")) + glob.glob(os.path.join(R, "count-*-bhxh.times"))
                for m in [re.search(r"count-(\d+)-bhxh", f)] if m})
tools = [("bhxh", "bhxh count"), ("floor", "floor: unzip -p + <row count"), ("pandas", "pandas + openpyxl"), ("sheetjs", "SheetJS (xlsx)")]
summary = {}
for n in sizes:
    w(f"## bhxh count: {n:,} rows\n")
    xl = f"bench/data/ds-{n}.xlsx"
    if os.path.exists(xl):
        xmlsize = sh("unzip -l " + xl + " xl/worksheets/sheet1.xml | tail -1").split()[0]
        w(f"Input {xl}: {os.path.getsize(xl) / 1e6:.1f} MB xlsx, {int(xmlsize) / 1e6:.0f} MB of sheet XML.\n")
    w("| tool | runs | median wall | CPU (user+sys, mean) | peak RSS | ratio to bhxh |")
    w("|---|---:|---:|---:|---:|---:|")
    base = median_s(f"count-{n}-bhxh")
    for key, label in tools:
        name = f"count-{n}-{key}"
        m, rss = median_s(name), peak_mb(name)
        ratio = f"{m / base:.2f}×" if m and base else "n/a"
        w(f"| {label} | {runs(name)} | {fmt_s(m)} | {fmt_s(cpu_s(name))} | {f'{rss:.0f} MB' if rss else 'n/a'} | {ratio} |")
        summary[(n, key)] = (m, rss)
    w("")

w("## bhxh compute --out-dir: 1,000 monthly workbooks\n")
w("| tool | runs | median wall | peak RSS | ratio to bhxh |")
w("|---|---:|---:|---:|---:|")
pm, prss = median_s("compute-1000-pandas"), peak_mb("compute-1000-pandas")
na = os.path.join(R, "compute-1000-bhxh.na")
if os.path.exists(na):
    w(f"| bhxh compute --out-dir | – | {open(na).read().strip()} | | |")
    w(f"| pandas + openpyxl | {runs('compute-1000-pandas')} | {fmt_s(pm)} | {f'{prss:.0f} MB' if prss else 'n/a'} | n/a |")
else:
    bm, brss = median_s("compute-1000-bhxh"), peak_mb("compute-1000-bhxh")
    xm, xrss = median_s("compute-1000-bhxh-xlsx"), peak_mb("compute-1000-bhxh-xlsx")
    w(f"| bhxh compute --out-dir (CSV reports, the pandas script's job) | {runs('compute-1000-bhxh')} | {fmt_s(bm)} | {f'{brss:.0f} MB' if brss else 'n/a'} | 1.00× |")
    w(f"| bhxh compute --out-dir (default xlsx reports with chart) | {runs('compute-1000-bhxh-xlsx')} | {fmt_s(xm)} | {f'{xrss:.0f} MB' if xrss else 'n/a'} | {xm / bm:.2f}× |")
    w(f"| pandas + openpyxl (CSV reports) | {runs('compute-1000-pandas')} | {fmt_s(pm)} | {f'{prss:.0f} MB' if prss else 'n/a'} | {pm / bm:.2f}× |")
w("")

vm = median_s("version")
w("## Start-up\n")
w(f"`bhxh version`: median {fmt_s(vm)} over {runs('version')} runs (hyperfine -N, 20 warm-ups).\n")

w("## Checks\n")
for line in open(os.path.join(R, "checks.txt")).read().splitlines():
    w(f"- {line}")
w("")

big = max(sizes) if sizes else None
if big:
    b, fl, pd_ = summary.get((big, "bhxh")), summary.get((big, "floor")), summary.get((big, "pandas"))
    w(f"## Targets ({big:,} rows)\n")
    def verdict(ok):
        return "met" if ok else "NOT met"
    if b[0] and pd_[0]:
        w(f"- at least 40× faster than pandas+openpyxl: {pd_[0] / b[0]:.1f}× — {verdict(pd_[0] / b[0] >= 40)}")
    if b[0] and fl[0]:
        w(f"- within 2× of the floor: {b[0] / fl[0]:.2f}× the floor — {verdict(b[0] / fl[0] <= 2)}")
    if b[1]:
        w(f"- peak RSS at most 150 MB: {b[1]:.0f} MB — {verdict(b[1] <= 150)}")
    if vm:
        w(f"- `bhxh version` median at most 20 ms: {fmt_s(vm)} — {verdict(vm <= 0.020)}")
    w("")

w("## Exact commands\n")
w("```")
for f in sorted(glob.glob(os.path.join(R, "*.cmd"))):
    w(f"{os.path.basename(f)[:-4]}: {open(f).read().strip()}")
w("bhxh version (start-up): hyperfine -N --warmup 20 --runs 300 'bin/bhxh version'")
w("```")
w("Each was run as `/usr/bin/time -v -a -o RESULTS/NAME.timev sh -c 'COMMAND'` under hyperfine.")
open(OUT, "w").write("\n".join(out) + "\n")
