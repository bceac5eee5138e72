package org.sigmoidbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sigmoidbook.runtime.ProjectRoot;

/**
 * Every chapter's JShell notebook runs to the end through the documented ./notebook command. Each
 * session is a JVM of its own that mostly waits on one core, so they run at once.
 */
@Tag("book")
@Execution(ExecutionMode.CONCURRENT)
class NotebooksTest {

    static List<Path> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("chapters"))) {
            return files.filter(p -> p.getFileName().toString().matches("\\d\\d-.*\\.jsh")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void runsToTheEndWithoutAFailingCell(Path notebook) throws Exception {
        Process process = new ProcessBuilder("bash", "notebook", notebook.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "notebook timed out");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.lines().anyMatch(line -> !line.isBlank()), "the notebook printed nothing");
    }

    /** "cd chapters && ../notebook 01-equation.jsh": the path is read from where the command starts. */
    @Test
    void aNotebookPathIsRelativeToTheFolderTheCommandStartsIn(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("mine.jsh"), "System.out.println(\"sigma(0) = \" + Sigmoid.of(0));\n");
        Process process = new ProcessBuilder("bash", ProjectRoot.get().resolve("notebook").toString(), "mine.jsh")
                .directory(folder.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "notebook timed out");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("sigma(0) = 0.5"), output);
    }
}
