package org.sigmoidbook.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** What a benchmark result is worth little without: the machine, the JDK and how busy the machine was. */
final class Machine {

    private static final List<String> LSCPU_FIELDS = List.of("Model name", "CPU(s)", "Thread(s) per core", "Core(s) per socket",
            "Socket(s)", "L2 cache", "L3 cache", "Hypervisor vendor");

    private Machine() {
    }

    static String describe() {
        StringBuilder out = new StringBuilder();
        out.append("- CPU (lscpu): ").append(lscpu()).append('\n');
        out.append("- SIMD: ").append(simdFlags()).append('\n');
        out.append("- JDK: ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version"))
                .append(", max heap ").append(Runtime.getRuntime().maxMemory() >> 20).append(" MiB, ")
                .append(Runtime.getRuntime().availableProcessors()).append(" processors visible\n");
        out.append("- OS: ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version")).append('\n');
        out.append("- Load average before the run (other jobs share this machine): ").append(loadAverage()).append('\n');
        return out.toString();
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String lscpu() {
        try {
            Process process = new ProcessBuilder("lscpu").redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return text.lines().filter(line -> LSCPU_FIELDS.contains(line.split(":")[0].strip()))
                    .map(line -> line.split(":")[0].strip() + " " + line.substring(line.indexOf(':') + 1).strip())
                    .collect(Collectors.joining("; "));
        } catch (IOException e) {
            return "lscpu not available";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String simdFlags() {
        try {
            String flags = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("flags")).findFirst().orElse("");
            return List.of("avx2", "fma", "avx512f", "avx512vl").stream().filter(f -> flags.contains(" " + f + " ") || flags.endsWith(" " + f))
                    .collect(Collectors.joining(", ")) + "; Vector API preferred species "
                    + jdk.incubator.vector.FloatVector.SPECIES_PREFERRED;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
