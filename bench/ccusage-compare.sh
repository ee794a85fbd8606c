#!/usr/bin/env bash
# Side-by-side run of ccusage and flightlog on one Claude Code data directory: times both, then
# compares their per-day token totals (and, for a generated corpus, the ground truth).
#
# usage: bench/ccusage-compare.sh CORPUS_DIR [RUNS]
#   CORPUS_DIR  a ~/.claude-shaped directory (it has projects/), e.g. from bench/gen-corpus.sh
#   RUNS        timed warm runs per command (default 5)
# environment:
#   DROP_CACHES=1  make the cold runs really cold by dropping the page cache before each
#                  (root only; it affects the whole machine, so it is off by default)
#   KEEP_DB=1      keep the flightlog database in the results directory
#   COLD_RUNS=N    runs of the "cold" ccusage and report timings (default 1)
#   FLIGHTLOG_BIN  the launcher (default bin/flightlog of this repository; it honours
#                  FLIGHTLOG_JAR, default target/flightlog.jar)
#
# When the jar has no `report` command yet, only the import is timed and the per-day comparison
# is ccusage against the ground truth.
# When the jar has `report blocks`, also compares monthly, session and 5-hour block totals
# (compare-periods.py).
# Exits 1 when any day's, month's, session's or block's token totals differ.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
if [[ $# -lt 1 || ! -d $1/projects ]]; then
  sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2
  echo "error: ${1:-<none>} is not a Claude data directory (no projects/ inside)" >&2
  exit 2
fi
corpus=$(cd "$1" && pwd)
runs=${2:-5}
cold_runs=${COLD_RUNS:-1}
out=$(mktemp -d "${TMPDIR:-/tmp}/flightlog-vs-ccusage.XXXXXX")
mkdir -p "$out/home"
echo "corpus:  $corpus ($(du -sh "$corpus/projects" | cut -f1), $(find "$corpus/projects" -name '*.jsonl' | wc -l) jsonl files)"
echo "results: $out"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/^Mem:/ {print $2}') GB RAM; $(date -u '+%Y-%m-%d %H:%M UTC')"
load() { echo "(load before: $(cut -d' ' -f1-3 /proc/loadavg))"; }

# ---- ccusage ----
ccusage=$here/node_modules/.bin/ccusage
if [[ ! -x $ccusage ]]; then
  (cd "$here" && npm install --no-audit --no-fund >&2)
fi
echo "ccusage: $("$ccusage" --version)"
# An empty HOME, so ccusage finds no other agent's data and reads only CLAUDE_CONFIG_DIR.
ccusage_cmd="HOME='$out/home' CLAUDE_CONFIG_DIR='$corpus' '$ccusage' claude daily --json --offline --timezone UTC"
eval "$ccusage_cmd" >"$out/ccusage.json"

cold_prepare=true
cold_note="first run; page cache not dropped (DROP_CACHES=1 to drop it)"
if [[ ${DROP_CACHES:-0} == 1 && -w /proc/sys/vm/drop_caches ]]; then
  cold_prepare="sync; echo 3 > /proc/sys/vm/drop_caches"
  cold_note="page cache dropped before each run"
fi

# time_cmd NAME COLD_RUNS WARM_RUNS PREPARE COMMAND: hyperfine if installed, else /usr/bin/time.
time_cmd() {
  local name=$1 cold=$2 warm=$3 prepare=$4 cmd=$5
  if command -v hyperfine >/dev/null; then
    if ((cold > 0)); then
      hyperfine --style basic --runs "$cold" --prepare "$prepare" \
        --export-json "$out/time-$name-cold.json" -n "$name (cold)" "$cmd"
    fi
    if ((warm > 0)); then
      hyperfine --style basic --warmup 1 --runs "$warm" --prepare "$prepare" \
        --export-json "$out/time-$name-warm.json" -n "$name (warm)" "$cmd"
    fi
  else
    local i
    for ((i = 0; i < cold + warm; i++)); do
      bash -c "$prepare"
      /usr/bin/time -f "$name run $((i + 1)): %e s wall, %U s user, %M KB max RSS" \
        bash -c "$cmd >/dev/null"
    done
  fi
}

echo
echo "== ccusage claude daily (cold: $cold_note) $(load)"
time_cmd ccusage "$cold_runs" "$runs" "$cold_prepare" "$ccusage_cmd"

# ---- flightlog ----
flightlog=${FLIGHTLOG_BIN:-$repo/bin/flightlog}
fl_json=-
if [[ -x $flightlog && -f ${FLIGHTLOG_JAR:-$(dirname "$flightlog")/../target/flightlog.jar} ]]; then
  export FLIGHTLOG_HOME=$out/flightlog-home
  db=$out/flightlog.db
  report_help=$("$flightlog" report daily --help 2>&1 || true)
  tz=
  if grep -q -- '--tz' <<<"$report_help"; then
    tz="--tz UTC"
  fi
  import_cmd="'$flightlog' import '$corpus' --db '$db'"
  report_cmd="'$flightlog' report daily --format json --db '$db' $tz"
  fresh_db="rm -f '$db' '$db-wal' '$db-shm'; $cold_prepare"

  echo
  echo "== flightlog import into a new database (cold: $cold_note) $(load)"
  time_cmd flightlog-import "$runs" 0 "$fresh_db" "$import_cmd"
  echo
  echo "== flightlog import again (nothing new to read) $(load)"
  time_cmd flightlog-reimport 0 "$runs" true "$import_cmd"
  if grep -q 'Usage: flightlog report' <<<"$report_help"; then
    echo
    echo "== flightlog report daily $(load)"
    time_cmd flightlog-report "$cold_runs" "$runs" "$cold_prepare" "$report_cmd"
    eval "$report_cmd" >"$out/flightlog.json"
    fl_json=$out/flightlog.json
  else
    echo
    echo "== flightlog report daily: skipped (this jar has no report command)"
  fi
  if grep -q 'blocks' <<<"$report_help"; then
    # Monthly, session and 5-hour block totals of both tools, compared after the timings.
    for kind in monthly session blocks; do
      HOME="$out/home" CLAUDE_CONFIG_DIR="$corpus" "$ccusage" claude "$kind" --json --offline \
        --timezone UTC >"$out/ccusage-$kind.json"
    done
    "$flightlog" report monthly --format json --db "$db" --tz UTC >"$out/flightlog-monthly.json"
    "$flightlog" report sessions --limit 0 --format json --db "$db" --tz UTC \
      >"$out/flightlog-sessions.json"
    "$flightlog" report blocks --format json --db "$db" --tz UTC >"$out/flightlog-blocks.json"
    periods=1
  fi
  if [[ ${KEEP_DB:-0} != 1 ]]; then
    rm -f "$db" "$db-wal" "$db-shm"
  fi
else
  echo
  echo "== flightlog: skipped (needs bin/flightlog and target/flightlog.jar: mvn -DskipTests package)"
fi

# ---- medians (hyperfine's JSON) ----
if compgen -G "$out/time-*.json" >/dev/null; then
  echo
  echo "== medians"
  python3 - "$out"/time-*.json <<'PY'
import json, statistics, sys
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"]:
        t = r["times"]
        print(f"  {r['command']:<28} median {statistics.median(t):7.3f} s  min {min(t):7.3f}  max {max(t):7.3f}  ({len(t)} runs)")
PY
fi

# ---- comparison ----
echo
echo "== per-day token totals"
truth=()
if [[ -f $corpus/ground_truth.json ]]; then
  truth=("$corpus/ground_truth.json")
fi
status=0
python3 "$here/compare-daily.py" "$out/ccusage.json" "$fl_json" "${truth[@]}" || status=$?
if [[ ${periods:-0} == 1 ]]; then
  echo
  python3 "$here/compare-periods.py" "$out" || status=$?
fi
exit "$status"
