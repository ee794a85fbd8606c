#!/usr/bin/env bash
# Generates a synthetic ~/.claude-shaped corpus with ground truth, using the test-tree generator
# dev.flightlog.corpus.CorpusGenerator (see bench/README.md).
#
# usage: bench/gen-corpus.sh --out DIR [--seed N] (--sessions N | --bytes SIZE | --files N) [--threads N]
#   e.g. bench/gen-corpus.sh --out /tmp/corpus-1g --seed 1 --bytes 1g
#
# Builds what it needs first: the test classes (mvn test-compile; if the rest of the tree does not
# compile right now, just the corpus package with plain javac) and the test class path.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
if [[ -z "${JAVA_HOME:-}" && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
javac=${JAVA_HOME:+$JAVA_HOME/bin/}javac

sources=$repo/src/test/java/dev/flightlog/corpus
classpath_file=$repo/target/bench-test-classpath.txt
mkdir -p "$repo/target"

mvn_in_repo() { (cd "$repo" && mvn -q "$@"); }

# The test class path (jackson-core is all the generator needs), cached until pom.xml changes.
if [[ ! -s $classpath_file || $repo/pom.xml -nt $classpath_file ]]; then
  for offline in -o ""; do # offline first; online only if something is missing locally
    mvn_in_repo $offline dependency:build-classpath -Dmdep.outputFile="$classpath_file" \
      -Dmdep.includeScope=test >&2 && break
  done
fi
deps=$(cat "$classpath_file")

stale() { # true when a corpus source is newer than the given compiled generator
  [[ ! -f $1 ]] || [[ -n $(find "$sources" -name '*.java' -newer "$1" -print -quit) ]]
}

classes=$repo/target/test-classes
fallback=$repo/target/corpus-classes
if stale "$classes/dev/flightlog/corpus/CorpusGenerator.class"; then
  if ! stale "$fallback/dev/flightlog/corpus/CorpusGenerator.class"; then
    classes=$fallback
  else
    echo "gen-corpus: compiling the test classes" >&2
    log=$repo/target/bench-test-compile.log
    if ! mvn_in_repo -o test-compile -Dspotless.check.skip=true >"$log" 2>&1; then
      # The rest of the tree may be mid-change; the generator depends on nothing in it.
      echo "gen-corpus: mvn test-compile failed (see $log); compiling only the corpus package" >&2
      classes=$fallback
      rm -rf "$classes"
      mkdir -p "$classes"
      find "$sources" -name '*.java' ! -name '*Test.java' ! -name Recount.java \
        ! -name JsonTree.java -print0 |
        xargs -0 "$javac" --release 21 -nowarn -d "$classes" -cp "$deps"
    fi
  fi
fi

exec "$java" -Xmx2g -cp "$classes:$deps" dev.flightlog.corpus.CorpusGenerator "$@"
