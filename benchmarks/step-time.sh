#!/usr/bin/env bash
# One training step of chapter 7's network in DL4J under the JVM and JavaCPP settings compared in
# benchmarks/RESULTS.md, the same step in PyTorch through DJL (its Trainer API, and plain NDArray
# operations) with the book's JVM setting, and in NumPy float32; every library on one thread, the
# rows interleaved over rounds. Prints a Markdown table of wall and process CPU milliseconds per step and
# peak resident memory.
#   benchmarks/step-time.sh [ROUNDS] [all|peers|modes]    peers: only the book's DL4J setting beside DJL and NumPy;
#   modes: the book's DL4J setting beside DL4J's other training workspace and cache modes, and NumPy
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [ROUNDS] [all|peers|modes]: ROUNDS must be a whole number, not '$rounds'" >&2; exit 2; }
which=${2:-all}
./mvnw -q -B -Pbench compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/classes:$(cat target/bench.classpath)"
book="-XX:+UseParallelGC -Xmn256m"
settings=("-XX:+UseG1GC" "$book" "$book -Dorg.bytedeco.javacpp.nopointergc=true" "$book -XX:TieredStopAtLevel=1")
case "$which" in
  all) ;;
  peers) settings=("$book") ;;
  modes) settings=("$book" "$book -Dstep.workspaces=NONE" "$book -Dstep.cache=HOST" "$book -Dstep.workspaces=NONE -Dstep.cache=HOST") ;;
  *) echo "usage: $0 [ROUNDS] [all|peers|modes]" >&2; exit 2 ;;
esac
echo "# One step of chapter 7's network (784-32x5-1, minibatch 32, float32, one thread per library), $(date -Iseconds)"
echo
echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| round | setting | ms per step | CPU ms per step | peak resident (MiB) |"
echo "|---:|---|---:|---:|---:|"
for round in $(seq 1 "$rounds"); do
  for setting in "${settings[@]}"; do
    read -ra flags <<< "$setting"
    read -r ms cpu rss < <(java -Djava.awt.headless=true "${flags[@]}" -cp "$cp" org.sigmoidbook.bench.TrainingStep 2>/dev/null)
    echo "| $round | DL4J, \`$setting\` | $ms | $cpu | $rss |"
  done
  for api in $([ "$which" = modes ] || echo trainer ops); do
    read -ra flags <<< "$book"
    read -r ms cpu rss < <(java -Djava.awt.headless=true "${flags[@]}" -cp "$cp" org.sigmoidbook.bench.DjlTrainingStep "$api" 2>/dev/null)
    echo "| $round | DJL $api (PyTorch), \`$book\` | $ms | $cpu | $rss |"
  done
  read -r ms cpu < <(OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python3 benchmarks/peer/step_numpy.py)
  echo "| $round | NumPy $(python3 -c 'import numpy; print(numpy.__version__)') float32, 1 thread | $ms | $cpu | |"
done
echo
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
