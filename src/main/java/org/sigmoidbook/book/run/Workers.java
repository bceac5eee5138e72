package org.sigmoidbook.book.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import org.sigmoidbook.book.Lab;
import org.sigmoidbook.runtime.Backend;

/**
 * The book's {@code --jobs N}: at most N pieces of work compute at any moment, whether they are
 * chapters or the seeds and configurations inside them. A chapter runs on a thread of its own and
 * holds one of N permits while it computes; when it hands independent tasks to {@link #map}, it
 * gives its permit back until they are done, and the tasks run on N worker threads, each holding a
 * permit. Nothing waits while holding a permit, so nothing deadlocks, and results come back in input
 * order, so the outcome is the same for every N. Tasks started from inside a task run in place.
 * Every thread first applies the backend's threads per operation, which OpenMP keeps per thread.
 */
final class Workers implements AutoCloseable {

    private final int jobs;
    private final Semaphore permits;
    private final ExecutorService taskThreads;
    private final ExecutorService chapterThreads;
    private final ThreadLocal<Boolean> holdsPermit = ThreadLocal.withInitial(() -> false);
    private final ThreadLocal<Boolean> isTask = ThreadLocal.withInitial(() -> false);
    private final TaskTimes times = new TaskTimes();

    Workers(int jobs) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1");
        }
        this.jobs = jobs;
        this.permits = new Semaphore(jobs, true);
        this.taskThreads = Executors.newFixedThreadPool(jobs, daemons("book-worker"));
        this.chapterThreads = Executors.newCachedThreadPool(daemons("book-chapter"));
    }

    int jobs() {
        return jobs;
    }

    TaskTimes times() {
        return times;
    }

    /** Starts {@code work} on a thread of its own, computing under a permit. */
    <R> Future<R> start(Callable<R> work) {
        return chapterThreads.submit(() -> withPermit(work));
    }

    <T, R> List<R> map(String label, List<T> inputs, Lab.Task<T, R> task) throws Exception {
        if (isTask.get() || !holdsPermit.get()) {
            List<R> results = new ArrayList<>();
            for (T input : inputs) {
                results.add(task.run(input));
            }
            return results;
        }
        List<Future<R>> futures = new ArrayList<>();
        release();
        try {
            for (T input : inputs) {
                futures.add(taskThreads.submit(() -> {
                    isTask.set(true);
                    double cpu = TaskTimes.threadCpuSeconds();
                    try {
                        return withPermit(() -> task.run(input));
                    } finally {
                        times.add(label, "task", TaskTimes.threadCpuSeconds() - cpu);
                        isTask.set(false);
                    }
                }));
            }
            return collect(futures);
        } finally {
            acquire();
        }
    }

    private static <R> List<R> collect(List<Future<R>> futures) throws Exception {
        List<R> results = new ArrayList<>();
        Throwable first = null;
        for (Future<R> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                first = first == null ? e.getCause() : first;
            }
        }
        if (first instanceof Exception exception) {
            throw exception;
        }
        if (first instanceof Error error) {
            throw error;
        }
        return results;
    }

    private <R> R withPermit(Callable<R> work) throws Exception {
        acquire();
        try {
            return work.call();
        } finally {
            release();
        }
    }

    private void acquire() throws InterruptedException {
        permits.acquire();
        holdsPermit.set(true);
    }

    private void release() {
        holdsPermit.set(false);
        permits.release();
    }

    @Override
    public void close() {
        taskThreads.shutdownNow();
        chapterThreads.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(() -> {
                Backend.configureCurrentThread();
                runnable.run();
            }, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
