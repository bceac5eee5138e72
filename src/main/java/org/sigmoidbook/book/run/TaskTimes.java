package org.sigmoidbook.book.run;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CPU time of every piece of work a run did: each chapter's own thread, and each task it handed
 * to the workers. The scaling benchmark (benchmarks/book-time.sh) asks for them with
 * {@code -D}{@value #PROPERTY}{@code =FILE}, to find the longest task, which bounds the run's time on
 * any number of cores.
 */
final class TaskTimes {

    static final String PROPERTY = "sigmoidbook.taskTimes";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private record Entry(String chapter, String kind, double cpuSeconds) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** CPU seconds the calling thread has used so far. */
    static double threadCpuSeconds() {
        return THREADS.getCurrentThreadCpuTime() / 1e9;
    }

    synchronized void add(String chapter, String kind, double cpuSeconds) {
        entries.add(new Entry(chapter, kind, cpuSeconds));
    }

    /** Writes the times where {@value #PROPERTY} asks, if it does. */
    synchronized void writeIfAsked() throws IOException {
        String file = System.getProperty(PROPERTY);
        if (file == null) {
            return;
        }
        StringBuilder csv = new StringBuilder("chapter,kind,cpu_seconds\n");
        entries.forEach(e -> csv.append(String.format(Locale.ROOT, "%s,%s,%.3f%n", e.chapter(), e.kind(), e.cpuSeconds())));
        Files.writeString(Path.of(file), csv, StandardCharsets.UTF_8);
    }
}
