package org.sigmoidbook;

import org.sigmoidbook.toolkit.ChapterRun;

/**
 * One chapter of the book: one idea, one experiment. Implementations are listed in {@link Chapters}
 * and each has a {@code main()} that runs it alone through {@link Book#runAlone}.
 */
public interface Chapter {

    /** Short stable id used on the command line and in output paths, e.g. {@code "equation"}. */
    String id();

    String title();

    /** Runs the experiment, reporting findings, figures and tables through {@code run}. */
    void run(ChapterRun run) throws Exception;
}
