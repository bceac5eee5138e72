#!/usr/bin/env bash
# Resident memory of a bare DL4J training loop (benchmarks/src/.../StepMemory.java) over STEPS steps,
# with the book's JVM settings and with JavaCPP's pointer tracking off (nopointergc), one JVM each.
# Prints a Markdown table: resident MiB and ms per step every 5,000 steps.
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${1:-50000}
./mvnw -q -B -Pbench compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/classes:$(cat target/bench.classpath)"
book=(-Djava.awt.headless=true -XX:+UseParallelGC -Xmn256m)
echo "# Resident memory of a bare fit loop, chapter 7's network, $(date -Iseconds); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| steps | book's settings: MiB | ms/step | + nopointergc: MiB | ms/step |"
echo "|---:|---:|---:|---:|---:|"
tracked=$(mktemp) untracked=$(mktemp)
trap 'rm -f "$tracked" "$untracked"' EXIT
java "${book[@]}" -cp "$cp" org.sigmoidbook.bench.StepMemory "$steps" 2>/dev/null >"$tracked"
java "${book[@]}" -Dorg.bytedeco.javacpp.nopointergc=true -cp "$cp" org.sigmoidbook.bench.StepMemory "$steps" 2>/dev/null >"$untracked"
paste -d' ' "$tracked" "$untracked" | awk '{ printf "| %d | %d | %.2f | %d | %.2f |\n", $1, $2, $3, $5, $6 }'
