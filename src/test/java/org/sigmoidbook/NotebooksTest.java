package org.sigmoidbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sigmoidbook.runtime.ProjectRoot;

/**
 * Every chapter's JShell notebook runs to the end, cell by cell, in this JVM: JShell's API compiles
 * each snippet and runs it directly on the thread that evaluates it, with the book's classes from
 * the class path this JVM already has (ND4J is loaded once, not once per notebook). A snippet that
 * does not compile or throws fails the notebook. They run one after the other: JShell sessions run
 * at once in one JVM were seen to block each other for minutes. One notebook also runs through the
 * documented {@code ./notebook} command, a JShell of its own.
 */
class NotebooksTest {

    /** Where System.out goes for the notebook that runs on the current thread; elsewhere the usual console. */
    private static final ThreadLocal<PrintStream> CELL_OUTPUT = new ThreadLocal<>();
    private static PrintStream console;

    /** What the jshell tool imports before anything else (its DEFAULT startup); the API does not. */
    private static final List<String> DEFAULT_IMPORTS = List.of("java.io.*", "java.math.*", "java.net.*", "java.nio.file.*",
            "java.util.*", "java.util.concurrent.*", "java.util.function.*", "java.util.prefs.*", "java.util.regex.*",
            "java.util.stream.*");

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

    private static void run(Path notebook, PrintStream out) throws IOException {
        try (JShell shell = JShell.builder().executionEngine(new Direct(), null).out(out).err(out).build()) {
            Path root = ProjectRoot.get();
            shell.addToClasspath(root.resolve("target/classes") + File.pathSeparator
                    + Files.readString(root.resolve("target/classpath.txt")).strip());
            for (String name : DEFAULT_IMPORTS) {
                evaluate(shell, "import " + name + ";", "startup");
            }
            evaluateAll(shell, Files.readString(root.resolve("chapters/startup.jsh")), "chapters/startup.jsh");
            evaluateAll(shell, Files.readString(notebook), notebook.getFileName().toString());
        }
    }

    /** Splits {@code source} into complete snippets as JShell does when it reads a file, and runs each. */
    private static void evaluateAll(JShell shell, String source, String file) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String rest = source;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (!info.completeness().isComplete()) {
                throw new AssertionError(file + ": incomplete snippet at the end: " + rest.strip());
            }
            evaluate(shell, info.source(), file);
            rest = info.remaining();
        }
    }

    private static void evaluate(JShell shell, String snippet, String file) {
        for (SnippetEvent event : shell.eval(snippet)) {
            if (event.status() == Snippet.Status.REJECTED) {
                String why = shell.diagnostics(event.snippet()).map(d -> d.getMessage(null)).collect(Collectors.joining("; "));
                throw new AssertionError(file + ": a cell does not compile (" + why + "):\n" + snippet.strip());
            }
            if (event.exception() != null) {
                throw new AssertionError(file + ": a cell failed:\n" + snippet.strip(), event.exception());
            }
        }
    }

    /** Runs snippets on the thread that evaluates them, in this JVM. */
    private static final class Direct implements ExecutionControlProvider {
        @Override
        public String name() {
            return "direct";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return new DirectExecutionControl();
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
}
