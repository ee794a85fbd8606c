#!/usr/bin/env bash
# Import throughput: times `flightlog import` of a whole corpus into a new database, with
# --threads 1 and with the default thread count, RUNS times each, and prints every run and the
# medians: wall time including JVM start, the summary's own time, MB/s of transcript bytes by
# both, MB per CPU-second, peak RSS and the database size.
#
# usage: bench/import-bench.sh CORPUS_DIR [RUNS]
#   CORPUS_DIR  a ~/.claude-shaped directory (projects/ inside), e.g. from bench/gen-corpus.sh
#   RUNS        runs per configuration (default 3)
# environment:
#   FLIGHTLOG_JAR  the jar to run (default: target/flightlog.jar next to this script's repo)
#   JAVA_HOME      the JDK (default /usr/lib/jvm/temurin-25-jdk-amd64 when present)
#   THREADS        the configurations, space-separated (default "1 default")
#   OUT            where databases and logs go (default: a new directory under /tmp)
#   WAIT_LOAD=X    before each run wait (up to 10 min) until the 1-minute load average is < X
#   DROP_CACHES=1  drop the page cache before each run (root only; affects the whole machine).
#                  Without it the corpus is read once beforehand so every run finds it in the
#                  page cache ("warm files"), which is what the figures then mean.
#
# The command timed, per run (a fresh database each time):
#   /usr/bin/time -f '%M KB %e s %U user %S sys' $JAVA_HOME/bin/java -XX:TieredStopAtLevel=1
#     -XX:+UseSerialGC -Xmx256m --enable-native-access=ALL-UNNAMED -jar JAR
#     import CORPUS_DIR --db OUT/import.db [--threads 1]
# MB are 10^6 bytes; the bytes are the corpus's *.jsonl sizes (a cold import reads them all),
# checked against the summary's rounded figure.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
if [[ $# -lt 1 || ! -d $1/projects ]]; then
  sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
corpus=$(cd "$1" && pwd)
runs=${2:-3}
if [[ -z "${JAVA_HOME:-}" && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
jar=${FLIGHTLOG_JAR:-$repo/target/flightlog.jar}
[[ -f $jar ]] || { echo "error: $jar not found (mvn -DskipTests package)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "error: /usr/bin/time missing (apt-get install -y time)" >&2; exit 2; }
out=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/flightlog-import-bench.XXXXXX")}
mkdir -p "$out/home"
export FLIGHTLOG_HOME=$out/home
db=$out/import.db

bytes=$(find "$corpus/projects" -name '*.jsonl' -printf '%s\n' | awk '{s += $1} END {print s}')
files=$(find "$corpus/projects" -name '*.jsonl' | wc -l)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/^Mem:/ {print $2}') GB RAM"
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "jdk:     $("$java" -version 2>&1 | sed -n 2p)"
echo "jar:     $jar ($(stat -c '%s bytes, built %y' "$jar" | cut -d. -f1))"
echo "corpus:  $corpus: $files .jsonl files, $bytes bytes"
echo "results: $out"

# WAIT_LOAD=X: before each run, wait (up to 10 minutes) for the 1-minute load average to drop
# below X, for shared machines; the load is printed with every run either way.
wait_quiet() {
  [[ -n ${WAIT_LOAD:-} ]] || return 0
  local i
  for ((i = 0; i < 120; i++)); do
    awk -v max="$WAIT_LOAD" '{exit !($1 < max)}' /proc/loadavg && return 0
    sleep 5
  done
}
prepare() {
  rm -f "$db" "$db-wal" "$db-shm"
  if [[ ${DROP_CACHES:-0} == 1 && -w /proc/sys/vm/drop_caches ]]; then
    sync
    echo 3 >/proc/sys/vm/drop_caches
  fi
}
if [[ ${DROP_CACHES:-0} == 1 && -w /proc/sys/vm/drop_caches ]]; then
  echo "files:   page cache dropped before each run (cold files)"
else
  find "$corpus/projects" -type f -exec cat {} + >/dev/null
  echo "files:   in the page cache (read once beforehand); only the database is new each run"
fi

# the summary's rounding (dev.flightlog.cli.Sizes.format)
sizes_format() {
  awk -v b="$1" 'BEGIN { if (b < 1000) printf "%d B", b; else if (b < 1e6) printf "%.1f kB", b / 1e3;
    else if (b < 1e9) printf "%.1f MB", b / 1e6; else printf "%.2f GB", b / 1e9 }'
}
median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

results=$out/runs.tsv
printf 'threads\trun\tload1\twall_s\tsummary_s\tuser_s\tsys_s\trss_kb\tdb_bytes\twall_mbs\tsummary_mbs\tmb_per_cpu_s\n' >"$results"
for threads in ${THREADS:-1 default}; do
  extra=()
  [[ $threads != default ]] && extra=(--threads "$threads")
  echo
  echo "== import, threads=$threads: $java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m --enable-native-access=ALL-UNNAMED -jar $jar import $corpus --db $db ${extra[*]}"
  for ((i = 1; i <= runs; i++)); do
    prepare
    wait_quiet
    load=$(cut -d' ' -f1 /proc/loadavg)
    log=$out/import-$threads-$i.log
    /usr/bin/time -o "$out/time-$threads-$i" -f '%M %e %U %S' \
      "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m --enable-native-access=ALL-UNNAMED \
      -jar "$jar" import "$corpus" --db "$db" "${extra[@]}" >"$log" 2>&1
    read -r rss wall user sys <"$out/time-$threads-$i"
    summary=$(grep '^Imported' "$log")
    summary_s=$(sed -E 's/.* in ([0-9.]+) s:.*/\1/' <<<"$summary")
    summary_size=$(sed -E 's/.* s: ([0-9.]+ [kMG]?B),.*/\1/' <<<"$summary")
    dbsize=$({ stat -c %s "$db" "$db-wal" 2>/dev/null || true; } | awk '{s += $1} END {print s}')
    awk -v t="$threads" -v i="$i" -v l="$load" -v w="$wall" -v s="$summary_s" -v u="$user" \
      -v y="$sys" -v r="$rss" -v d="$dbsize" -v b="$bytes" 'BEGIN {
        printf "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.1f\t%.1f\t%.1f\n",
          t, i, l, w, s, u, y, r, d, b / 1e6 / w, b / 1e6 / s, b / 1e6 / (u + y) }' >>"$results"
    printf '  run %d (load %s before): %s\n' "$i" "$load" "$summary"
    tail -n1 "$results" | awk -F'\t' '{printf "    wall %s s incl. JVM start, %s user + %s sys CPU s, peak RSS %.0f MB, database %.1f MB -> %s MB/s wall, %s MB/s by the summary, %s MB per CPU-second\n",
      $4, $6, $7, $8 / 1024, $9 / 1e6, $10, $11, $12}'
    if [[ $summary_size != "$(sizes_format "$bytes")" ]]; then
      echo "    note: the summary says $summary_size read, the corpus has $bytes bytes ($(sizes_format "$bytes"))"
    fi
    if [[ $(sed -n '2,$p' "$log" | grep -vc '^$' || true) != 0 ]]; then
      sed -n '2,$p' "$log" | sed 's/^/    | /'
    fi
  done
  awk -F'\t' -v t="$threads" '$1 == t' "$results" >"$out/sel"
  med() { cut -f"$1" "$out/sel" | median; }
  printf '  median of %d: wall %s s, summary %s s, %s MB/s wall, %s MB/s by the summary, %s MB per CPU-second, peak RSS %.0f MB, database %.1f MB\n' \
    "$runs" "$(med 4)" "$(med 5)" "$(med 10)" "$(med 11)" "$(med 12)" "$(awk -v x="$(med 8)" 'BEGIN {print x / 1024}')" "$(awk -v x="$(med 9)" 'BEGIN {print x / 1e6}')"
done
echo
echo "per-run table: $results"
rm -f "$db" "$db-wal" "$db-shm" "$out/sel"
