package org.sigmoidbook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.sigmoidbook.book.run.BookCommand;
import org.sigmoidbook.book.run.Options;
import org.sigmoidbook.runtime.AtomicFiles;

/**
 * Runs the whole book once in quick mode, its chapters at once on all cores, so that every test class
 * can check a chapter's real outputs without paying for the run again. Maven's test JVMs share that
 * one run ({@value #SHARED_PROPERTY}); a test JVM started on its own (an IDE) makes its own in a
 * temporary folder.
 */
public final class QuickBook {

    public static final long SEED = Options.DEFAULT_SEED;

    /**
     * A folder that names one Maven build; its test JVMs (surefire's forks) share the quick book
     * written there. The pom sets it.
     */
    static final String SHARED_PROPERTY = "quickbook.shared";

    /** Folders of earlier builds older than this are removed when a build writes its own. */
    private static final Duration KEEP_EARLIER_BUILDS = Duration.ofHours(1);

    private static Output book;

    /** What one quick run of one chapter produced. */
    public record Output(Path dir, String stdout, String stderr) {

        /** Chapter {@code id}'s outputs in this run. */
        public ChapterData chapter(String id) {
            return new ChapterData(dir, id);
        }
    }

    private QuickBook() {
    }

    /**
     * The shared quick run of the whole book. While working on one chapter,
     * {@code -Dquickbook.chapters=id,id} runs only those (the tests of other chapters then fail).
     */
    public static synchronized Output book() {
        if (book == null) {
            List<String> args = new ArrayList<>(List.of(System.getProperty("quickbook.chapters", "").split(",")));
            args.removeIf(String::isBlank);
            args.addAll(List.of("--quick", "--seed", Long.toString(SEED)));
            String shared = System.getProperty(SHARED_PROPERTY);
            book = shared == null ? ownRun(args.toArray(String[]::new)) : shared(Path.of(shared), args.toArray(String[]::new));
        }
        return book;
    }

    /** Chapter {@code id}'s outputs in the shared quick run. */
    public static ChapterData chapter(String id) {
        return new ChapterData(book().dir(), id);
    }

    /** A run of this JVM's own, removed when the JVM ends. */
    private static Output ownRun(String... args) {
        Output output = run(BookCommand.OK, args);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> remove(output.dir())));
        return output;
    }

    /**
     * The quick book in {@code build}/book, written by whichever test JVM of this build asks first,
     * under a file lock that the others wait on; then they read what it wrote. The console output is
     * kept beside the book, the standard output last, so that its presence says the run ended.
     */
    private static Output shared(Path build, String... args) {
        Path dir = build.resolve("book");
        Path stdout = build.resolve("stdout.txt");
        Path stderr = build.resolve("stderr.txt");
        try {
            Files.createDirectories(build);
            try (FileChannel channel = FileChannel.open(build.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                if (Files.exists(stdout)) {
                    return new Output(dir, Files.readString(stdout), Files.readString(stderr));
                }
                removeEarlierBuilds(build);
                AtomicFiles.deleteTree(dir);
                Output output = runInto(Files.createDirectories(dir), BookCommand.OK, args);
                Files.writeString(stderr, output.stderr());
                Path written = Files.writeString(build.resolve("stdout.txt.part"), output.stdout());
                Files.move(written, stdout, StandardCopyOption.ATOMIC_MOVE);
                return output;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Another build started at the same time may be removing them too: what it removed first is skipped. */
    private static void removeEarlierBuilds(Path build) throws IOException {
        Instant before = Instant.now().minus(KEEP_EARLIER_BUILDS);
        try (Stream<Path> builds = Files.list(build.getParent())) {
            for (Path earlier : builds.filter(p -> !p.equals(build)).toList()) {
                if (modifiedBefore(earlier, before)) {
                    remove(earlier);
                }
            }
        }
    }

    private static boolean modifiedBefore(Path path, Instant instant) {
        try {
            return Files.getLastModifiedTime(path).toInstant().isBefore(instant);
        } catch (IOException e) {
            return false; // removed meanwhile
        }
    }

    /** Removes a folder of test output; one that cannot be removed is reported and left. */
    private static void remove(Path dir) {
        try {
            AtomicFiles.deleteTree(dir);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("QuickBook: left " + dir + " (" + e + ")");
        }
    }

    /**
     * Runs the book with {@code args} into a fresh folder, expecting exit status {@code expectedStatus};
     * the caller removes it.
     */
    public static Output run(int expectedStatus, String... args) {
        try {
            return runInto(Files.createTempDirectory("sigmoid-book-"), expectedStatus, args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the book with {@code args} into {@code dir}, expecting exit status {@code expectedStatus}. */
    public static Output runInto(Path dir, int expectedStatus, String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--out";
        all[args.length + 1] = dir.toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = BookCommand.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        Output output = new Output(dir, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertEquals(expectedStatus, status, () -> "exit status; stdout:\n" + output.stdout() + "\nstderr:\n" + output.stderr());
        return output;
    }

}
