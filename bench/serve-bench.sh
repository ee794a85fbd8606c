#!/usr/bin/env bash
# The daemon: start-up time to the ready line, resident memory idle, and a backfill's time and
# memory.
#
# usage: bench/serve-bench.sh [RUNS] [CORPUS_DIR]
#   RUNS        start-ups per configuration (default 10)
#   CORPUS_DIR  a ~/.claude-shaped directory (projects/ inside, e.g. from bench/gen-corpus.sh):
#               when given, one more daemon backfills it (fresh database)
# environment:
#   FLIGHTLOG_BIN  the launcher (default: bin/flightlog of this repository)
#   IDLE_S         how long a daemon idles before its memory is read (default 10)
#   OUT            where databases and logs go (default: a new directory under /tmp)
#
# Start-up: `FLIGHTLOG_BIN serve --addr 127.0.0.1:0 --db DB` with an empty CLAUDE_CONFIG_DIR,
# timed from the fork to the ready line on stdout, RUNS times with no database yet ("new": the
# database is created and migrated) and RUNS times with the database of the previous run
# ("existing"); each daemon is then stopped with SIGTERM and must exit 0. Memory: RSS (`ps -o
# rss`) of the first daemon of each configuration after IDLE_S seconds. Backfill: the daemon
# follows CORPUS_DIR into a new database; the time is from the ready line to the "backfill done"
# log line; RSS then, the peak (VmHWM), and RSS after IDLE_S more seconds.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
runs=${1:-10}
corpus=${2:-}
bin=${FLIGHTLOG_BIN:-$repo/bin/flightlog}
idle=${IDLE_S:-10}
out=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/flightlog-serve-bench.XXXXXX")}
mkdir -p "$out/empty-claude/projects"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/^Mem:/ {print $2}') GB RAM"
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "command: $bin serve --addr 127.0.0.1:0 --db DB   (CLAUDE_CONFIG_DIR=$out/empty-claude)"
echo "results: $out"

now_ms() { echo $(($(date +%s%N) / 1000000)); }
rss_mb() { echo $(($(ps -o rss= -p "$1") / 1024)); }
hwm_mb() { echo $(($(awk '/VmHWM/ {print $2}' "/proc/$1/status") / 1024)); }

# Starts a daemon; sets pid, ready_ms (fork to ready line) and the log file.
start() { # HOME_DIR DB CLAUDE_DIR
  local fifo=$out/ready.fifo
  rm -f "$fifo" && mkfifo "$fifo"
  log=$1/serve.log
  mkdir -p "$1"
  local started
  started=$(now_ms)
  FLIGHTLOG_HOME=$1 CLAUDE_CONFIG_DIR=$3 "$bin" serve --addr 127.0.0.1:0 --db "$2" \
    >"$fifo" 2>"$log" &
  pid=$!
  local line
  read -r line <"$fifo"
  ready_ms=$(($(now_ms) - started))
  [[ $line == "flightlog serve: capturing on "* ]] || { echo "unexpected: $line" >&2; exit 1; }
}

stop() {
  kill -TERM "$pid"
  local code=0
  wait "$pid" || code=$?
  [[ $code == 0 ]] || { echo "serve exited $code; log: $log" >&2; exit 1; }
}

median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }

for mode in new existing; do
  times=()
  for ((i = 1; i <= runs; i++)); do
    [[ $mode == new ]] && rm -rf "$out/home-$mode"
    cut -d' ' -f1 /proc/loadavg >>"$out/loads-$mode"
    start "$out/home-$mode" "$out/home-$mode/flightlog.db" "$out/empty-claude"
    times+=("$ready_ms")
    if ((i == 1)); then
      sleep "$idle"
      echo "$mode: RSS after ${idle} s idle: $(rss_mb "$pid") MB"
    fi
    stop
  done
  echo "$mode database: start-up to ready line, ms: ${times[*]}"
  echo "$mode database: median $(printf '%s\n' "${times[@]}" | median) ms; load $(tr '\n' ' ' <"$out/loads-$mode")"
done

if [[ -n $corpus ]]; then
  corpus=$(cd "$corpus" && pwd)
  bytes=$(find "$corpus/projects" -name '*.jsonl' -printf '%s\n' | awk '{s += $1} END {print s}')
  echo "backfill: $corpus ($bytes bytes of *.jsonl), load $(cut -d' ' -f1 /proc/loadavg)"
  rm -rf "$out/home-backfill"
  start "$out/home-backfill" "$out/home-backfill/flightlog.db" "$corpus"
  began=$(now_ms)
  until grep -q "backfill done" "$log"; do
    sleep 0.2
    kill -0 "$pid" 2>/dev/null || { echo "serve died; log: $log" >&2; exit 1; }
  done
  took=$(($(now_ms) - began))
  echo "backfill: $(grep 'backfill done' "$log" | sed 's/^[^ ]* [^ ]* //'); ready line to that line: $took ms"
  echo "backfill: RSS at its end $(rss_mb "$pid") MB, peak (VmHWM) $(hwm_mb "$pid") MB"
  sleep "$idle"
  echo "backfill: RSS ${idle} s later $(rss_mb "$pid") MB; load $(cut -d' ' -f1 /proc/loadavg)"
  stop
fi
