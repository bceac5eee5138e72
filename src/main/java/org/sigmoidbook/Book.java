package org.sigmoidbook;

import org.sigmoidbook.book.run.BookCommand;

/**
 * The Sigmoid Book's command line: {@code mvn -q compile exec:java [-Dexec.args="..."]} runs every
 * chapter, or those named, in book order; {@code --help} lists the options.
 */
public final class Book {

    private Book() {
    }

    public static void main(String[] args) {
        BookCommand.main(args);
    }
}
