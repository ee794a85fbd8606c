#!/bin/sh
# Command-hook spooler benchmark: installs flightlog into a scratch HOME (so the spooler is the
# exact script `flightlog install` writes), then times it against `sh -c true` side by side.
# Usage: bench/spooler-bench.sh [N]   (default N=500 runs of each variant)
set -eu
cd "$(dirname "$0")/.."
n=${1:-500}
jar=target/flightlog.jar
if [ ! -f "$jar" ]; then
  echo "building $jar" >&2
  mvn -B -o -q -DskipTests package >&2
fi
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
scratch=$(mktemp -d /tmp/flightlog-spooler-bench.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
HOME="$scratch/home" FLIGHTLOG_HOME="$scratch/data" CLAUDE_CONFIG_DIR="$scratch/home/.claude" \
  "$java" -jar "$jar" install >/dev/null
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "machine: $(nproc) cores, $(uname -sr), /bin/sh -> $(readlink -f /bin/sh)"
echo "load before: $(uptime | sed 's/.*load average/load average/')"
python3 bench/spooler-bench.py "$scratch/data/bin/flightlog-spool" "$scratch/data/spool" --n "$n"
echo "load after: $(uptime | sed 's/.*load average/load average/')"
