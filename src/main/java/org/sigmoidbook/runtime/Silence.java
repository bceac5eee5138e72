package org.sigmoidbook.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Runs library code that prints to {@code System.out} by itself (SameDiff announces every op it
 * differentiates), so that the book's own output stays readable. Chapters run at once, so
 * {@code System.out} is not swapped back and forth: it is wrapped once, and drops only what the
 * silenced thread writes.
 */
public final class Silence {

    private static final ThreadLocal<Boolean> SILENCED = ThreadLocal.withInitial(() -> false);

    private Silence() {
    }

    public static <T> T stdout(Supplier<T> action) {
        install();
        boolean outer = SILENCED.get();
        SILENCED.set(true);
        try {
            return action.get();
        } finally {
            SILENCED.set(outer);
        }
    }

    private static synchronized void install() {
        if (!(System.out instanceof Filtered)) {
            System.setOut(new Filtered(System.out));
        }
    }

    /** System.out, minus what silenced threads print. */
    private static final class Filtered extends PrintStream {
        Filtered(PrintStream target) {
            super(new OutputStream() {
                @Override
                public void write(int b) {
                    if (!SILENCED.get()) {
                        target.write(b);
                    }
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    if (!SILENCED.get()) {
                        target.write(bytes, offset, length);
                    }
                }

                @Override
                public void flush() throws IOException {
                    target.flush();
                }
            }, true);
        }
    }
}
