package org.sigmoidbook.toolkit;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Runs library code that prints to {@code System.out} by itself (SameDiff announces every op it
 * differentiates), so that the book's own output stays readable.
 */
public final class Silence {

    private Silence() {
    }

    public static <T> T stdout(Supplier<T> action) {
        PrintStream original = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return action.get();
        } finally {
            System.setOut(original);
        }
    }
}
