package org.sigmoidbook.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import com.sun.management.OperatingSystemMXBean;

/**
 * One training step of chapter 7's network (784, five hidden layers of 32 sigmoids, one sigmoid
 * output, binary cross-entropy, SGD, minibatch 32, FLOAT, one ND4J thread), timed in this JVM: the
 * JavaCPP settings being compared are JVM-wide, so benchmarks/step-time.sh starts one JVM per
 * setting and puts the numbers side by side with the NumPy peer (benchmarks/peer/step_numpy.py).
 * Prints "ms-per-step cpu-ms-per-step peak-rss-mib": the median over blocks of wall time per step,
 * after warm-up; the process's CPU time (all its threads: the JIT and the collector too) per timed
 * step, which a machine shared with other jobs inflates less than wall time; and the process's peak
 * resident memory.
 */
public final class TrainingStep {

    private static final int WARMUP_STEPS = 1_000;
    private static final int BLOCKS = 10;
    private static final int STEPS_PER_BLOCK = 500;

    private TrainingStep() {
    }

    public static void main(String[] args) throws IOException {
        StepWorkload workload = StepWorkload.chapterSeven();
        int step = 0;
        for (; step < WARMUP_STEPS; step++) {
            workload.step(step);
        }
        double[] perStep = new double[BLOCKS];
        long cpuStart = processCpuNanos();
        for (int block = 0; block < BLOCKS; block++) {
            long start = System.nanoTime();
            for (int i = 0; i < STEPS_PER_BLOCK; i++, step++) {
                workload.step(step);
            }
            perStep[block] = (System.nanoTime() - start) / 1e6 / STEPS_PER_BLOCK;
        }
        double cpuPerStep = (processCpuNanos() - cpuStart) / 1e6 / (BLOCKS * STEPS_PER_BLOCK);
        Arrays.sort(perStep);
        double median = (perStep[BLOCKS / 2 - 1] + perStep[BLOCKS / 2]) / 2;
        System.out.printf(Locale.ROOT, "%.3f %.3f %d%n", median, cpuPerStep, peakResidentMib());
    }

    /** CPU time of the whole process so far, all threads, in nanoseconds. */
    static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** VmHWM from /proc/self/status: the most memory the process has held resident. */
    static long peakResidentMib() throws IOException {
        return statusMib("VmHWM:");
    }

    /** VmRSS from /proc/self/status: the memory the process holds resident now. */
    static long residentMib() throws IOException {
        return statusMib("VmRSS:");
    }

    /** A line of /proc/self/status given in kB, in MiB; -1 where the line is missing. */
    private static long statusMib(String field) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith(field))
                .map(line -> line.replaceAll("\\D", "")).mapToLong(Long::parseLong).findFirst().orElse(-1) / 1024;
    }
}
