package org.sigmoidbook.book;

import org.sigmoidbook.book.run.BookCommand;

/**
 * How a chapter runs alone: its one-line {@code main} calls {@link #run(Class, String...)}, which
 * runs that chapter as {@code org.sigmoidbook.Book} would, and opens its charts when there is a
 * display.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void run(Class<? extends Chapter> chapter, String... args) {
        BookCommand.runChapter(chapter, args);
    }
}
