#!/usr/bin/env bash
# Benchmark 5: wall time of the book, every chapter in its own cold JVM (java started afresh, as
# `mvn exec:java -Dexec.args=<id>` would, minus Maven), in --quick and in full mode, then the whole
# book in one JVM. Prints a Markdown table; run it on an otherwise idle machine.
#   benchmarks/book-time.sh            quick and full
#   benchmarks/book-time.sh quick      quick only (full only: full)
#   benchmarks/book-time.sh resident   the quick book with JavaCPP's resident-memory check on and off,
#                                      interleaved, 3 rounds: the ratio of the runner's tuning
set -euo pipefail
cd "$(dirname "$0")/.."
modes=${1:-both}
case "$modes" in both) modes="quick full" ;; quick|full|resident) ;; *) echo "usage: $0 [quick|full|both|resident]" >&2; exit 2 ;; esac

mvn -q -B compile dependency:build-classpath -Dmdep.outputFile=target/book.classpath >/dev/null
cp="target/classes:$(cat target/book.classpath)"
java_options=()
book() { java -Djava.awt.headless=true "${java_options[@]}" -cp "$cp" org.sigmoidbook.Book "$@"; }
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

if [ "$modes" = resident ]; then
  # JavaCPP's own default limit is 4 x the maximum heap; giving it explicitly turns the check back on.
  heap_mib=$(java -XX:+PrintFlagsFinal -version 2>/dev/null | awk '$2 == "MaxHeapSize" { printf "%d", $4 / 1048576 }')
  echo "# Quick book, JavaCPP's resident-memory check on (maxPhysicalBytes=$((4 * heap_mib))m, JavaCPP's default) and off (the book's default), $(date -Iseconds)"
  echo
  echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| round | check on: wall (s) | check off: wall (s) | off / on |"
  echo "|---|---:|---:|---:|"
  ratios=()
  for round in 1 2 3; do
    java_options=("-Dorg.bytedeco.javacpp.maxPhysicalBytes=$((4 * heap_mib))m")
    read -r on _ < <(timed --quick)
    java_options=()
    read -r off _ < <(timed --quick)
    ratio=$(awk -v a="$off" -v b="$on" 'BEGIN { printf "%.2f", a / b }')
    ratios+=("$ratio")
    echo "| $round | $on | $off | $ratio |"
  done
  echo
  echo "Median off / on: $(printf '%s\n' "${ratios[@]}" | sort -n | sed -n 2p); load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi

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
