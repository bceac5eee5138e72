package org.sigmoidbook.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

class SilenceTest {

    /** Chapters run at once: silencing one thread must not swallow what another prints meanwhile. */
    @Test
    void swallowsOnlyWhatTheSilencedThreadPrintsEvenOnFailure() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch printed = new CountDownLatch(1);
            Thread other = new Thread(() -> {
                try {
                    inside.await();
                    System.out.print("other thread;");
                    printed.countDown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            other.start();
            assertEquals(42, Silence.stdout(() -> {
                System.out.println("Added differentiated op sigmoid");
                inside.countDown();
                try {
                    printed.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return 42;
            }));
            other.join();
            assertThrows(IllegalStateException.class, () -> Silence.stdout(() -> {
                throw new IllegalStateException("boom");
            }));
            System.out.print("after");
        } finally {
            System.setOut(original);
        }
        assertEquals("other thread;after", captured.toString(StandardCharsets.UTF_8));
    }
}
