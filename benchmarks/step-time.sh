#!/usr/bin/env bash
# One training step of chapter 7's network in DL4J under the JVM and JavaCPP settings compared in
# benchmarks/RESULTS.md, interleaved over rounds, and the same step in NumPy float32 on one thread.
# Prints a Markdown table of milliseconds per step and peak resident memory.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
./mvnw -q -B -Pbench compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/classes:$(cat target/bench.classpath)"
settings=("-XX:+UseG1GC" "-XX:+UseParallelGC -Xmn256m" "-XX:+UseParallelGC -Xmn256m -Dorg.bytedeco.javacpp.nopointergc=true"
  "-XX:+UseParallelGC -Xmn256m -XX:TieredStopAtLevel=1")
echo "# One step of chapter 7's network (784-32x5-1, minibatch 32, FLOAT, one ND4J thread), $(date -Iseconds)"
echo
echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| round | setting | ms per step | peak resident (MiB) |"
echo "|---:|---|---:|---:|"
for round in $(seq 1 "$rounds"); do
  for setting in "${settings[@]}"; do
    read -ra flags <<< "$setting"
    read -r ms rss < <(java -Djava.awt.headless=true "${flags[@]}" -cp "$cp" org.sigmoidbook.bench.TrainingStep 2>/dev/null)
    echo "| $round | DL4J, \`$setting\` | $ms | $rss |"
  done
  echo "| $round | NumPy $(python3 -c 'import numpy; print(numpy.__version__)') float32, 1 thread | $(OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python3 benchmarks/peer/step_numpy.py) | |"
done
echo
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
