package org.sigmoidbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jdk.jshell.JShell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sigmoidbook.runtime.Notebook;
import org.sigmoidbook.runtime.ProjectRoot;

/**
 * Every chapter's JShell notebook runs to the end, cell by cell, in this JVM, as {@code ./notebook
 * FILE} runs it ({@link Notebook}): JShell's API compiles each snippet and runs it directly on the
 * thread that evaluates it, with the book's classes from the class path this JVM already has (ND4J
 * is loaded once, not once per notebook). A snippet that does not compile or throws fails the
 * notebook. They run one after the other: JShell sessions run
 * at once in one JVM were seen to block each other for minutes. One notebook also runs through the
 * documented {@code ./notebook} command, a JShell of its own.
 */
class NotebooksTest {

    /** Where System.out goes for the notebook that runs on the current thread; elsewhere the usual console. */
    private static final ThreadLocal<PrintStream> CELL_OUTPUT = new ThreadLocal<>();
    private static PrintStream console;

    /** Snippets run directly print to System.out: each notebook's lines are caught on its own thread. */
    @BeforeAll
    static void catchEachNotebooksOutput() {
        console = System.out;
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                target().write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                target().write(bytes, offset, length);
            }

            private PrintStream target() {
                PrintStream cell = CELL_OUTPUT.get();
                return cell == null ? console : cell;
            }
        }, true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void restoreTheConsole() {
        System.setOut(console);
    }

    static List<Path> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(ProjectRoot.get().resolve("chapters"))) {
            return files.filter(p -> p.getFileName().toString().matches("\\d\\d-.*\\.jsh")).sorted().toList();
        }
    }

    /** Each notebook on a fresh thread: ND4J's random generator and thread settings are per thread. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    @Tag("book")
    void runsToTheEndWithoutAFailingCell(Path notebook) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        CompletableFuture<Void> run = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
            CELL_OUTPUT.set(out);
            try {
                run(notebook, out);
                run.complete(null);
            } catch (Throwable e) {
                run.completeExceptionally(e);
            } finally {
                CELL_OUTPUT.remove();
            }
        }, "notebook " + notebook.getFileName());
        thread.start();
        try {
            run.get(3, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause().getMessage() + "\nThe notebook printed:\n" + output.toString(StandardCharsets.UTF_8),
                    e.getCause());
        }
        assertTrue(output.toString(StandardCharsets.UTF_8).lines().anyMatch(line -> !line.isBlank()), "the notebook printed nothing");
    }

    private static void run(Path notebook, PrintStream out) throws Exception {
        try (JShell shell = Notebook.shell(out)) {
            Path root = ProjectRoot.get();
            shell.addToClasspath(root.resolve("target/classes") + File.pathSeparator
                    + Files.readString(root.resolve("target/classpath.txt")).strip());
            Notebook.run(shell, root.resolve("chapters/startup.jsh"));
            Notebook.run(shell, notebook);
        }
    }

    /** "cd chapters && ../notebook 01-equation.jsh": the path is read from where the command starts. */
    @BookTest
    void aNotebookPathIsRelativeToTheFolderTheCommandStartsIn(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("mine.jsh"), "System.out.println(\"sigma(0) = \" + Sigmoid.of(0));\n");
        Process process = new ProcessBuilder("bash", ProjectRoot.get().resolve("notebook").toString(), "mine.jsh")
                .directory(folder.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "notebook timed out");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("sigma(0) = 0.5"), output);
    }

    /** Runs {@code ./notebook ARGS} in {@code folder} with {@code environment} added; returns the exit status and output. */
    private static Map.Entry<Integer, String> notebook(Path script, Path folder, Map<String, String> environment, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "notebook timed out");
        return Map.entry(process.exitValue(), output);
    }

    /**
     * Item 16: a cell fails when it does not compile or throws, never because of what it prints, and
     * the failure names the line.
     */
    @BookTest
    void aCellFailsByThrowingNotByWhatItPrints(@TempDir Path folder) throws Exception {
        Path printing = Files.writeString(folder.resolve("printing.jsh"),
                "System.out.println(\"Error: this is only text\");\nSystem.out.println(\"Exception in the text too\");\n");
        Path throwing = Files.writeString(folder.resolve("throwing.jsh"), "// a comment\nint fine = 1;\n\nint broken = 1 / 0;\n");
        try (JShell shell = Notebook.shell(System.out)) {
            Notebook.run(shell, printing);
            Notebook.CellFailure failure = assertThrows(Notebook.CellFailure.class, () -> Notebook.run(shell, throwing));
            assertTrue(failure.getMessage().startsWith(throwing + ", line 4: the cell threw java.lang.ArithmeticException: / by zero"),
                    failure.getMessage());
        }
    }

    /** Item 16: more than one notebook, and an OMP_NUM_THREADS the book refuses, stop at once with one clear line. */
    @BookTest
    void badArgumentsAndABadThreadCountStopBeforeJshellStarts(@TempDir Path folder) throws Exception {
        Path script = ProjectRoot.get().resolve("notebook");
        Map.Entry<Integer, String> two = notebook(script, folder, Map.of(), "a.jsh", "b.jsh");
        assertEquals(2, two.getKey());
        assertTrue(two.getValue().startsWith("error: ./notebook runs one notebook at most, not 2 arguments: a.jsh b.jsh"), two.getValue());
        Files.writeString(folder.resolve("mine.jsh"), "System.out.println(1);\n");
        for (String threads : List.of(" 2", "0", "abc")) {
            Map.Entry<Integer, String> bad = notebook(script, folder, Map.of("OMP_NUM_THREADS", threads), "mine.jsh");
            assertEquals(2, bad.getKey(), bad.getValue());
            assertEquals("error: the environment variable OMP_NUM_THREADS must be a positive whole number in digits, such as 2, not '"
                    + threads + "'; unset it to let the book choose\n", bad.getValue());
        }
    }

    /**
     * Item 16: with target/classes gone but target/classpath.txt and the compiler's record of its
     * last build still there, ./notebook builds again (here a stand-in for ./mvnw records that it was
     * called) instead of starting without classes.
     */
    @BookTest
    void missingClassesAreBuiltEvenWhenTheClassPathFileIsThere(@TempDir Path project) throws Exception {
        Path script = Files.copy(ProjectRoot.get().resolve("notebook"), project.resolve("notebook"));
        Files.writeString(project.resolve("pom.xml"), "<project/>\n");
        Files.createDirectories(project.resolve("src/main"));
        Files.createDirectories(project.resolve("target/maven-status/maven-compiler-plugin/compile/default-compile"));
        Files.writeString(project.resolve("target/classpath.txt"), "");
        Files.writeString(project.resolve("target/maven-status/maven-compiler-plugin/compile/default-compile/inputFiles.lst"), "");
        Path mvnw = Files.writeString(project.resolve("mvnw"), "#!/usr/bin/env bash\necho built > target/built\nexit 3\n");
        mvnw.toFile().setExecutable(true);
        Map.Entry<Integer, String> run = notebook(script, project, Map.of());
        assertEquals(3, run.getKey(), run.getValue());
        assertTrue(Files.exists(project.resolve("target/built")), "./mvnw was not called");
    }
}
