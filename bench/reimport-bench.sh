#!/usr/bin/env bash
# Repeat import: imports a corpus once into a new database, then times the next imports of the
# unchanged corpus as whole commands (JVM start included) and checks that each one read nothing
# ("0 read, N unchanged", N = the corpus's *.jsonl files).
#
# usage: bench/reimport-bench.sh CORPUS_DIR [RUNS]
#   CORPUS_DIR  a ~/.claude-shaped directory, e.g. bench/gen-corpus.sh --files 10000 output
#   RUNS        timed repeat imports per launcher (default 5)
# environment:
#   FLIGHTLOG_JAR  the jar (default: target/flightlog.jar of this repository)
#   FLIGHTLOG_BIN  the launcher (default: bin/flightlog of this repository)
#   JAVA_HOME      the JDK (default /usr/lib/jvm/temurin-25-jdk-amd64 when present)
#   WAIT_LOAD=X    before each run wait (up to 10 min) until the 1-minute load average is < X
#   OUT            where the database and logs go (default: a new directory under /tmp)
#
# Two launchers are timed, RUNS times each, after one untimed warm-up run each:
#   java:      $JAVA_HOME/bin/java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m
#              --enable-native-access=ALL-UNNAMED -jar JAR import CORPUS_DIR --db DB
#   launcher:  bin/flightlog import CORPUS_DIR --db DB   (the same flags plus the JDK AOT cache,
#              which its warm-up run creates when missing)
# Wall time is measured around the command with bash's EPOCHREALTIME; peak RSS by /usr/bin/time.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
if [[ $# -lt 1 || ! -d $1/projects ]]; then
  sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
corpus=$(cd "$1" && pwd)
runs=${2:-5}
if [[ -z "${JAVA_HOME:-}" && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
export FLIGHTLOG_JAR=${FLIGHTLOG_JAR:-$repo/target/flightlog.jar}
[[ -f $FLIGHTLOG_JAR ]] || { echo "error: $FLIGHTLOG_JAR not found (mvn -DskipTests package)" >&2; exit 2; }
out=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/flightlog-reimport-bench.XXXXXX")}
mkdir -p "$out/home"
export FLIGHTLOG_HOME=$out/home
db=$out/reimport.db
rm -f "$db" "$db-wal" "$db-shm"

files=$(find "$corpus/projects" -name '*.jsonl' | wc -l)
# what the summary must say: "(0 read, 10,000 unchanged)"
expect="0 read, $(awk -v n="$files" 'BEGIN { s = sprintf("%d", n); r = ""
  while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) }
  print s r }') unchanged"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/^Mem:/ {print $2}') GB RAM"
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "jdk:     $("$java" -version 2>&1 | sed -n 2p)"
echo "jar:     $FLIGHTLOG_JAR"
echo "corpus:  $corpus: $files .jsonl files, $(du -sh "$corpus/projects" | cut -f1)"
echo "results: $out"

java_cmd=("$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m --enable-native-access=ALL-UNNAMED
  -jar "$FLIGHTLOG_JAR" import "$corpus" --db "$db")
launcher_cmd=("${FLIGHTLOG_BIN:-$repo/bin/flightlog}" import "$corpus" --db "$db")

echo
echo "== first import (not timed here): ${java_cmd[*]}"
find "$corpus/projects" -type f -exec cat {} + >/dev/null # page cache, as for the repeats
"${java_cmd[@]}" 2>&1 | sed 's/^/  /'

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
median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
status=0
for which in java launcher; do
  declare -n cmd=${which}_cmd
  echo
  echo "== repeat import, $which: ${cmd[*]}"
  "${cmd[@]}" >"$out/warmup-$which.log" 2>&1 # warm-up (creates the AOT cache for the launcher)
  : >"$out/ms-$which"
  : >"$out/cpu-$which"
  for ((i = 1; i <= runs; i++)); do
    wait_quiet
    load=$(cut -d' ' -f1 /proc/loadavg)
    start=$EPOCHREALTIME
    /usr/bin/time -o "$out/rss" -f '%M %U %S' "${cmd[@]}" >"$out/run.log" 2>&1
    end=$EPOCHREALTIME
    ms=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.0f", (b - a) * 1000}')
    echo "$ms" >>"$out/ms-$which"
    line=$(grep '^Imported' "$out/run.log" || true)
    ok=ok
    if [[ $line != *"($expect)"* ]]; then ok="UNEXPECTED (wanted \"$expect\")"; status=1; fi
    read -r rss user sys <"$out/rss"
    echo "$user $sys" | awk '{print $1 + $2}' >>"$out/cpu-$which"
    printf '  run %d (load %s before): %5d ms wall, %s user + %s sys CPU s, peak RSS %d MB: %s  [%s]\n' \
      "$i" "$load" "$ms" "$user" "$sys" "$((rss / 1024))" "$line" "$ok"
  done
  echo "  median of $runs: $(median <"$out/ms-$which") ms wall (min $(sort -g "$out/ms-$which" | head -1), max $(sort -g "$out/ms-$which" | tail -1)), $(median <"$out/cpu-$which") CPU s"
done
rm -f "$db" "$db-wal" "$db-shm"
exit $status
