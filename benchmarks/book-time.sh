#!/usr/bin/env bash
# Benchmark 5: the whole book's time and memory, and how it scales with --jobs.
#   benchmarks/book-time.sh          full book with --jobs 1 and --jobs 2, quick book, --replot
#   benchmarks/book-time.sh quick    the quick book and --replot only
# Each run is a fresh JVM with the book's JVM settings (.mvn/jvm.config), writing into a scratch
# folder. Prints a Markdown table (wall and CPU seconds, peak resident memory) and, from the
# --jobs 1 run's per-task CPU times, the critical path and a projection for more cores. Run it on an
# otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-all}
case "$mode" in all|quick) ;; *) echo "usage: $0 [all|quick]" >&2; exit 2 ;; esac

./mvnw -q -B compile >/dev/null
cp="target/classes:$(cat target/classpath.txt)"
read -rd "" -a jvm < .mvn/jvm.config || true  # every line of it
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

jvm_extra=()  # options for one run's JVM

# Runs the book; prints "wall user peak-MiB" and leaves its per-task CPU times in $scratch/times.csv.
run() {
  rm -rf "$scratch/out"
  [ -d "$scratch/keep" ] && cp -r "$scratch/keep" "$scratch/out"
  if ! /usr/bin/time -f "%e %U %M" -o "$scratch/time" java -Djava.awt.headless=true "${jvm[@]}" "${jvm_extra[@]}" \
      -Dsigmoidbook.taskTimes="$scratch/times.csv" -cp "$cp" org.sigmoidbook.Book "$@" --out "$scratch/out" >"$scratch/log" 2>&1; then
    echo "book $* failed:" >&2; cat "$scratch/log" >&2; exit 1
  fi
  awk '{ printf "%.1f %.1f %d\n", $1, $2, $3 / 1024 }' "$scratch/time"
}

echo "# Book time, $(date -Iseconds)"
echo
echo "- CPU: $(lscpu | awk -F: '/Model name/ { gsub(/^ +/, "", $2); print $2 }'), $(nproc) cores; JDK: $(java -version 2>&1 | head -1)"
echo "- JVM: ${jvm[*]}; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| run | wall (s) | CPU, user (s) | peak resident (MiB) |"
echo "|---|---:|---:|---:|"
if [ "$mode" = all ]; then
  read -r wall1 user1 rss1 < <(run --jobs 1)
  cp "$scratch/times.csv" "$scratch/times-jobs1.csv"
  echo "| full book, --jobs 1 | $wall1 | $user1 | $rss1 |"
  read -r wall2 user2 rss2 < <(run --jobs 2)
  echo "| full book, --jobs 2 | $wall2 | $user2 | $rss2 |"
  cp -r "$scratch/out" "$scratch/keep"
fi
read -r qwall1 quser1 qrss1 < <(run --quick --jobs 1)
echo "| quick book, --jobs 1 | $qwall1 | $quser1 | $qrss1 |"
read -r qwall2 quser2 qrss2 < <(run --quick --jobs 2)
echo "| quick book, --jobs 2 (C1, as the runner starts it) | $qwall2 | $quser2 | $qrss2 |"
jvm_extra=(-Dsigmoidbook.quickJit=false)
read -r cwall cuser crss < <(run --quick --jobs 2)
jvm_extra=()
echo "| quick book, --jobs 2, C2 (\`-Dsigmoidbook.quickJit=false\`) | $cwall | $cuser | $crss |"
[ -d "$scratch/keep" ] || cp -r "$scratch/out" "$scratch/keep"
read -r rwall ruser rrss < <(run --replot)
echo "| --replot, whole book | $rwall | $ruser | $rrss |"
echo
echo "Quick book, --jobs 2: C1 / C2 = $(awk -v a="$qwall2" -v b="$cwall" 'BEGIN { printf "%.2f", a / b }') of the wall time."
echo
if [ "$mode" = all ]; then
  echo "Full book: --jobs 1 / --jobs 2 = $(awk -v a="$wall1" -v b="$wall2" 'BEGIN { printf "%.2f", a / b }')."
  echo
  echo "## Where the CPU goes (--jobs 1, CPU seconds of the book's own threads)"
  echo
  awk -F, 'NR > 1 { total += $3; sum[$1] += $3; n[$1] += ($2 == "task"); if ($3 > top[$1]) top[$1] = $3;
                   if ($3 > longest) { longest = $3; what = $1 " " $2 } }
           END { print "| chapter | CPU (s) | tasks | longest piece (s) |"; print "|---|---:|---:|---:|";
                 for (c in sum) printf "| %s | %.1f | %d | %.1f |\n", c, sum[c], n[c], top[c];
                 printf "\nAll threads of the book: %.1f s. Longest single piece of work (the critical path on any number of cores): %.1f s (%s).\n\n", total, longest, what;
                 print "| cores | projected wall (s): max(total / cores, longest piece) |"; print "|---:|---:|";
                 for (p = 1; p <= 16; p *= 2) printf "| %d | %.0f |\n", p, (total / p > longest ? total / p : longest) }' "$scratch/times-jobs1.csv"
fi
echo
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
