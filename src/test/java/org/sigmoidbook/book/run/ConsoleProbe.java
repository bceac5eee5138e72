package org.sigmoidbook.book.run;

import java.util.List;

import org.sigmoidbook.book.Chapter;
import org.sigmoidbook.book.ChapterInfo;
import org.sigmoidbook.book.Figures;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Progress;
import org.sigmoidbook.book.Results;

/**
 * A one-chapter book whose experiment reports progress for a while and then its findings, run
 * through the command line's own entry point: {@link ConsoleTest} starts it on a pseudo-terminal,
 * where the progress bar is drawn, and reads what a terminal would show.
 */
final class ConsoleProbe {

    private ConsoleProbe() {
    }

    record Step(int step) {
    }

    @ChapterInfo(number = 1, id = "progress-chapter", title = "Progress", summary = "draws a progress bar", cover = "none")
    static final class ProgressChapter implements Chapter {
        @Override
        public void measure(Lab lab) throws Exception {
            int steps = 40;
            try (Progress progress = lab.progress("stepping", steps)) {
                for (int i = 0; i < steps; i++) {
                    Thread.sleep(25);
                    progress.step();
                }
            }
            lab.table("steps", List.of(new Step(steps)));
            lab.finding("steps", steps, "%.0f");
            lab.finding("first line printed under the bar", "kept");
            lab.finding("second line printed under the bar", "kept");
        }

        @Override
        public void draw(Results results, Figures figures) {
        }
    }

    public static void main(String[] args) {
        BookCommand.main(Catalog.of(List.of(new ProgressChapter())), args);
    }
}
