package org.sigmoidbook.book;

import java.nio.file.Path;

/** A result table that cannot be read as the record it was written with: missing, empty, cut short, or with a bad cell. */
public final class UnreadableTableException extends RuntimeException {

    private final Path file;

    UnreadableTableException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** The table's CSV file. */
    public Path file() {
        return file;
    }
}
