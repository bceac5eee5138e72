package org.sigmoidbook.bench;

import java.io.IOException;
import java.util.Locale;


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
        StepWorkload workload = StepWorkload.chapterSeven();
        long start = System.nanoTime();
        for (int step = 1; step <= steps; step++) {
            workload.step(step);
            if (step % every == 0) {
                long now = System.nanoTime();
                System.out.printf(Locale.ROOT, "%d %d %.3f%n", step, TrainingStep.residentMib(), (now - start) / 1e6 / every);
                start = now;
            }
        }
    }
}
