#!/usr/bin/env bash
# Benchmark 5: wall time of the book, every chapter in its own cold JVM (java started afresh, as
# `mvn exec:java -Dexec.args=<id>` would, minus Maven), in --quick and in full mode, then the whole
# book in one JVM. Prints a Markdown table; run it on an otherwise idle machine.
#   benchmarks/book-time.sh            quick and full
#   benchmarks/book-time.sh quick      quick only (full only: full)
set -euo pipefail
cd "$(dirname "$0")/.."
modes=${1:-both}
case "$modes" in both) modes="quick full" ;; quick|full) ;; *) echo "usage: $0 [quick|full|both]" >&2; exit 2 ;; esac

mvn -q -B compile dependency:build-classpath -Dmdep.outputFile=target/book.classpath >/dev/null
cp="target/classes:$(cat target/book.classpath)"
book() { java -Djava.awt.headless=true -cp "$cp" org.sigmoidbook.Book "$@"; }
ids=$(book --list | awk '{print $1}')
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
# Runs the book with the given arguments; prints "wall-seconds in-JVM-chapter-seconds".
timed() {
  local log="$scratch/log" start end
  start=$(now)
  if ! book "$@" --out "$scratch/out" >"$log" 2>&1; then
    echo "book $* failed:" >&2; cat "$log" >&2; exit 1
  fi
  end=$(now)
  echo "$(seconds "$start" "$end") $(awk '/done in/ { s += $3 } END { printf "%.1f", s }' "$log")"
}

echo "# Book wall time, $(date -Iseconds)"
echo
echo "- CPU: $(lscpu | awk -F: '/Model name/ { gsub(/^ +/, "", $2); print $2 }'), $(nproc) cores visible"
echo "- JDK: $(java -version 2>&1 | head -1)"
echo "- Load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- ND4J threads: as the book sets them (OMP_NUM_THREADS=${OMP_NUM_THREADS:-unset})"
echo
header="| chapter |"; rule="|---|"
for mode in $modes; do header="$header $mode: wall, cold JVM (s) | $mode: chapter alone (s) |"; rule="$rule---:|---:|"; done
echo "$header"; echo "$rule"
declare -A total
for id in $ids; do
  row="| $id |"
  for mode in $modes; do
    flag=""; [ "$mode" = quick ] && flag="--quick"
    read -r wall inside < <(timed "$id" $flag)
    row="$row $wall | $inside |"
    total[$mode]=$(awk -v a="${total[$mode]:-0}" -v b="$wall" 'BEGIN { print a + b }')
  done
  echo "$row"
done
row="| sum of the cold runs |"
for mode in $modes; do row="$row ${total[$mode]} | |"; done
echo "$row"
row="| **whole book, one JVM** |"
for mode in $modes; do
  flag=""; [ "$mode" = quick ] && flag="--quick"
  read -r wall inside < <(timed $flag)
  row="$row **$wall** | $inside |"
done
echo "$row"
echo
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
