package org.sigmoidbook.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.sigmoidbook.runtime.Backend;

/**
 * Runs the benchmarks and prints their results as Markdown tables with the ratios the book
 * reports: {@code mvn -q -B -Pbench compile exec:exec [-Dbench.args="forward backward recorder peer"]}.
 * JMH results go to benchmarks/results/jmh-GROUP.json, the tables to benchmarks/results/summary.md
 * (summary-GROUP...md when only some groups run).
 */
public final class Benchmarks {

    private static final Path RESULTS = Path.of("benchmarks", "results");
    private static final List<String> GROUPS = List.of("forward", "backward", "recorder", "peer");

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        Backend.skipResidentMemoryCheck(); // as the book's runner does
        List<String> groups = args.length == 0 ? GROUPS : List.of(args);
        for (String group : groups) {
            if (!GROUPS.contains(group)) {
                System.err.println("unknown benchmark group '" + group + "'; groups: " + GROUPS);
                System.exit(2);
            }
        }
        Files.createDirectories(RESULTS);
        // What ND4J chose for itself, before any benchmark changes it.
        int nd4jDefaultThreads = Nd4j.getEnvironment().maxMasterThreads();
        StringBuilder summary = new StringBuilder();
        summary.append("# Benchmark run ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append("\n\n")
                .append(Machine.describe()).append("\n");
        for (String group : groups) {
            String section = switch (group) {
                case "forward" -> forward();
                case "backward" -> backward();
                case "recorder" -> RecorderOverhead.run();
                default -> "## 4. Peer: the Nielsen measurement, DL4J against NumPy\n\n"
                        + NielsenPeer.run(Files.createTempDirectory("nielsen-peer-"), 500, 1, nd4jDefaultThreads);
            };
            summary.append(section).append("\n");
            System.out.println(section);
        }
        summary.append("Load average after the run: ").append(Machine.loadAverage()).append("\n");
        Path file = RESULTS.resolve(groups.equals(GROUPS) ? "summary.md" : "summary-" + String.join("-", groups) + ".md");
        Files.writeString(file, summary);
        System.out.println("wrote " + file);
    }

    private static Map<String, Double> jmh(String group, Class<?> benchmark) throws RunnerException {
        Options options = new OptionsBuilder().include(benchmark.getName() + "\\.")
                .resultFormat(org.openjdk.jmh.results.format.ResultFormatType.JSON)
                .result(RESULTS.resolve("jmh-" + group + ".json").toString()).build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> medians = new LinkedHashMap<>();
        for (RunResult result : results) {
            String method = result.getParams().getBenchmark().replaceAll(".*\\.", "");
            String key = method + paramsOf(result);
            medians.put(key, median(result.getBenchmarkResults()));
        }
        return medians;
    }

    private static String paramsOf(RunResult result) {
        StringBuilder key = new StringBuilder();
        for (String name : result.getParams().getParamsKeys()) {
            key.append(' ').append(result.getParams().getParam(name));
        }
        return key.toString();
    }

    /** The median of the measurement iterations: robust to the other jobs sharing these machines. */
    private static double median(Collection<BenchmarkResult> results) {
        List<Double> scores = new ArrayList<>();
        for (BenchmarkResult result : results) {
            result.getIterationResults().forEach(i -> scores.add(i.getPrimaryResult().getScore()));
        }
        scores.sort(Double::compare);
        int n = scores.size();
        return n % 2 == 1 ? scores.get(n / 2) : (scores.get(n / 2 - 1) + scores.get(n / 2)) / 2;
    }

    private static String forward() throws RunnerException {
        Map<String, Double> ms = jmh("forward", SigmoidForwardBenchmark.class);
        StringBuilder out = new StringBuilder("## 1. Sigmoid forward: n floats in, n floats out\n\n"
                + "Median time per call; bandwidth counts 8 bytes per element (4 read, 4 written); ratio = bandwidth / the best copy's.\n\n"
                + "| method | n | ms | GB/s | of copy bandwidth |\n|---|---:|---:|---:|---:|\n");
        for (String size : List.of("1048576", "16777216")) {
            double bytes = 8.0 * Integer.parseInt(size);
            double copy = Math.min(ms.get("copy " + size), ms.get("copyParallel " + size));
            for (String method : List.of("copy", "copyParallel", "nd4jCopy", "nd4jSigmoid", "nd4jTransformsSigmoid", "javaLoop", "vector", "vectorParallel")) {
                double t = ms.get(method + " " + size);
                out.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %.1f | %.2f |%n", method, size, t, bytes / t / 1e6, copy / t));
            }
        }
        double copy = Math.min(ms.get("copy 16777216"), ms.get("copyParallel 16777216"));
        double fastest = Math.min(ms.get("vector 16777216"), ms.get("vectorParallel 16777216"));
        out.append(String.format(Locale.ROOT, "%nThe book's fastest path on 16M floats reaches **%.2f** of the copy's bandwidth (goal: 0.8); "
                + "ND4J's op reaches %.2f.%n", copy / fastest, copy / ms.get("nd4jSigmoid 16777216")));
        return out.toString();
    }

    private static String backward() throws RunnerException {
        Map<String, Double> ms = jmh("backward", SigmoidBackwardBenchmark.class);
        StringBuilder out = new StringBuilder("## 2. Sigmoid backward: dL/dz = dL/ds * sigma'(z), from the cached output s or from z\n\n"
                + "| implementation | n | from s (ms) | from z (ms) | from z / from s |\n|---|---:|---:|---:|---:|\n");
        for (String size : List.of("1048576", "16777216")) {
            for (String impl : List.of("java", "vector", "nd4j")) {
                double fromS = ms.get(impl + "FromOutput " + size);
                double fromZ = ms.get(impl + "FromInput " + size);
                out.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.2f |%n", impl, size, fromS, fromZ, fromZ / fromS));
            }
            out.append(String.format(Locale.ROOT, "| nd4j, toolkit's Sigmoid.derivativeFromOutput (allocates) | %s | %.3f | | |%n",
                    size, ms.get("nd4jToolkitFromOutput " + size)));
        }
        return out.toString();
    }

}
