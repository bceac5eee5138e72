package org.sigmoidbook.runtime;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs a JShell notebook ({@code chapters/NN-id.jsh}) to the end, cell by cell, in this JVM: what
 * {@code ./notebook FILE} does. A cell fails when JShell's API says it does not compile or threw,
 * never because of what it prints: a cell may print "Error:" as any other text. Exit status 0 when
 * every cell ran, 1 at the first cell that failed (named with its line), 2 for bad usage.
 */
public final class Notebook {

    /** A cell that did not compile or threw: the message names the notebook, the line and why. */
    public static final class CellFailure extends Exception {
        CellFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What the jshell tool imports before anything else (its DEFAULT startup); the API does not. */
    private static final List<String> DEFAULT_IMPORTS = List.of("java.io.*", "java.math.*", "java.net.*", "java.nio.file.*",
            "java.util.*", "java.util.concurrent.*", "java.util.function.*", "java.util.prefs.*", "java.util.regex.*",
            "java.util.stream.*");

    private Notebook() {
    }

    /** {@code Notebook STARTUP NOTEBOOK}: runs the startup file, then the notebook, and exits with the status. */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: Notebook STARTUP.jsh NOTEBOOK.jsh");
            System.exit(2);
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (JShell shell = shell(out)) {
            shell.addToClasspath(System.getProperty("java.class.path"));
            if (!run(shell, Path.of(args[0]))) {
                run(shell, Path.of(args[1]));
            }
        } catch (CellFailure e) {
            out.flush();
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        } catch (IOException e) {
            System.err.println("error: cannot read " + e.getMessage());
            System.exit(2);
        }
        System.exit(0);
    }

    /** A JShell that runs each cell on the calling thread, in this JVM, with the tool's default imports. */
    public static JShell shell(PrintStream out) throws CellFailure {
        JShell shell = JShell.builder().executionEngine(new Direct(), Map.of()).out(out).err(out).build();
        for (String name : DEFAULT_IMPORTS) {
            evaluate(shell, "import " + name + ";", "startup", 0);
        }
        return shell;
    }

    /**
     * Runs every cell of {@code notebook} in {@code shell}, in order; throws at the first that fails.
     * Of JShell's commands a notebook may end with {@code /exit}; returns whether it did.
     */
    public static boolean run(JShell shell, Path notebook) throws IOException, CellFailure {
        String source = Files.readString(notebook, StandardCharsets.UTF_8);
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String rest = source;
        while (!rest.isBlank()) {
            int code = firstCode(rest);
            int line = lineOf(source, source.length() - rest.length() + code);
            if (rest.startsWith("/", code)) {
                String command = rest.substring(code).lines().findFirst().orElse("").strip();
                if (command.equals("/exit")) {
                    return true;
                }
                throw new CellFailure(notebook + ", line " + line + ": " + command + " is a JShell command, which a notebook run to "
                        + "the end does not take; of the commands, only /exit", null);
            }
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (!info.completeness().isComplete()) {
                throw new CellFailure(notebook + ", line " + line + ": the last cell is incomplete:\n" + indent(rest.strip()), null);
            }
            evaluate(shell, info.source(), notebook.toString(), line);
            rest = info.remaining();
        }
        return false;
    }

    private static void evaluate(JShell shell, String snippet, String file, int line) throws CellFailure {
        for (SnippetEvent event : shell.eval(snippet)) {
            if (event.status() == Snippet.Status.REJECTED) {
                String why = shell.diagnostics(event.snippet()).map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.joining("; "));
                throw new CellFailure(file + ", line " + line + ": the cell does not compile (" + why + "):\n" + indent(snippet.strip()), null);
            }
            if (event.exception() != null) {
                throw new CellFailure(file + ", line " + line + ": the cell threw " + describe(event.exception()) + ":\n"
                        + indent(snippet.strip()) + "\n" + stackTrace(event.exception()), event.exception());
            }
        }
    }

    /** Where the first code after blank lines and comments starts in {@code text}. */
    private static int firstCode(String text) {
        int i = 0;
        while (i < text.length()) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
            } else if (text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end + 1;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? text.length() : end + 2;
            } else {
                return i;
            }
        }
        return i;
    }

    private static int lineOf(String text, int offset) {
        return (int) text.substring(0, Math.min(offset, text.length())).chars().filter(c -> c == '\n').count() + 1;
    }

    private static String describe(Exception exception) {
        String name = exception instanceof EvalException eval ? eval.getExceptionClassName() : exception.getClass().getName();
        return exception.getMessage() == null ? name : name + ": " + exception.getMessage();
    }

    private static String indent(String text) {
        return text.lines().map(l -> "    " + l).collect(Collectors.joining("\n"));
    }

    private static String stackTrace(Exception exception) {
        StringWriter text = new StringWriter();
        exception.printStackTrace(new PrintWriter(text));
        return text.toString().stripTrailing();
    }

    /** Runs cells on the thread that evaluates them, in this JVM. */
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
}
