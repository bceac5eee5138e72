package org.sigmoidbook.chapters.today;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.sigmoidbook.runtime.Backend;
import org.sigmoidbook.toolkit.data.Mnist;

/** What the tests of this chapter's experiments share: ND4J started as the book starts it, and the digits. */
final class TodayTesting {

    private static Mnist.Split split;

    private TodayTesting() {
    }

    /** ND4J on one thread, as the book runs it, without JavaCPP's resident-memory check. */
    static void startBackend() {
        Backend.skipResidentMemoryCheck();
        assertNull(Backend.start());
    }

    /** The book's digits, loaded once per test JVM. */
    static synchronized Mnist.Split digits() {
        if (split == null) {
            startBackend();
            try {
                split = Mnist.load();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return split;
    }
}
