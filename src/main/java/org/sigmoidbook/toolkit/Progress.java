package org.sigmoidbook.toolkit;

import java.io.PrintStream;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long experiment: a live bar on a terminal, and a few plain lines when output is
 * redirected, so logs hold no control characters.
 */
public abstract class Progress implements AutoCloseable {

    public static Progress start(String task, long total, PrintStream out) {
        boolean terminal = System.console() != null && out == System.out;
        return terminal ? new Bar(task, total) : new Lines(task, total, out);
    }

    public abstract void step();

    @Override
    public abstract void close();

    private static final class Bar extends Progress {
        private final ProgressBar bar;

        Bar(String task, long total) {
            bar = new ProgressBarBuilder().setTaskName("  " + task).setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate().build();
        }

        @Override
        public void step() {
            bar.step();
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    /** Prints at most one line per quarter of the work. */
    private static final class Lines extends Progress {
        private final String task;
        private final long total;
        private final PrintStream out;
        private long done;
        private int lastQuarter;

        Lines(String task, long total, PrintStream out) {
            this.task = task;
            this.total = Math.max(1, total);
            this.out = out;
        }

        @Override
        public void step() {
            done++;
            int quarter = (int) (4 * done / total);
            if (quarter > lastQuarter && quarter < 4) {
                lastQuarter = quarter;
                out.printf("  %s: %d%%%n", task, 25 * quarter);
            }
        }

        @Override
        public void close() {
        }
    }
}
