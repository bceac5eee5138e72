package org.sigmoidbook.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.sigmoidbook.chapters.outputlayer.OutputLayerChapter;
import org.sigmoidbook.runtime.Backend;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.HiddenUnit;

/**
 * Resident memory of a bare DL4J training loop: chapter 7's network fitted on minibatches made once,
 * with nothing of the book's between the steps. Whether the loop's memory stays flat under a JavaCPP
 * setting (benchmarks/step-memory.sh runs it with and without {@code nopointergc}) is then a property
 * of DL4J's {@code fit} alone. Prints "steps resident-mib ms-per-step" every {@code every} steps.
 */
public final class StepMemory {

    private StepMemory() {
    }

    public static void main(String[] args) throws IOException {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int every = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        Backend.skipResidentMemoryCheck();
        String problem = Backend.start();
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        Digits fours = Mnist.load().train().onlyClasses(4, 9);
        List<DataSet> batches = fours.first(32 * 40).binary(9, DataType.FLOAT).batchBy(32);
        MultiLayerNetwork net = OutputLayerChapter.network(Digits.PIXELS, OutputLayerChapter.WIDTH, HiddenUnit.SIGMOID).seed(1).build();
        long start = System.nanoTime();
        for (int step = 1; step <= steps; step++) {
            net.fit(batches.get(step % batches.size()));
            if (step % every == 0) {
                long now = System.nanoTime();
                System.out.printf(Locale.ROOT, "%d %d %.3f%n", step, residentMib(), (now - start) / 1e6 / every);
                start = now;
            }
        }
    }

    /** VmRSS from /proc/self/status: the memory the process holds resident now. */
    private static long residentMib() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("VmRSS:"))
                .map(line -> line.replaceAll("\\D", "")).mapToLong(Long::parseLong).findFirst().orElse(-1) / 1024;
    }
}
