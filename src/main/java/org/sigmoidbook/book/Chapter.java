package org.sigmoidbook.book;

/**
 * One chapter of the book: one idea, one experiment, in two steps.
 * <ol>
 *   <li>{@link #measure} runs the experiment and records everything it found in the {@link Lab}:
 *   result tables (written to {@code data/<id>/<name>.csv}) and findings, the headline numbers
 *   the notes page quotes.</li>
 *   <li>{@link #draw} turns those tables, read back from the CSV files, into figures. It is a
 *   function of the tables alone, so {@code --replot} can redraw every figure in seconds without
 *   training anything.</li>
 * </ol>
 * A chapter class carries a {@link ChapterInfo}, has a one-line {@code main} that runs it alone
 * ({@code Launcher.run(MyChapter.class, args)}) and is listed in the book's table of contents.
 */
public interface Chapter {

    void measure(Lab lab) throws Exception;

    void draw(Results results, Figures figures) throws Exception;
}
