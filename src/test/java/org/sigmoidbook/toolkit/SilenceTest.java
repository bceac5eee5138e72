package org.sigmoidbook.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SilenceTest {

    @Test
    void swallowsWhatTheActionPrintsAndRestoresStdoutEvenOnFailure() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        PrintStream capturing = System.out;
        try {
            assertEquals(42, Silence.stdout(() -> {
                System.out.println("Added differentiated op sigmoid");
                return 42;
            }));
            assertThrows(IllegalStateException.class, () -> Silence.stdout(() -> {
                throw new IllegalStateException("boom");
            }));
            assertSame(capturing, System.out);
            System.out.print("after");
        } finally {
            System.setOut(original);
        }
        assertEquals("after", captured.toString(StandardCharsets.UTF_8));
    }
}
