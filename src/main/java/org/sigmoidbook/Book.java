package org.sigmoidbook;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.nd4j.linalg.factory.Nd4j;
import org.sigmoidbook.toolkit.AtomicFiles;
import org.sigmoidbook.toolkit.Backend;
import org.sigmoidbook.toolkit.ChapterRun;
import org.sigmoidbook.toolkit.Display;
import org.sigmoidbook.toolkit.Logging;

/**
 * The runner: {@code mvn -q compile exec:java [-Dexec.args="..."]} runs the book, or the chapters
 * named, in book order. Exit status 0 on success, 2 on bad usage, 1 when a chapter fails.
 */
public final class Book {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private Book() {
    }

    public static void main(String[] args) {
        Backend.skipResidentMemoryCheck();
        int status = run(args, System.out, System.err);
        if (status != OK || !Windows.open()) {
            System.exit(status);
        }
    }

    /** Runs one chapter from its own {@code main()}; opens its charts when there is a display. */
    public static void runAlone(Chapter chapter, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add(0, chapter.id());
        if (Display.available() && !all.contains("--show")) {
            all.add("--show");
        }
        main(all.toArray(String[]::new));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        BookOptions options;
        try {
            options = BookOptions.parse(args);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(BookOptions.USAGE);
            err.println("chapter ids: " + Chapters.ids());
            return USAGE;
        }
        if (options.list()) {
            Chapters.ALL.forEach(c -> out.printf("%-16s %s%n", c.id(), c.title()));
            return OK;
        }
        Logging.configure(options.verbose());
        String backendProblem = Backend.start();
        if (backendProblem != null) {
            err.println("error: " + backendProblem);
            return FAILED;
        }
        return runChapters(options, options.chapters(), out, err);
    }

    static int runChapters(BookOptions options, List<Chapter> chapters, PrintStream out, PrintStream err) {
        try {
            prepareOutput(options.outDir());
        } catch (IOException e) {
            err.println("error: cannot write under " + options.outDir().toAbsolutePath() + ": " + e.getMessage());
            return FAILED;
        }
        boolean windows = Display.configure(options.show());
        if (options.show() && !windows) {
            out.println("No display found: charts are saved but not shown.");
        }
        out.printf(Locale.ROOT, "The Sigmoid Book: %d chapter%s, seed %d%s%n", chapters.size(),
                chapters.size() == 1 ? "" : "s", options.seed(), options.quick() ? ", quick mode" : "");
        out.printf(Locale.ROOT, "Backend: %s (%d cores available)%n", backend(), Runtime.getRuntime().availableProcessors());
        long bookStart = System.nanoTime();
        int number = 0;
        for (Chapter chapter : chapters) {
            number++;
            out.printf("%n[%d/%d] %s: %s%n", number, chapters.size(), chapter.id(), chapter.title());
            long start = System.nanoTime();
            ChapterRun run = new ChapterRun(chapter.id(), options.seed(), options.quick(), windows,
                    options.outDir(), out);
            run.manifest("backend", backend());
            int page = Chapters.ALL.indexOf(chapter) + 1;
            if (page > 0) {
                run.notesPage(String.format(Locale.ROOT, "%02d-%s", page, chapter.id()));
            }
            try {
                chapter.run(run);
                for (Path file : run.commit()) {
                    out.println("  wrote " + display(file));
                }
            } catch (Exception | Error e) {
                discardQuietly(run);
                err.println("error: chapter " + chapter.id() + " failed: " + describe(e));
                if (options.verbose()) {
                    e.printStackTrace(err);
                }
                return FAILED;
            }
            out.printf(Locale.ROOT, "  done in %.1f s%n", seconds(start));
        }
        out.printf(Locale.ROOT, "%nBook finished in %.1f s%n", seconds(bookStart));
        return OK;
    }

    /**
     * Checks that the output folder can be written before any chapter runs, and removes staging
     * folders that a killed run may have left behind.
     */
    private static void prepareOutput(Path outDir) throws IOException {
        Path dir = outDir.toAbsolutePath();
        Files.createDirectories(dir);
        Files.delete(Files.createTempFile(dir, ".write-check", ".tmp"));
        try (var stale = Files.newDirectoryStream(dir, ChapterRun.STAGING_PREFIX + "*")) {
            for (Path staging : stale) {
                AtomicFiles.deleteTree(staging);
            }
        }
    }

    public static String backend() {
        String name = Nd4j.getBackend().getClass().getSimpleName().replace("Backend", "");
        int threads = Nd4j.getEnvironment().maxMasterThreads();
        return String.format(Locale.ROOT, "ND4J %s, %s, %d thread%s", name, Nd4j.dataType(), threads, threads == 1 ? "" : "s");
    }

    private static void discardQuietly(ChapterRun run) {
        try {
            run.discard();
        } catch (IOException ignored) {
            // the original failure is the one worth reporting
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static String display(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        Path absolute = file.toAbsolutePath();
        return absolute.startsWith(cwd) ? cwd.relativize(absolute).toString() : absolute.toString();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Whether any chart window is still open, so that the JVM should stay up for it. */
    private static final class Windows {
        static boolean open() {
            if (GraphicsEnvironment.isHeadless()) {
                return false;
            }
            for (java.awt.Window window : java.awt.Window.getWindows()) {
                if (window.isDisplayable()) {
                    return true;
                }
            }
            return false;
        }
    }
}
