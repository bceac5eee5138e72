package org.sigmoidbook.book;

/**
 * The progress of one long task of a chapter, such as a depth sweep. All tasks of a run feed one
 * progress display; closing a task takes its share off the display.
 */
public interface Progress extends AutoCloseable {

    /** One more step of the task done. */
    void step();

    @Override
    void close();
}
