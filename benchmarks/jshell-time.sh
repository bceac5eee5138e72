#!/usr/bin/env bash
# Benchmark 6: seconds from starting JShell to the first sigmoid value it prints, for the plain-Java
# sigma (Sigmoid.of) and for ND4J's (Sigmoid.forward, which needs ND4J's native backend loaded).
# First the documented command, ./notebook (its startup script included), given the two cells as a
# notebook file instead of typed; then bare jshell with the book's class path, for comparison.
# Dependencies must already be downloaded and the book compiled (./mvnw compile once).
#   benchmarks/jshell-time.sh [RUNS]     (default 5 runs; prints each run and the median)
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/common.sh
runs=${1:-5}
./mvnw -q -B compile >/dev/null
cp="target/classes:$(cat target/classpath.txt)"  # written by compile (pom.xml)
script=benchmarks/jshell/first-sigmoid.jsh

now() { date +%s.%N; }
# One run with the given extra jshell options: prints "seconds-to-java-sigma seconds-to-nd4j-sigma".
once() {
  local start java="" nd4j=""
  start=$(now)
  while IFS= read -r line; do
    case "$line" in
      "java sigma(0) = 0.5") java=$(awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }') ;;
      "nd4j sigma(0) = 0.5") nd4j=$(awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }') ;;
    esac
  done < <("$@" 2>/dev/null)
  if [ -z "$java" ] || [ -z "$nd4j" ]; then echo "jshell did not print both values" >&2; exit 1; fi
  echo "$java $nd4j"
}

report() {
  local label=$1; shift
  local results=()
  for _ in $(seq "$runs"); do results+=("$(once "$@")"); done
  printf '| %s | %s | %s | %s |\n' "$label" \
    "$(printf '%s\n' "${results[@]}" | awk '{print $1}' | median)" \
    "$(printf '%s\n' "${results[@]}" | awk '{print $2}' | median)" \
    "$(printf '%s / ' "${results[@]}" | sed 's| / $||')"
}

echo "# JShell: time to the first sigmoid value, $(date -Iseconds), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| command | java sigma(0), median s | ND4J sigma(0), median s | every run (java nd4j) |"
echo "|---|---:|---:|---|"
report './notebook (the documented command)' ./notebook "$script"
report 'jshell --class-path CP' jshell --class-path "$cp" "$script"
