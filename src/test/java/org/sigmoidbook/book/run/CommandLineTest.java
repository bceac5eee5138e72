package org.sigmoidbook.book.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.sigmoidbook.BookTest;
import org.sigmoidbook.QuickBook;
import org.sigmoidbook.runtime.AtomicFiles;
import org.sigmoidbook.runtime.ProjectRoot;

/**
 * The command line as a separate program, in the environments readers have: a DISPLAY without an X
 * server, another working folder, a locale that is not UTF-8.
 */
class CommandLineTest {

    private static final Path ROOT = ProjectRoot.get();

    record Run(int status, String output) {
    }

    /** Runs {@code org.sigmoidbook.Book} in a new JVM, in {@code folder}, with {@code environment} added. */
    static Run book(Path folder, Map<String, String> environment, String... args) throws IOException, InterruptedException {
        return book(folder, environment, List.of(), args);
    }

    /**
     * The same, on C1 alone: for runs that check what they write, not how the JIT is chosen, so that
     * a quick run stays in the JVM started and a replot spends no CPU on C2.
     */
    static Run bookOnC1(Path folder, Map<String, String> environment, String... args) throws IOException, InterruptedException {
        return book(folder, environment, List.of("-XX:TieredStopAtLevel=1"), args);
    }

    private static Run book(Path folder, Map<String, String> environment, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        String classpath = String.join(File.pathSeparator, ROOT.resolve("target/classes").toString(),
                Files.readString(ROOT.resolve("target/classpath.txt")).strip());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, "org.sigmoidbook.Book"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "the book did not end");
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file));
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static int displayWithoutServer() {
        for (int display = 77; ; display++) {
            if (!Files.exists(Path.of("/tmp/.X11-unix/X" + display))) {
                return display;
            }
        }
    }

    /** The figures and page a replot of chapter 1 writes into {@code out}, by path. */
    private static Map<Path, byte[]> replotted(Path out) throws IOException {
        Map<Path, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(out.resolve("figures/equation"))) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(out.relativize(file), Files.readAllBytes(file));
            }
        }
        Path page = out.resolve("chapters/01-equation.md");
        files.put(out.relativize(page), Files.readAllBytes(page));
        return files;
    }

    /** Chapter 1 redrawn from its committed tables in this JVM: what every locale must write. */
    private static Map<Path, byte[]> replottedHere(Path folder) throws IOException {
        Path out = folder.resolve("here");
        copyTree(ROOT.resolve("data/equation"), out.resolve("data/equation"));
        BookRunnerTest.Result run = BookRunnerTest.run("equation", "--replot", "--out", out.toString());
        assertEquals(0, run.status(), run.err());
        return replotted(out);
    }

    private static void assertSameFiles(Map<Path, byte[]> expected, Path out, String locale) throws IOException {
        Map<Path, byte[]> written = replotted(out);
        assertEquals(expected.keySet(), written.keySet());
        expected.forEach((file, bytes) -> assertArrayEquals(bytes, written.get(file), file + " differs under " + locale));
    }

    /**
     * The environment of a German reader, LANG=de_DE.UTF-8, with the locale generated into {@code
     * folder} by Debian's localedef; checked to give a JVM the German locale. Without localedef the
     * test is skipped (it fails under CI=true).
     */
    private static Map<String, String> german(Path folder) throws Exception {
        Path locales = Files.createDirectories(folder.resolve("locales"));
        Process localedef;
        try {
            localedef = new ProcessBuilder("localedef", "-i", "de_DE", "-f", "UTF-8", locales.resolve("de_DE.UTF-8").toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            assertFalse("true".equals(System.getenv("CI")), "localedef is missing (Debian: locales)");
            return Assumptions.abort("localedef is missing (Debian: locales): the German locale is not tested");
        }
        String made = new String(localedef.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, localedef.waitFor(), "localedef could not generate de_DE.UTF-8: " + made);
        Map<String, String> german = Map.of("LOCPATH", locales.toString(), "LANG", "de_DE.UTF-8", "LC_ALL", "de_DE.UTF-8");
        ProcessBuilder check = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XshowSettings:properties", "-version").redirectErrorStream(true);
        check.environment().putAll(german);
        Process settings = check.start();
        String shown = new String(settings.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        settings.waitFor();
        assertTrue(shown.contains("user.language = de"), "the JVM did not take the German locale:\n" + shown);
        return german;
    }

    /**
     * AWT decides on a display once; a DISPLAY naming no X server made every run fail before. The
     * second run is also a Saudi Arabian reader's (item 4: Arabic-Indic digits where nothing fixes
     * the format): its figures and page must be the bytes this JVM writes.
     */
    @BookTest
    void aDisplayWithoutAnXServerRunsHeadlessAndSaysSoOnce(@TempDir Path temp) throws Exception {
        copyTree(ROOT.resolve("data/equation"), temp.resolve("data/equation"));
        Map<String, String> noServer = Map.of("DISPLAY", ":" + displayWithoutServer());
        Run shown = bookOnC1(temp, noServer, "equation", "--replot", "--show", "--out", temp.toString());
        assertEquals(0, shown.status(), shown.output());
        assertEquals(1, shown.output().split("No display \\(DISPLAY=:\\d+ names no running X server\\)", -1).length - 1, shown.output());
        assertTrue(Files.exists(temp.resolve("figures/equation/sigmoid-curve.png")));
        Map<Path, byte[]> here = replottedHere(temp.resolve("reference"));
        AtomicFiles.deleteTree(temp.resolve("figures"));
        Map<String, String> saudi = new HashMap<>(noServer);
        saudi.put("JAVA_TOOL_OPTIONS", "-Duser.language=ar -Duser.country=SA");
        Run plain = bookOnC1(temp, saudi, "equation", "--replot", "--out", temp.toString());
        assertEquals(0, plain.status(), plain.output());
        assertTrue(plain.output().contains("Picked up JAVA_TOOL_OPTIONS: -Duser.language=ar -Duser.country=SA"), plain.output());
        assertFalse(plain.output().contains("Exception"), plain.output());
        assertSameFiles(here, temp, "the ar-SA locale");
    }

    /**
     * Started from elsewhere, a quick run still writes under the project's target/quick, not the
     * working folder. It is a German reader's (item 4: "0,5" where nothing fixes the format): its
     * figures and page must be the bytes this JVM writes.
     */
    @BookTest
    void defaultFoldersFollowTheProjectNotTheWorkingFolder(@TempDir Path elsewhere, @TempDir Path temp) throws Exception {
        Map<String, String> german = german(temp);
        Map<Path, byte[]> here = replottedHere(temp);
        Path quick = ROOT.resolve("target/quick");
        AtomicFiles.deleteTree(quick.resolve("data/equation"));
        AtomicFiles.deleteTree(quick.resolve("figures/equation"));
        copyTree(ROOT.resolve("data/equation"), quick.resolve("data/equation"));
        Path curve = quick.resolve("figures/equation/sigmoid-curve.png");
        Run run = bookOnC1(elsewhere, german, "equation", "--replot", "--quick");
        assertEquals(0, run.status(), run.output());
        assertTrue(Files.exists(curve), "no figure under " + quick + ":\n" + run.output());
        try (Stream<Path> files = Files.list(elsewhere)) {
            assertEquals(List.of(), files.toList(), "nothing may be written to the working folder");
        }
        assertSameFiles(here, quick, "the de_DE.UTF-8 locale");
    }

    /** Under LC_ALL=POSIX Java's default charset is ASCII; the book's files and console stay UTF-8. */
    @BookTest
    void outputsAreTheSameUtf8BytesUnderAnAsciiLocale(@TempDir Path temp) throws Exception {
        Map<String, String> posix = Map.of("LC_ALL", "POSIX", "LANG", "POSIX");
        Run run = book(temp, posix, "implementation", "--quick", "--out", temp.resolve("out").toString());
        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().contains("LossBinaryXENT on σ(z)"), "the console shows σ in UTF-8:\n" + run.output());
        assertTrue(run.output().contains("the JIT compiles with C1 only"), "a quick run goes on in a JVM on C1:\n" + run.output());
        QuickBook.Output utf8 = QuickBook.book();
        for (String file : List.of("data/implementation/findings.csv", "chapters/06-implementation.md")) {
            assertArrayEquals(Files.readAllBytes(utf8.dir().resolve(file)), Files.readAllBytes(temp.resolve("out").resolve(file)),
                    file + " differs under LC_ALL=POSIX");
        }
        Run accented = book(temp, posix, "--list", "--out", temp.resolve("café").toString());
        assertTrue(accented.status() == 0 || accented.status() == 2, accented.output());
        assertFalse(accented.output().contains("Exception"), "a clear message, not a stack trace:\n" + accented.output());
    }
}
