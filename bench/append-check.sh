#!/usr/bin/env bash
# Incremental import check: lines appended to transcripts that were already imported are read,
# and nothing else is. Works on a scratch copy of a generated corpus (the corpus is not touched):
#
#   1. copy the corpus (hard links), and in FILES of its transcripts (main-session and subagent
#      files, chosen spread over the sorted list) cut off the last 20-200 lines, keeping them
#   2. import the cut corpus into a new database                                  (timed)
#   3. append the first half of each kept tail back; import again                 (timed)
#   4. append the rest; import again                                              (timed)
#   5. check: steps 3 and 4 read exactly FILES files and exactly the appended bytes (the
#      summary's figure and the sum of file_positions.offset), restarted no file, and the
#      database now equals the whole corpus's ground truth (bench/check-ground-truth.py) —
#      streamed copies of one response, tool calls and their results, prompts and cost-states
#      split across the imports must merge as if read in one go.
#
# usage: bench/append-check.sh CORPUS_DIR [FILES]
#   CORPUS_DIR  a directory made by bench/gen-corpus.sh (with ground_truth.json)
#   FILES       how many transcripts to cut and grow again (default 12)
# environment: FLIGHTLOG_JAR, JAVA_HOME, OUT (scratch directory; default a new one under /tmp,
#   removed at the end unless KEEP=1)
# Exits 1 when a check fails.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
if [[ $# -lt 1 || ! -f $1/ground_truth.json ]]; then
  sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
corpus=$(cd "$1" && pwd)
nfiles=${2:-12}
if [[ -z "${JAVA_HOME:-}" && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
jar=${FLIGHTLOG_JAR:-$repo/target/flightlog.jar}
[[ -f $jar ]] || { echo "error: $jar not found (mvn -DskipTests package)" >&2; exit 2; }
out=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/flightlog-append-check.XXXXXX")}
mkdir -p "$out/home" "$out/tails"
export FLIGHTLOG_HOME=$out/home
db=$out/append.db
scratch=$out/corpus
rm -rf "$scratch" "$db" "$db-wal" "$db-shm"
echo "corpus:  $corpus"
echo "scratch: $scratch (hard-linked copy; the cut files are replaced by real copies)"
echo "jar:     $jar"

# 1. the scratch copy and the cut files
cp -al "$corpus" "$scratch"
mapfile -t all < <(cd "$scratch" && find projects -name '*.jsonl' | sort)
step=$((${#all[@]} / nfiles))
total_tail=0
total_lines=0
: >"$out/cuts.tsv"
for ((k = 0; k < nfiles; k++)); do
  # alternate main-session and subagent files when there are both
  idx=$((k * step + step / 2))
  rel=${all[$idx]}
  if ((k % 2 == 1)); then
    for ((j = idx; j < ${#all[@]}; j++)); do
      if [[ ${all[$j]} == */subagents/* ]]; then rel=${all[$j]}; break; fi
    done
  fi
  f=$scratch/$rel
  lines=$(wc -l <"$f")
  want=$((20 + (k * 37) % 181))
  ((want > lines - 1)) && want=$((lines - 1))
  keep=$((lines - want))
  key=$(echo "$rel" | tr '/' '_')
  head -n "$keep" "$f" >"$out/tails/$key.head"
  tail -n "$want" "$f" >"$out/tails/$key.tail"
  half=$((want / 2))
  head -n "$half" "$out/tails/$key.tail" >"$out/tails/$key.a"
  tail -n "$((want - half))" "$out/tails/$key.tail" >"$out/tails/$key.b"
  rm "$f" # break the hard link: the original corpus file is never written
  mv "$out/tails/$key.head" "$f"
  bytes=$(stat -c %s "$out/tails/$key.tail")
  total_tail=$((total_tail + bytes))
  total_lines=$((total_lines + want))
  printf '%s\t%d\t%d\t%d\t%d\n' "$rel" "$lines" "$want" "$(stat -c %s "$out/tails/$key.a")" \
    "$(stat -c %s "$out/tails/$key.b")" >>"$out/cuts.tsv"
done
echo "cut:     $nfiles files, $total_lines lines, $total_tail bytes taken off their ends:"
awk -F'\t' '{printf "  %-100s %5d lines, last %3d cut (%d + %d bytes)\n", $1, $2, $3, $4, $5}' "$out/cuts.tsv"

run_import() { # label
  local start end
  start=$EPOCHREALTIME
  "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m --enable-native-access=ALL-UNNAMED \
    -jar "$jar" import "$scratch" --db "$db" >"$out/$1.log" 2>&1
  end=$EPOCHREALTIME
  printf '  %s (%s ms incl. JVM start): %s\n' "$1" \
    "$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.0f", (b - a) * 1000}')" "$(tr '\n' ' ' <"$out/$1.log")"
}
offsets() { sqlite3 "$db" 'SELECT sum(offset) FROM file_positions' 2>/dev/null ||
  python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT sum(offset) FROM file_positions').fetchone()[0])" "$db"; }
sizes() { awk -v b="$1" 'BEGIN { if (b < 1000) printf "%d B", b; else if (b < 1e6) printf "%.1f kB", b / 1e3;
  else if (b < 1e9) printf "%.1f MB", b / 1e6; else printf "%.2f GB", b / 1e9 }'; }
fail=0
expect() { # label log expected-bytes before-offset
  local log=$out/$1.log read_bytes after
  after=$(offsets)
  read_bytes=$((after - $4))
  if grep -q "(${nfiles} read, " "$log" && grep -q ": $(sizes "$3")," "$log" && ! grep -q 'Read again' "$log" &&
    ((read_bytes == $3)); then
    echo "    ok: $nfiles files read, $3 bytes appended = $read_bytes bytes read (file_positions) = \"$(sizes "$3")\" in the summary; no restart"
  else
    echo "    FAIL: wanted $nfiles files read and $3 bytes ($(sizes "$3")); file_positions moved by $read_bytes bytes"
    fail=1
  fi
}

echo
echo "== imports"
run_import "1-cut-corpus"
before=$(offsets)
bytes_a=0
while IFS=$'\t' read -r rel _ _ a _; do
  key=$(echo "$rel" | tr '/' '_')
  cat "$out/tails/$key.a" >>"$scratch/$rel"
  bytes_a=$((bytes_a + a))
done <"$out/cuts.tsv"
run_import "2-first-halves-appended"
expect "2-first-halves-appended" "" "$bytes_a" "$before"
before=$(offsets)
bytes_b=0
while IFS=$'\t' read -r rel _ _ _ b; do
  key=$(echo "$rel" | tr '/' '_')
  cat "$out/tails/$key.b" >>"$scratch/$rel"
  bytes_b=$((bytes_b + b))
done <"$out/cuts.tsv"
run_import "3-rest-appended"
expect "3-rest-appended" "" "$bytes_b" "$before"
run_import "4-unchanged"
if ! grep -q "(0 read, " "$out/4-unchanged.log"; then echo "    FAIL: the fourth import read something"; fail=1; fi

echo
echo "== the grown-back corpus against the whole corpus's ground truth"
while IFS=$'\t' read -r rel _; do
  if ! cmp -s "$corpus/$rel" "$scratch/$rel"; then
    echo "  FAIL: $rel differs from the corpus after appending"
    fail=1
  fi
done <"$out/cuts.tsv"
python3 "$here/check-ground-truth.py" "$db" "$scratch" >"$out/check.txt" || fail=1
tail -n 12 "$out/check.txt" | sed 's/^/  /'

if [[ ${KEEP:-0} != 1 ]]; then rm -rf "$out"; else echo "kept: $out"; fi
if ((fail)); then echo "RESULT: FAIL"; exit 1; fi
echo "RESULT: ok"
