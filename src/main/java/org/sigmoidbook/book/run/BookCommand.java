package org.sigmoidbook.book.run;

import java.awt.GraphicsEnvironment;
import java.awt.Window;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.sigmoidbook.book.Chapter;
import org.sigmoidbook.book.Rows;
import org.sigmoidbook.runtime.Backend;
import org.sigmoidbook.runtime.Display;
import org.sigmoidbook.runtime.Logging;
import org.sigmoidbook.runtime.Versions;
import org.sigmoidbook.site.Site;

/**
 * Starts the book: the whole of it from the command line ({@code org.sigmoidbook.Book}), or one
 * chapter from its own {@code main} in an IDE ({@link #runChapter(Class, String...)}). Exit status 0 on
 * success, 1 when a chapter or a file fails, 2 on bad usage. Output is UTF-8 whatever the locale.
 */
public final class BookCommand {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private BookCommand() {
    }

    /** The command line: runs, exits with the status, but stays up while chart windows are open. */
    public static void main(String[] args) {
        relaunchIfQuick(BookCommand.class, args);
        main(Catalog.load(), null, args);
    }

    /** The command line for the chapters of {@code catalog}: the book's own, or a test's. */
    public static void main(Catalog catalog, String[] args) {
        main(catalog, null, args);
    }

    /** Runs one chapter, as its {@code main} does; opens its charts when there is a display. */
    public static void runChapter(Class<? extends Chapter> chapter, String... args) {
        relaunchIfQuick(chapter, args);
        Catalog catalog = Catalog.load();
        main(catalog, catalog.byClass(chapter).id(), args);
    }

    /** A quick run goes on in a JVM that compiles with C1 only ({@link QuickJit}) and exits with its status. */
    private static void relaunchIfQuick(Class<?> mainClass, String[] args) {
        Optional<List<String>> command = QuickJit.relaunch(mainClass.getName(), args);
        if (command.isPresent()) {
            System.exit(QuickJit.run(command.get()));
        }
    }

    /**
     * {@code launchedChapter} is the chapter whose class was run, or null for the book's command
     * line. Numbers are formatted in one locale whatever the reader's, so that figures and pages are
     * the same bytes everywhere; output is UTF-8 whatever the locale.
     */
    private static void main(Catalog catalog, String launchedChapter, String[] args) {
        Locale.setDefault(Locale.Category.FORMAT, Locale.ROOT);
        boolean windowsWanted = List.of(args).contains("--show") || launchedChapter != null && Display.available();
        boolean windows = Display.configure(windowsWanted);
        Backend.skipResidentMemoryCheck();
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        if (List.of(args).contains("--show") && !windows) {
            out.println("No display (" + Display.whyNot() + "): charts are saved but not shown.");
        }
        int status = run(catalog, launchedChapter, args, out, err, System.console() != null, windows);
        if (status != OK || !windowsOpen()) {
            System.exit(status);
        }
    }

    /** Runs the book with {@code args}, printing to {@code out} and {@code err}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(Catalog.load(), null, args, out, err, false, false);
    }

    /** Runs the chapters of {@code catalog}: the book's own, or a test's. */
    public static int run(Catalog catalog, String[] args, PrintStream out, PrintStream err) {
        return run(catalog, null, args, out, err, false, false);
    }

    /** Runs {@code args} as the class of chapter {@code chapterId} of {@code catalog} would, without windows. */
    static int runAsChapter(Catalog catalog, String chapterId, String[] args, PrintStream out, PrintStream err) {
        return run(catalog, chapterId, args, out, err, false, false);
    }

    private static int run(Catalog catalog, String launchedChapter, String[] args, PrintStream out, PrintStream err, boolean terminal,
                           boolean windows) {
        Options options;
        try {
            options = launchedChapter == null ? Options.parse(catalog, System.getenv(), args)
                    : Options.parseForChapter(catalog, System.getenv(), launchedChapter, args);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(Options.USAGE);
            err.println("chapter ids: " + catalog.ids());
            return USAGE;
        }
        if (options.help()) {
            out.println(String.format(Locale.ROOT, Options.HELP, Options.USAGE, Options.MIN_SEED, Options.MAX_SEED,
                    Options.DEFAULT_SEED, Runtime.getRuntime().availableProcessors()));
            return OK;
        }
        if (options.version()) {
            Map<String, String> versions = Versions.all();
            out.println("The Sigmoid Book " + Versions.book());
            versions.forEach((library, version) -> out.println("  " + library + " " + version));
            return OK;
        }
        if (options.list()) {
            catalog.entries().forEach(e -> out.printf(Locale.ROOT, "%-16s %d. %s%n", e.id(), e.number(), e.title()));
            return OK;
        }
        if (options.site().isPresent()) {
            return site(options, out, err);
        }
        Rows.initialiseInBackground();
        Logging.configure(options.verbose());
        String backend = "none (replot)";
        if (!options.replot()) {
            String problem = Backend.start();
            if (problem != null) {
                err.println("error: " + problem);
                return FAILED;
            }
            backend = Backend.describe();
        }
        Console console = new Console(out, err, terminal);
        List<Catalog.Entry> chapters = options.chapters(catalog);
        console.println(String.format(Locale.ROOT, "The Sigmoid Book: %d chapter%s, %s%s, into %s", chapters.size(),
                chapters.size() == 1 ? "" : "s", options.replot() ? "redrawn from its tables" : "seed " + options.seed(),
                options.quick() ? ", quick mode" : "", Runner.display(options.outDir())));
        console.println(String.format(Locale.ROOT, "Backend: %s; %d job%s on %d cores%s", backend, options.jobs(),
                options.jobs() == 1 ? "" : "s", Runtime.getRuntime().availableProcessors(),
                QuickJit.c1Only() ? "; the JIT compiles with C1 only" : ""));
        try (Workers workers = new Workers(options.jobs())) {
            boolean show = windows && (options.show() || launchedChapter != null);
            return new Runner(catalog, options, console, workers, backend, show).run();
        } catch (Exception e) {
            console.error("error: " + Problems.describe(e));
            return FAILED;
        } finally {
            console.close();
        }
    }

    /** Builds the site from the output folder, holding its lock for reading: no run may write the notes meanwhile. */
    private static int site(Options options, PrintStream out, PrintStream err) {
        if (!Files.isDirectory(options.outDir())) {
            err.println("error: no notes to make a site of: " + options.outDir() + " does not exist (run the book into it first)");
            return FAILED;
        }
        try (OutputLock lock = OutputLock.forReading(options.outDir())) {
            return Site.build(options.outDir(), options.site().get(), out, err);
        } catch (IOException e) {
            err.println("error: " + Problems.describe(e));
            return FAILED;
        }
    }

    private static boolean windowsOpen() {
        if (GraphicsEnvironment.isHeadless()) {
            return false;
        }
        for (Window window : Window.getWindows()) {
            if (window.isDisplayable()) {
                return true;
            }
        }
        return false;
    }
}
