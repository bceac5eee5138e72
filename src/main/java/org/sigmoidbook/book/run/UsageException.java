package org.sigmoidbook.book.run;

/** Bad command-line usage: reported in one line with exit status 2. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
