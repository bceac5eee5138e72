package org.sigmoidbook.book;

/**
 * The progress of one long task of a chapter, such as a depth sweep. All tasks of a run feed one
 * progress display (see {@link Console}); closing a task takes its share off the display.
 */
public final class Progress implements AutoCloseable {

    private final Console console;
    private final String task;
    private final long total;
    private long done;

    Progress(Console console, String task, long total) {
        this.console = console;
        this.task = task;
        this.total = Math.max(0, total);
    }

    String task() {
        return task;
    }

    long total() {
        return total;
    }

    long done() {
        return done;
    }

    /** One more step of the task done. */
    public void step() {
        synchronized (console) {
            if (done < total) {
                done++;
            }
            console.redraw(false);
        }
    }

    @Override
    public void close() {
        console.finish(this);
    }
}
