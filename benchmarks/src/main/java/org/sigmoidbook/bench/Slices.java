package org.sigmoidbook.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Work over an array spread across all cores: one contiguous slice per core, the caller's thread
 * taking the first, plain worker threads the others. The kernel and the copy it is compared with
 * share this, so that they differ only in what they do per element.
 * <p>
 * (A parallel stream over small chunks ran the vector kernel at copy speed for seconds and then,
 * now and then, 20 to 400 times slower for good: once C2 compiles the stream machinery with the
 * kernel inlined deep inside it, the vector operations are no longer intrinsified. Shallow call
 * chains keep the kernel compiled on its own.)
 */
final class Slices {

    /** A slice of work: elements from (inclusive) to (exclusive). */
    interface Body {
        void run(int from, int to);
    }

    static final int THREADS = Runtime.getRuntime().availableProcessors();
    private static final ExecutorService WORKERS = Executors.newFixedThreadPool(Math.max(1, THREADS - 1), task -> {
        Thread thread = new Thread(task, "slices");
        thread.setDaemon(true);
        return thread;
    });

    private Slices() {
    }

    /** Runs body over [0, n) in THREADS slices whose lengths are multiples of {@code align}. */
    static void run(int n, int align, Body body) {
        int slice = ((n + THREADS - 1) / THREADS + align - 1) / align * align;
        List<Future<?>> others = new ArrayList<>();
        for (int from = slice; from < n; from += slice) {
            int start = from;
            int end = Math.min(n, from + slice);
            others.add(WORKERS.submit(() -> body.run(start, end)));
        }
        body.run(0, Math.min(n, slice));
        try {
            for (Future<?> other : others) {
                other.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a worker failed", e.getCause());
        }
    }
}
