#!/usr/bin/env bash
# make bench: bhxh count against pandas+openpyxl, SheetJS and the floor, on
# deterministic inputs; writes bench/results/ and BENCHMARKS.md.
#   RUNS=5 SLOW_RUNS=1 bash bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}           # runs of the fast tools (bhxh, floor) and of every tool on small lists
SLOW_RUNS=${SLOW_RUNS:-1} # runs of pandas and SheetJS on the 1,048,573-row list
SIZES=${SIZES:-"1000 100000 1048573"}
PY=/usr/bin/python3
R=bench/results
rm -rf "$R" && mkdir -p "$R"
cut -d' ' -f1-3 /proc/loadavg > "$R/loadavg.start"

# --- tools --------------------------------------------------------------
if ! $PY -c 'import pandas, openpyxl' 2>/dev/null || ! command -v hyperfine >/dev/null; then
  echo "installing python3-pandas python3-openpyxl hyperfine" >&2
  apt-get install -y python3-pandas python3-openpyxl hyperfine >&2 || true
fi
[ -d bench/node_modules/xlsx ] || (cd bench && npm install --no-audit --no-fund >&2)
make build >&2
go build -o bin/floorscan ./bench/floorscan
go run ./bench/gen -out bench/data -rows "$(echo $SIZES | tr ' ' ,)"

# time NAME RUNS CMD: median wall time with hyperfine (else a loop), peak RSS
# with /usr/bin/time -v (the largest process of a pipeline).
time_cmd() {
  local name=$1 runs=$2 cmd=$3
  echo "$cmd" > "$R/$name.cmd"
  local wrapped="/usr/bin/time -v -a -o $R/$name.timev sh -c '$cmd' >/dev/null 2>>$R/$name.err"
  if command -v hyperfine >/dev/null; then
    hyperfine --style basic --runs "$runs" --export-json "$R/$name.json" "$wrapped" >&2
  else
    : > "$R/$name.times"
    for _ in $(seq "$runs"); do
      local t0=$(date +%s.%N); sh -c "$wrapped"; local t1=$(date +%s.%N)
      echo "$t1 - $t0" | bc >> "$R/$name.times"
    done
  fi
}

# canonical "code<TAB>scheme<TAB>persons" of a bhxh.count/v1 JSON
bhxh_tsv() {
  $PY -c '
import json, sys
d = json.load(open(sys.argv[1]))
rows = sorted((u["code"], s, n) for u in d["units"] for s, n in u["counts"].items() if n)
sys.stdout.write("".join(f"{c}\t{s}\t{n}\n" for c, s, n in rows))' "$1"
}

: > "$R/checks.txt"
for n in $SIZES; do
  list=bench/data/ds-$n.xlsx
  slow=$RUNS; [ "$n" -gt 200000 ] && slow=$SLOW_RUNS
  time_cmd "count-$n-bhxh"    "$RUNS" "bin/bhxh count $list -o $R/counts-$n.xlsx"
  time_cmd "count-$n-floor"   "$RUNS" "bench/peers/floor.sh $list > $R/floor-$n.txt"
  time_cmd "count-$n-pandas"  "$slow" "$PY bench/peers/count_pandas.py $list $R/pandas-$n.tsv"
  time_cmd "count-$n-sheetjs" "$slow" "node --max-old-space-size=12000 bench/peers/count_sheetjs.js $list $R/sheetjs-$n.tsv"
  # the same counts?
  bin/bhxh count "$list" --format json -o "$R/bhxh-$n.json" 2>/dev/null
  bhxh_tsv "$R/bhxh-$n.json" > "$R/bhxh-$n.tsv"
  for peer in pandas sheetjs; do
    if cmp -s "$R/bhxh-$n.tsv" "$R/$peer-$n.tsv"; then echo "count-$n $peer agrees" >> "$R/checks.txt"
    else echo "count-$n $peer DISAGREES" >> "$R/checks.txt"; fi
  done
  rows=$($PY -c 'import json,sys; print(sum(i["rows"] for i in json.load(open(sys.argv[1]))["inputs"]))' "$R/bhxh-$n.json")
  if [ "$(cat "$R/floor-$n.txt")" = "$((n + 3))" ] && [ "$rows" = "$n" ]; then echo "count-$n floor agrees ($n rows)" >> "$R/checks.txt"
  else echo "count-$n floor DISAGREES (floor $(cat "$R/floor-$n.txt") <row, bhxh $rows rows)" >> "$R/checks.txt"; fi
done

# 1,000 monthly workbooks: compute --out-dir against pandas
mon=bench/data/monthly
time_cmd "compute-1000-pandas" "$SLOW_RUNS" "$PY bench/peers/compute_pandas.py $mon $R/compute-pandas"
if bin/bhxh compute --help 2>/dev/null | grep -q -- '--out-dir'; then
  # the same job as the pandas script (a CSV report per workbook), then bhxh's
  # default xlsx report (chart, checks, sources) for scale
  time_cmd "compute-1000-bhxh" "$RUNS" "rm -rf $R/compute-bhxh; bin/bhxh compute --quiet --out-dir $R/compute-bhxh --name {stem}.csv $mon"
  time_cmd "compute-1000-bhxh-xlsx" "$RUNS" "rm -rf $R/compute-bhxh-xlsx; bin/bhxh compute --quiet --out-dir $R/compute-bhxh-xlsx $mon"
else
  echo "n/a (compute --out-dir not built yet)" > "$R/compute-1000-bhxh.na"
fi

# start-up
hyperfine --style basic -N --warmup 20 --runs 300 --export-json "$R/version.json" 'bin/bhxh version' >&2 || true

# no temporary copy in $TMPDIR, killed or not
big=bench/data/ds-$(echo $SIZES | tr ' ' '\n' | tail -1).xlsx
tmp=$(mktemp -d) out=$(mktemp -d)
TMPDIR=$tmp bin/bhxh count "$big" -o "$out/c.xlsx" 2>/dev/null
left=$(ls -A "$tmp" | wc -l)
TMPDIR=$tmp bin/bhxh count "$big" -o "$out/k.xlsx" 2>/dev/null & pid=$!
sleep 0.4; kill -KILL $pid 2>/dev/null || true; wait $pid 2>/dev/null || true
leftk=$(ls -A "$tmp" | wc -l)
echo "tmpdir: $left entries after a run, $leftk after SIGKILL at 0.4 s; output folder after the kill: $(ls -A "$out" | tr '\n' ' ')" >> "$R/checks.txt"
rm -rf "$tmp" "$out"

$PY bench/report.py "$R" BENCHMARKS.md
cat BENCHMARKS.md
