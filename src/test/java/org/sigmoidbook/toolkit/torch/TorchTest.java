package org.sigmoidbook.toolkit.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.sigmoidbook.BookTest;

/** Starting libtorch, and what the reader is told where it cannot start. */
class TorchTest {

    /** Maven's os.name and os.arch for the platforms whose libtorch the pom brings (profiles libtorch-*). */
    private static final List<String> PLATFORMS_WITH_LIBTORCH = List.of("linux/amd64", "linux/aarch64", "mac os x/aarch64", "windows/amd64");

    @Test
    void theProblemIsOneLineThatNamesTheCauseAndThePlatformsWithLibtorch() {
        String problem = Torch.problem(new IllegalStateException("outer", new IOException("Offline mode is enabled.\nsecond line")));
        assertEquals(1, problem.lines().count(), problem);
        assertTrue(problem.startsWith("PyTorch did not run"), problem);
        assertTrue(problem.contains("Offline mode is enabled."), problem);
        assertTrue(problem.contains("linux-x86_64, linux-aarch64, osx-aarch64 and win-x86_64"), problem);
    }

    /** Where the build brings libtorch it starts, offline, and reports its version; elsewhere it says why not. */
    @BookTest
    void startsOfflineWhereTheBuildBringsLibtorch() {
        String platform = (System.getProperty("os.name").startsWith("Windows") ? "windows" : System.getProperty("os.name").toLowerCase(Locale.ROOT))
                + "/" + System.getProperty("os.arch");
        Torch.Start start = Torch.start();
        if (PLATFORMS_WITH_LIBTORCH.contains(platform)) {
            assertTrue(start.available(), start.problem());
            assertEquals("2.7.1", start.version());
            assertEquals("true", System.getProperty("ai.djl.offline"));
        } else {
            assertTrue(start.problem().startsWith("PyTorch did not run"), start.problem());
        }
    }
}
