#!/usr/bin/env bash
# Section 9b: the quick book and each chapter's quick run from its main, against an earlier commit.
#   benchmarks/quick-time.sh [BASELINE [ROUNDS]]
# BASELINE (default e93a5ee, the last commit before quick runs moved to C1) is built in a scratch
# worktree; then, for ROUNDS rounds (default 3), the quick book and every chapter's main with --quick
# run once from each build, the two builds alternating, so that both see the same machine. Each is a
# fresh JVM started as a reader starts it: the book with the book's JVM settings (.mvn/jvm.config), a
# chapter's main as an IDE starts it, with none. Prints a Markdown table of median wall seconds and
# the ratio now / baseline. Run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/common.sh
baseline=${1:-e93a5ee}
rounds=${2:-3}
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [BASELINE [ROUNDS]]: ROUNDS must be a whole number, not '$rounds'" >&2; exit 2; }
git rev-parse --verify -q "$baseline^{commit}" >/dev/null || { echo "$0: '$baseline' is not a commit of this repository" >&2; exit 2; }

scratch=$(mktemp -d)
trap 'git worktree remove --force "$scratch/baseline" >/dev/null 2>&1 || true; rm -rf "$scratch"' EXIT
git worktree add -q --detach "$scratch/baseline" "$baseline"
./mvnw -q -B compile >/dev/null
(cd "$scratch/baseline" && ./mvnw -q -B compile >/dev/null)
read -rd "" -a jvm < .mvn/jvm.config || true

classpath() { echo "$1/target/classes:$(cat "$1/target/classpath.txt")"; }
now_cp=$(classpath "$PWD")
base_cp=$(classpath "$scratch/baseline")
mains=$(cd src/main/java && grep -l '@ChapterInfo' org/sigmoidbook/chapters/*/*Chapter.java | sed 's/\.java$//; s#/#.#g')

# Prints the wall seconds of one run: java OPTIONS -cp CP MAIN --quick --out SCRATCH.
wall() {
  local cp=$1 main=$2; shift 2
  rm -rf "$scratch/out"
  local start end
  start=$(date +%s.%N)
  if ! java "$@" -cp "$cp" "$main" --quick --out "$scratch/out" >"$scratch/log" 2>&1; then
    echo "$main failed:" >&2; cat "$scratch/log" >&2; exit 1
  fi
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f\n", b - a }'
}

declare -A times
for ((r = 1; r <= rounds; r++)); do
  times[book,base]+="$(wall "$base_cp" org.sigmoidbook.Book -Djava.awt.headless=true "${jvm[@]}") "
  times[book,now]+="$(wall "$now_cp" org.sigmoidbook.Book -Djava.awt.headless=true "${jvm[@]}") "
  for main in $mains; do
    times[$main,base]+="$(wall "$base_cp" "$main" -Djava.awt.headless=true) "
    times[$main,now]+="$(wall "$now_cp" "$main" -Djava.awt.headless=true) "
  done
done

echo "# Quick runs: now ($(git rev-parse --short HEAD)) against $baseline, $(date -Iseconds)"
echo
echo "- CPU: $(lscpu | awk -F: '/Model name/ { gsub(/^ +/, "", $2); print $2 }'), $(nproc) cores; JDK: $(java -version 2>&1 | head -1)"
echo "- $rounds rounds, the two builds alternating; median wall seconds of a fresh JVM each; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| quick run | $baseline (s) | now (s) | now / $baseline | every run now (s) |"
echo "|---|---:|---:|---:|---|"
for what in book $mains; do
  base=$(tr ' ' '\n' <<<"${times[$what,base]}" | grep . | median)
  now=$(tr ' ' '\n' <<<"${times[$what,now]}" | grep . | median)
  label=$([ "$what" = book ] && echo "the whole book (\`org.sigmoidbook.Book --quick\`)" || echo "\`${what##*.}.main --quick\`")
  echo "| $label | $base | $now | $(awk -v a="$now" -v b="$base" 'BEGIN { printf "%.2f", a / b }') | ${times[$what,now]% } |"
done
