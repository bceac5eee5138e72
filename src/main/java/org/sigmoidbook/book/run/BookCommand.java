package org.sigmoidbook.book.run;

import java.awt.GraphicsEnvironment;
import java.awt.Window;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.sigmoidbook.book.Chapter;
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
        main(Catalog.load(), args);
    }

    public static void main(Catalog catalog, String[] args) {
        boolean windowsWanted = List.of(args).contains("--show");
        boolean windows = Display.configure(windowsWanted);
        Backend.skipResidentMemoryCheck();
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        if (windowsWanted && !windows) {
            out.println("No display (" + Display.whyNot() + "): charts are saved but not shown.");
        }
        int status = run(catalog, args, out, err, System.console() != null, windows);
        if (status != OK || !windowsOpen()) {
            System.exit(status);
        }
    }

    /** Runs one chapter, as its {@code main} does; opens its charts when there is a display. */
    public static void runChapter(Class<? extends Chapter> chapter, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add(0, Catalog.load().byClass(chapter).id());
        if (Display.available() && !all.contains("--show")) {
            all.add("--show");
        }
        main(all.toArray(String[]::new));
    }

    /** Runs the book with {@code args}, printing to {@code out} and {@code err}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(Catalog.load(), args, out, err, false, false);
    }

    /** Runs the chapters of {@code catalog}: the book's own, or a test's. */
    public static int run(Catalog catalog, String[] args, PrintStream out, PrintStream err) {
        return run(catalog, args, out, err, false, false);
    }

    private static int run(Catalog catalog, String[] args, PrintStream out, PrintStream err, boolean terminal, boolean windows) {
        Options options;
        try {
            options = Options.parse(catalog, System.getenv(), args);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(Options.USAGE);
            err.println("chapter ids: " + catalog.ids());
            return USAGE;
        }
        if (options.help()) {
            out.println(String.format(Locale.ROOT, Options.HELP, Options.USAGE, Options.DEFAULT_SEED,
                    Runtime.getRuntime().availableProcessors()));
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
            return Site.build(options.outDir(), options.site().get(), out, err);
        }
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
        console.println(String.format(Locale.ROOT, "Backend: %s; %d job%s on %d cores", backend, options.jobs(),
                options.jobs() == 1 ? "" : "s", Runtime.getRuntime().availableProcessors()));
        try (Workers workers = new Workers(options.jobs())) {
            return new Runner(catalog, options, console, workers, backend, windows).run();
        } catch (Exception e) {
            console.error("error: " + Problems.describe(e));
            return FAILED;
        } finally {
            console.close();
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
