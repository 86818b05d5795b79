#!/usr/bin/env bash
# make bench: bhxh against its peers and its limits on deterministic inputs;
# writes bench/results/ and BENCHMARKS.md.
#   xlsx lists    bhxh count vs pandas+openpyxl, SheetJS, and the inflate-only
#                 limit of the sheet (bench/inflate: compress/flate, one thread)
#   CSV lists     bhxh count vs DuckDB (Go bindings, cgo, module bench/duckdb)
#                 and pandas, 10 M and 100 M rows
#   reports       1,000 CSV, JSON and xlsx reports (compute --out-dir)
#   allocate      100,000 units, every method and rounding
#
#   make bench                     the full run: ~25 min and ~15 GB of disk on a
#                                  quiet 2-core machine (the 100 M-row CSV list)
#   make bench SMOKE=1             a quick check that every section and the report
#                                  run end to end (small inputs, 1-2 runs, ~3-5 min);
#                                  its BENCHMARKS.md says so and is not to be committed
#   RUNS=5 SLOW_RUNS=1 BIG_CSV_RUNS=3 bash bench/run.sh
#   SIZES="1000 100000 1048573" CSV_SIZES="10000000 100000000" KEEP_DATA=1 …
set -euo pipefail
cd "$(dirname "$0")/.."
SMOKE=${SMOKE:-}
if [ -n "$SMOKE" ]; then
  SIZES=${SIZES:-"1000"} CSV_SIZES=${CSV_SIZES:-"100000"} RUNS=${RUNS:-2} WORKBOOKS=${WORKBOOKS:-50}
fi
RUNS=${RUNS:-5}           # runs of the fast tools, and of every tool on small inputs
SLOW_RUNS=${SLOW_RUNS:-1} # runs of the slow peers on big inputs, and of the peers on 100 M rows
BIG_CSV_RUNS=${BIG_CSV_RUNS:-3} # runs of bhxh on CSV lists past 20 M rows: its ≤ 30 s target is a median
SIZES=${SIZES:-"1000 100000 1048573"}
CSV_SIZES=${CSV_SIZES:-"10000000 100000000"}
WORKBOOKS=${WORKBOOKS:-1000}               # monthly workbooks of the reports section
PANDAS_CSV_MAX=${PANDAS_CSV_MAX:-10000000} # pandas holds the list in memory: ~10 GB past this
KEEP_DATA=${KEEP_DATA:-}                   # keep the CSV lists (GBs) after the run
PY=/usr/bin/python3
R=bench/results
D=bench/data
[ -n "$SMOKE" ] && D=bench/data/smoke # never mixed with the full run's inputs
rm -rf "$R" && mkdir -p "$R" "$D"
date +%s > "$R/started"
[ -n "$SMOKE" ] && echo "SIZES=$SIZES CSV_SIZES=$CSV_SIZES RUNS=$RUNS WORKBOOKS=$WORKBOOKS" > "$R/smoke"
echo "$D" > "$R/datadir"
echo "$WORKBOOKS" > "$R/workbooks"
echo "RUNS=$RUNS SLOW_RUNS=$SLOW_RUNS BIG_CSV_RUNS=$BIG_CSV_RUNS" > "$R/runs"
cut -d' ' -f1-3 /proc/loadavg > "$R/loadavg.start"
: > "$R/load.txt"
: > "$R/checks.txt"
check() { echo "$*" >> "$R/checks.txt"; }

# --- tools --------------------------------------------------------------
if ! $PY -c 'import pandas, openpyxl' 2>/dev/null || ! command -v hyperfine >/dev/null; then
  echo "installing python3-pandas python3-openpyxl hyperfine" >&2
  apt-get install -y python3-pandas python3-openpyxl hyperfine >&2 || true
fi
[ -d bench/node_modules/xlsx ] || (cd bench && npm install --no-audit --no-fund >&2)
make build >&2
go build -o bin/inflate ./bench/inflate
# DuckDB through its Go bindings: cgo, in a module of its own (never in the
# product, never in CI)
if (cd bench/duckdb && CGO_ENABLED=1 go build -o ../../bin/duckdb-count .) >&2; then duck=bin/duckdb-count
else duck=; check "DuckDB peer not built (cgo, its module bench/duckdb): its rows are n/a"; fi

# --- inputs -------------------------------------------------------------
need_gb=$(( $(echo $CSV_SIZES | tr ' ' '\n' | sort -n | tail -1) / 1000000 * 11 / 100 + 4 ))
avail_gb=$(( $(df --output=avail -k "$D" | tail -1) / 1048576 ))
if [ "$avail_gb" -lt "$need_gb" ]; then
  check "disk: ${avail_gb} GB free, the CSV lists need ~${need_gb} GB: CSV sizes over 10,000,000 rows skipped"
  CSV_SIZES=$(for n in $CSV_SIZES; do [ "$n" -le 10000000 ] && echo $n; done | tr '\n' ' ')
fi
small_csv=$(echo $CSV_SIZES | tr ' ' '\n' | sort -n | head -1)
go run ./bench/gen -out "$D" -rows "$(echo $SIZES | tr ' ' ,)" -csv-rows "$(echo $CSV_SIZES | tr ' ' ,)${small_csv:+,$small_csv.gz}" -baseline 100000 -workbooks "$WORKBOOKS" >&2

# time NAME RUNS CMD [PREPARE [JSON]]: median wall time with hyperfine, peak
# RSS with /usr/bin/time -v (the largest process of a pipeline), the load
# before. PREPARE runs before each run of CMD, untimed (hyperfine
# --prepare), outside /usr/bin/time: neither its time nor its memory counts.
time_cmd() {
  local name=$1 runs=$2 cmd=$3 prepare=${4:-} json=${5:-$R/$1.json}
  echo "$cmd" > "$R/$name.cmd"
  if [ -n "$prepare" ]; then echo "$prepare" > "$R/$name.prepare"; fi
  echo "$name $(cut -d' ' -f1-3 /proc/loadavg)" >> "$R/load.txt"
  local wrapped="/usr/bin/time -v -a -o $R/$name.timev sh -c '$cmd' >/dev/null 2>>$R/$name.err"
  hyperfine --style basic --runs "$runs" ${prepare:+--prepare "$prepare"} --export-json "$json" "$wrapped" >&2 || echo "$name failed" >> "$R/checks.txt"
}

# Rows compared by a ratio are interleaved: the kernel time of the same
# command drifts with what ran just before it (deleting and writing
# thousands of files: back-to-back rows of CSV, JSON, CSV, JSON reports took
# 1.07, 1.61, 2.27, 2.73 s of system time), so a row that runs all its runs
# after another's pays for the state that one left, and a limit measured
# minutes apart from bhxh sees another machine. Round by round, each row
# runs once, in an order rotated each round; every run is still one
# hyperfine run (with its --prepare), merged into NAME.json afterwards.
#
# time_round NAME ROUND CMD [PREPARE]: one run of an interleaved row, kept
# in $R/NAME.runs/ROUND.json; the load before it goes to load.txt.
time_round() {
  mkdir -p "$R/$1.runs"
  time_cmd "$1" 1 "$3" "${4:-}" "$R/$1.runs/$(printf %03d "$2").json"
}
# merge_runs NAME...: the interleaved rows' runs into NAME.json, which
# report.py reads as any other row's
merge_runs() {
  local name
  for name; do
    $PY bench/merge_runs.py hyperfine "$R/$name.json" "$R/$name.runs"/*.json
    echo "$RUNS rounds, interleaved with $(printf '%s\n' "$@" | grep -vx "$name" | paste -sd, | sed 's/,/, /g')" > "$R/$name.interleaved"
  done
}
# rotate ROUND ITEM...: the items rotated left by ROUND-1 (round 1: as given)
rotate() {
  local k=$(( ($1 - 1) % ($# - 1) )); shift
  echo "${@:k+1}" "${@:1:k}"
}

# canonical "code<TAB>scheme<TAB>persons" of a bhxh.count/v1 JSON
bhxh_tsv() {
  $PY -c '
import json, sys
d = json.load(open(sys.argv[1]))
rows = sorted((u["code"], s, n) for u in d["units"] for s, n in u["counts"].items() if n)
sys.stdout.write("".join(f"{c}\t{s}\t{n}\n" for c, s, n in rows))' "$1"
}
json_rows() { $PY -c 'import json,sys; print(sum(i["rows"] for i in json.load(open(sys.argv[1]))["inputs"]))' "$1"; }
same() { # same NAME A B: the counts of A and B agree?
  if cmp -s "$2" "$3"; then check "$1 agrees"; else check "$1 DISAGREES"; fi
}

# --- xlsx lists ---------------------------------------------------------
for n in $SIZES; do
  list=$D/ds-$n.xlsx
  slow=$RUNS; [ "$n" -gt 200000 ] && slow=$SLOW_RUNS
  # bhxh count and its limit alternate (the limit first in odd rounds), so
  # the ratio's two sides see the same machine
  mkdir -p "$R/inflate-$n.runs"
  for r in $(seq "$RUNS"); do
    for job in $(rotate "$r" limit bhxh); do
      if [ "$job" = limit ]; then
        echo "inflate-$n $(cut -d' ' -f1-3 /proc/loadavg)" >> "$R/load.txt"
        bin/inflate -runs 1 "$list" > "$R/inflate-$n.runs/$(printf %03d "$r").out" || echo "inflate-$n failed" >> "$R/checks.txt"
      else
        time_round "count-$n-bhxh" "$r" "bin/bhxh count $list -o $R/counts-$n.xlsx"
      fi
    done
  done
  $PY bench/merge_runs.py inflate "$R/inflate-$n.out" "$R/inflate-$n.runs"/*.out
  echo "bin/inflate -runs 1 $list" > "$R/inflate-$n.cmd"
  echo "$RUNS rounds, alternating with count-$n-bhxh" > "$R/inflate-$n.interleaved"
  echo "$RUNS rounds, alternating with inflate-$n" > "$R/count-$n-bhxh.interleaved"
  $PY bench/merge_runs.py hyperfine "$R/count-$n-bhxh.json" "$R/count-$n-bhxh.runs"/*.json
  time_cmd "count-$n-pandas"  "$slow" "$PY bench/peers/count_pandas.py $list $R/pandas-$n.tsv"
  time_cmd "count-$n-sheetjs" "$slow" "node --max-old-space-size=12000 bench/peers/count_sheetjs.js $list $R/sheetjs-$n.tsv"
  bin/bhxh count "$list" --format json -o "$R/bhxh-$n.json" 2>/dev/null
  bhxh_tsv "$R/bhxh-$n.json" > "$R/bhxh-$n.tsv"
  same "count-$n pandas" "$R/bhxh-$n.tsv" "$R/pandas-$n.tsv"
  same "count-$n sheetjs" "$R/bhxh-$n.tsv" "$R/sheetjs-$n.tsv"
  rows=$(json_rows "$R/bhxh-$n.json")
  sheet_rows=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["rows"])' "$R/inflate-$n.out" 2>/dev/null || echo "?")
  if [ "$sheet_rows" = "$((n + 3))" ] && [ "$rows" = "$n" ]; then check "count-$n rows: $n (sheet: $sheet_rows <row>)"
  else check "count-$n rows DISAGREE (sheet $sheet_rows <row>, bhxh $rows rows)"; fi
done

# --- CSV lists ----------------------------------------------------------
for n in $CSV_SIZES; do
  list=$D/ds-$n.csv
  runs=$RUNS bhxh_runs=$RUNS
  if [ "$n" -gt 20000000 ]; then runs=$SLOW_RUNS bhxh_runs=$BIG_CSV_RUNS; fi
  time_cmd "csv-$n-bhxh" "$bhxh_runs" "bin/bhxh count $list -o $R/csv-counts-$n.xlsx"
  [ -n "$duck" ] && time_cmd "csv-$n-duckdb" "$runs" "$duck $R/csv-duckdb-$n.tsv $list"
  [ "$n" -le "$PANDAS_CSV_MAX" ] && time_cmd "csv-$n-pandas" "$SLOW_RUNS" "$PY bench/peers/count_pandas_csv.py $R/csv-pandas-$n.tsv $list"
  [ -f "$list.gz" ] && time_cmd "csv-$n-bhxh-gz" "$runs" "bin/bhxh count $list.gz -o $R/csv-counts-gz-$n.xlsx"
  bin/bhxh count "$list" --format json -o "$R/csv-bhxh-$n.json" 2>/dev/null
  bhxh_tsv "$R/csv-bhxh-$n.json" > "$R/csv-bhxh-$n.tsv"
  [ -n "$duck" ] && same "csv-$n duckdb" "$R/csv-bhxh-$n.tsv" "$R/csv-duckdb-$n.tsv"
  [ -f "$R/csv-pandas-$n.tsv" ] && same "csv-$n pandas" "$R/csv-bhxh-$n.tsv" "$R/csv-pandas-$n.tsv"
  check "csv-$n rows: $(json_rows "$R/csv-bhxh-$n.json") read, $(grep -c . "$R/csv-bhxh-$n.tsv") unit×scheme counts"
done
# SIGTERM while the duplicate check spills: nothing left in TMPDIR
if [ -n "$small_csv" ]; then
  tmp=$(mktemp -d) out=$(mktemp -d)
  TMPDIR=$tmp bin/bhxh count --memory 64MiB "$D/ds-$small_csv.csv" -o "$out/c.xlsx" 2>/dev/null & pid=$!
  for _ in $(seq 600); do ls "$tmp"/bhxh-count-*/run-* >/dev/null 2>&1 && break; sleep 0.05; done
  spilled=$( (ls "$tmp"/bhxh-count-*/run-* 2>/dev/null || true) | wc -l)
  kill -TERM $pid 2>/dev/null || true; code=0; wait $pid || code=$?
  check "csv SIGTERM with $spilled sorted run(s) on disk (--memory 64MiB): exit $code, TMPDIR then holds $(ls -A "$tmp" | wc -l) entries, output folder $(ls -A "$out" | wc -l)"
  rm -rf "$tmp" "$out"
fi

# --- reports: 1,000 monthly workbooks -----------------------------------
mon=$D/monthly
time_cmd "compute-1000-pandas" "$SLOW_RUNS" "$PY bench/peers/compute_pandas.py $mon $R/compute-pandas"
# Every run writes into a folder that is not there yet, as a month's first
# run does: the previous run's reports are deleted before it, untimed, and
# the deletion synced. Deleting them is not writing reports, and inside the
# timed command it charged each format for its previous run's files (128 MB
# of JSON, 12 MB of CSV), and the first run for none. The same for all three
# formats, so their ratios stay fair; the sync keeps the deletion's
# write-back out of the next run's time too. The three formats run round by
# round (see time_round), in the order csv json xlsx, then json xlsx csv,
# then xlsx csv json, …: all five CSV runs first, then all JSON, then all
# xlsx made JSON pay for the state the CSV runs left, and xlsx for both.
for r in $(seq "$RUNS"); do
  for f in $(rotate "$r" csv json xlsx); do
    case $f in
      csv) time_round compute-1000-bhxh "$r" "bin/bhxh compute --quiet --out-dir $R/compute-bhxh --name {stem}.csv $mon" "rm -rf $R/compute-bhxh && sync" ;;
      json) time_round compute-1000-bhxh-json "$r" "bin/bhxh compute --quiet --out-dir $R/compute-bhxh-json --name {stem}.json $mon" "rm -rf $R/compute-bhxh-json && sync" ;;
      xlsx) time_round compute-1000-bhxh-xlsx "$r" "bin/bhxh compute --quiet --out-dir $R/compute-bhxh-xlsx $mon" "rm -rf $R/compute-bhxh-xlsx && sync" ;;
    esac
  done
done
merge_runs compute-1000-bhxh compute-1000-bhxh-json compute-1000-bhxh-xlsx
for f in csv json xlsx; do
  d=$R/compute-bhxh; [ $f != csv ] && d=$d-$f
  check "reports-$f: $(ls "$d" | wc -l) files, $(du -sk "$d" | cut -f1) KiB"
done

# --- allocate: 100,000 units --------------------------------------------
echo "allocate-inprocess $(cut -d' ' -f1-3 /proc/loadavg)" >> "$R/load.txt"
go test -run '^$' -bench 'Allocate100000' -benchtime "${RUNS}x" ./coverage > "$R/allocate-bench.txt"
base=$D/baseline-100000.csv
for m in proportional uncovered current weight:population; do
  time_cmd "allocate-cli-${m%%:*}" "$RUNS" "bin/bhxh allocate --indicator bhxh --rate 45 --method $m --rounding huntington-hill --format csv -o $R/allocate.csv $base"
done

# --- start-up -----------------------------------------------------------
hyperfine --style basic -N --warmup 20 --runs 300 --export-json "$R/version.json" 'bin/bhxh version' >&2 || true

# no temporary copy in $TMPDIR, killed or not (xlsx)
big=$D/ds-$(echo $SIZES | tr ' ' '\n' | tail -1).xlsx
tmp=$(mktemp -d) out=$(mktemp -d)
TMPDIR=$tmp bin/bhxh count "$big" -o "$out/c.xlsx" 2>/dev/null
left=$(ls -A "$tmp" | wc -l)
TMPDIR=$tmp bin/bhxh count "$big" -o "$out/k.xlsx" 2>/dev/null & pid=$!
sleep 0.4; kill -KILL $pid 2>/dev/null || true; wait $pid 2>/dev/null || true
leftk=$(ls -A "$tmp" | wc -l)
check "xlsx tmpdir: $left entries after a run, $leftk after SIGKILL at 0.4 s; output folder after the kill: $(ls -A "$out" | tr '\n' ' ')"
rm -rf "$tmp" "$out"

cut -d' ' -f1-3 /proc/loadavg > "$R/loadavg.end"
date +%s > "$R/ended"
du -sk "$D" | cut -f1 > "$R/data-kib"
$PY bench/report.py "$R" BENCHMARKS.md
if [ -z "$KEEP_DATA" ]; then # the CSV lists are GBs: deleted (regenerated in seconds to minutes)
  for n in $CSV_SIZES; do rm -f "$D/ds-$n.csv" "$D/ds-$n.csv.gz"; done
fi
cat BENCHMARKS.md
