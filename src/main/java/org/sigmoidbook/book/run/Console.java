package org.sigmoidbook.book.run;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.sigmoidbook.book.Progress;

/**
 * The run's console, shared by chapters running at once: every line is printed whole, and on a
 * terminal one progress bar for the whole run stays on the last line, redrawn below each new line
 * instead of overwriting it. When the output is not a terminal there is no bar at all, so logs hold
 * no control characters.
 */
final class Console {

    private static final int BAR_WIDTH = 30;
    private static final int LINE_WIDTH = 100;
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final String CLEAR_LINE = "\r\033[2K";

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final List<Task> tasks = new ArrayList<>();
    private long finishedSteps;
    private boolean barShown;
    private long lastDrawn;

    Console(PrintStream out, PrintStream err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    synchronized void println(String text) {
        clearBar();
        out.println(text);
        out.flush();
        redraw(true);
    }

    synchronized void error(String text) {
        clearBar();
        out.flush();
        err.println(text);
        err.flush();
        redraw(true);
    }

    synchronized Progress progress(String task, long total) {
        Task progress = new Task(task, Math.max(0, total));
        tasks.add(progress);
        redraw(true);
        return progress;
    }

    private synchronized void finish(Task progress) {
        if (tasks.remove(progress)) {
            finishedSteps += progress.total;
        }
        if (tasks.isEmpty()) {
            clearBar();
            finishedSteps = 0;
        } else {
            redraw(true);
        }
    }

    /** Clears the bar for good, at the end of the run. */
    synchronized void close() {
        clearBar();
        tasks.clear();
    }

    private void redraw(boolean now) {
        if (!terminal || tasks.isEmpty()) {
            return;
        }
        long time = System.nanoTime();
        if (!now && time - lastDrawn < REDRAW_NANOS) {
            return;
        }
        lastDrawn = time;
        out.print(CLEAR_LINE + bar());
        out.flush();
        barShown = true;
    }

    private String bar() {
        long total = finishedSteps;
        long done = finishedSteps;
        for (Task task : tasks) {
            total += task.total;
            done += task.done;
        }
        double fraction = total == 0 ? 0 : (double) done / total;
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        String line = String.format(Locale.ROOT, "  [%s%s] %3.0f%%  %s", "#".repeat(filled), ".".repeat(BAR_WIDTH - filled),
                100 * fraction, String.join(", ", tasks.stream().map(t -> t.name).toList()));
        return line.length() > LINE_WIDTH ? line.substring(0, LINE_WIDTH - 1) + "…" : line;
    }

    private void clearBar() {
        if (barShown) {
            out.print(CLEAR_LINE);
            out.flush();
            barShown = false;
        }
    }

    /** One long task of a chapter; its steps move the run's one bar. */
    private final class Task implements Progress {
        private final String name;
        private final long total;
        private long done;

        Task(String name, long total) {
            this.name = name;
            this.total = total;
        }

        @Override
        public void step() {
            synchronized (Console.this) {
                if (done < total) {
                    done++;
                }
                redraw(false);
            }
        }

        @Override
        public void close() {
            finish(this);
        }
    }
}
