#!/usr/bin/env bash
# Where one training step of chapter 7's network spends its time: benchmarks' TrainingStep under
# Java Flight Recorder (book's JVM settings), broken down by benchmarks/profile/jfr_breakdown.py.
# JFR sees Java frames and the native method each sample is in; for the split inside the native
# libraries, run the same command under `perf record -g` (RESULTS.md, section 8).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -Pbench compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/classes:$(cat target/bench.classpath)"
recording=$(mktemp --suffix=.jfr)
trap 'rm -f "$recording"' EXIT
java -Djava.awt.headless=true -XX:+UseParallelGC -Xmn256m \
  -XX:StartFlightRecording=filename="$recording",settings=profile -cp "$cp" org.sigmoidbook.bench.TrainingStep >/dev/null 2>&1
jfr print --stack-depth 200 --events jdk.ExecutionSample,jdk.NativeMethodSample "$recording" | python3 benchmarks/profile/jfr_breakdown.py
