package org.sigmoidbook.book.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sigmoidbook.BookTest;
import org.sigmoidbook.book.Progress;
import org.sigmoidbook.runtime.ProjectRoot;

/**
 * On a terminal the progress bar lives on the last line and lines printed meanwhile go above it:
 * replayed through a small terminal emulator, every line survives and no stale bar remains.
 */
class ConsoleTest {

    /** What a terminal shows after the bytes: carriage return, line feed, "erase line" and text. */
    static List<String> screen(String bytes) {
        List<StringBuilder> lines = new ArrayList<>(List.of(new StringBuilder()));
        int row = 0;
        int column = 0;
        for (int i = 0; i < bytes.length(); i++) {
            char c = bytes.charAt(i);
            if (c == '\033' && bytes.startsWith("\033[2K", i)) {
                lines.get(row).setLength(0);
                i += 3;
            } else if (c == '\r') {
                column = 0;
            } else if (c == '\n') {
                row++;
                column = 0;
                if (row == lines.size()) {
                    lines.add(new StringBuilder());
                }
            } else {
                StringBuilder line = lines.get(row);
                while (line.length() < column) {
                    line.append(' ');
                }
                if (column < line.length()) {
                    line.setCharAt(column, c);
                } else {
                    line.append(c);
                }
                column++;
            }
        }
        return lines.stream().map(StringBuilder::toString).map(String::stripTrailing).toList();
    }

    @Test
    void linesPrintedWhileTheBarIsShownSurviveAndTheBarIsClearedAtTheEnd() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Console console = new Console(out, out, true);
        try (Progress progress = console.progress("chapter: task", 3)) {
            progress.step();
            console.println("first");
            progress.step();
            console.error("error: second");
            progress.step();
            console.println("third");
        }
        console.close();
        String raw = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(raw.contains("[#"), "a bar was drawn: " + raw);
        List<String> shown = screen(raw).stream().filter(line -> !line.isEmpty()).toList();
        assertEquals(List.of("first", "error: second", "third"), shown);
    }

    @Test
    void withoutATerminalThereIsNoBarAndNoControlCharacter() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Console console = new Console(out, out, false);
        try (Progress progress = console.progress("task", 2)) {
            progress.step();
            console.println("line");
            progress.step();
        }
        console.close();
        assertEquals("line" + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));
    }

    /** The real command line on a pseudo-terminal (util-linux's script), as a reader runs it. */
    @BookTest
    void onAPseudoTerminalTheRunsLinesAllReachTheScreen(@TempDir Path temp) throws Exception {
        if (new ProcessBuilder("sh", "-c", "command -v script").start().waitFor() != 0) {
            String message = "ConsoleTest needs util-linux's script to make a pseudo-terminal";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            System.out.println("SKIPPED " + message);
            Assumptions.abort(message);
        }
        Path root = ProjectRoot.get();
        String classpath = String.join(File.pathSeparator, root.resolve("target/test-classes").toString(),
                root.resolve("target/classes").toString(), Files.readString(root.resolve("target/classpath.txt")).strip());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = java + " -Djava.awt.headless=true -cp " + classpath + " org.sigmoidbook.book.run.ConsoleProbe --out " + temp.resolve("out");
        Path typescript = temp.resolve("typescript");
        Process script = new ProcessBuilder("script", "-qec", command, typescript.toString()).redirectErrorStream(true)
                .redirectOutput(temp.resolve("script.log").toFile()).start();
        assertTrue(script.waitFor(2, TimeUnit.MINUTES), "the run did not end");
        String raw = Files.readString(typescript, StandardCharsets.UTF_8);
        assertEquals(0, script.exitValue(), raw);
        assertTrue(raw.contains("[#"), "on a terminal the bar is drawn:\n" + raw);
        List<String> shown = screen(raw);
        for (String expected : List.of("  steps = 40", "  first line printed under the bar = kept", "  second line printed under the bar = kept")) {
            assertTrue(shown.contains(expected), "'" + expected + "' is not on the screen:\n" + String.join("\n", shown));
        }
        assertFalse(shown.stream().anyMatch(line -> line.contains("[#") || line.contains("stepping")), "a stale bar stayed:\n" + String.join("\n", shown));
    }
}
