package org.sigmoidbook.book.run;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.sigmoidbook.runtime.Backend;
import org.sigmoidbook.runtime.ProjectRoot;
import org.sigmoidbook.toolkit.charts.FigureFiles.Format;

/**
 * The runner's command line, parsed and validated before anything runs or is written. The output
 * folder defaults to the project itself for a full run, and to {@code target/quick/} for a quick
 * one, so that a first look never overwrites the committed figures.
 */
public record Options(List<String> chapterIds, boolean list, boolean help, boolean version, boolean quick,
                      long seed, Path outDir, boolean show, boolean verbose, int jobs, boolean replot,
                      Set<Format> formats, Path siteDir) {

    public static final long DEFAULT_SEED = 42L;

    public static final String USAGE = "usage: [CHAPTER-ID ...] [--quick] [--seed N] [--out DIR] [--jobs N] "
            + "[--replot] [--formats png,svg,pdf] [--show] [--verbose] | --site DIR [--out DIR] | --list | --help | --version";

    public static final String HELP = """
            Runs the Sigmoid Book: every chapter's experiments, tables, figures and notes page.

            %s

              CHAPTER-ID ...     run only these chapters, always in book order (see --list)
              --quick            smaller experiments, same files; written under target/quick/ unless --out is given
              --seed N           seed of every random choice (default %d); the same seed gives the same files
              --out DIR          write DIR/figures, DIR/data and DIR/chapters (default: the project folder)
              --jobs N           work on N cores at once (default: all %d); the files do not depend on N
              --replot           redraw the figures and notes pages from the CSV files under the output folder,
                                 without running any experiment
              --formats LIST     figure formats, any of png,svg,pdf (default: all three)
              --show             also open every chart in a window, where there is a display
              --verbose          show ND4J's and DL4J's own log messages and stack traces
              --site DIR         write the course notes under the output folder as a static website to DIR,
                                 with math, figures and tables, for file:// or any web host (runs nothing)
              --list             print the chapter ids and titles
              --help, --version  this text; the book's and its libraries' versions

            Exit status: 0 done, 1 a chapter or a file failed, 2 bad usage.
            Environment: OMP_NUM_THREADS (a positive whole number) sets ND4J's threads per operation.""";

    /** Parses {@code args} against the chapters of {@code catalog}; throws {@link UsageException} on bad usage. */
    public static Options parse(Catalog catalog, Map<String, String> environment, String... args) {
        Set<String> ids = new LinkedHashSet<>();
        Set<String> flagsSeen = new HashSet<>();
        boolean list = false, help = false, version = false, quick = false, show = false, verbose = false, replot = false;
        long seed = DEFAULT_SEED;
        int jobs = Runtime.getRuntime().availableProcessors();
        Path out = null;
        Path site = null;
        Set<Format> formats = EnumSet.allOf(Format.class);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("-") && !flagsSeen.add(arg)) {
                throw new UsageException("flag " + arg + " is given twice");
            }
            switch (arg) {
                case "--list" -> list = true;
                case "--help", "-h" -> help = true;
                case "--version" -> version = true;
                case "--quick" -> quick = true;
                case "--show" -> show = true;
                case "--verbose" -> verbose = true;
                case "--replot" -> replot = true;
                case "--seed" -> seed = parseSeed(valueOf(args, ++i, "--seed"));
                case "--jobs" -> jobs = parseJobs(valueOf(args, ++i, "--jobs"));
                case "--out" -> out = path(valueOf(args, ++i, "--out"), "--out");
                case "--site" -> site = path(valueOf(args, ++i, "--site"), "--site");
                case "--formats" -> formats = parseFormats(valueOf(args, ++i, "--formats"));
                default -> {
                    if (arg.startsWith("-")) {
                        throw new UsageException("unknown flag " + arg);
                    }
                    if (catalog.byId(arg).isEmpty()) {
                        throw new UsageException("unknown chapter id '" + arg + "'");
                    }
                    if (!ids.add(arg)) {
                        throw new UsageException("chapter id '" + arg + "' is given twice");
                    }
                }
            }
        }
        String threadsProblem = Backend.threadsVariableProblem(environment);
        if (threadsProblem != null) {
            throw new UsageException(threadsProblem);
        }
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageException("--out " + out + " is a file, not a folder");
        }
        if (site != null && flagsSeen.stream().anyMatch(flag -> !List.of("--site", "--out", "--verbose").contains(flag))) {
            throw new UsageException("--site writes the notes as they are and runs no chapter: give it with --out at most");
        }
        if (site != null && !ids.isEmpty()) {
            throw new UsageException("--site writes every chapter's notes: leave out the chapter ids");
        }
        if (replot && flagsSeen.contains("--seed")) {
            throw new UsageException("--replot runs no experiment, so --seed has no effect: leave it out");
        }
        if (out == null) {
            out = quick ? ProjectRoot.get().resolve("target").resolve("quick") : ProjectRoot.get();
        }
        return new Options(new ArrayList<>(ids), list, help, version, quick, seed, out, show, verbose, jobs, replot, formats, site);
    }

    /** The chapters to run, always in book order whatever order they were named in. */
    public List<Catalog.Entry> chapters(Catalog catalog) {
        if (chapterIds.isEmpty()) {
            return catalog.entries();
        }
        return catalog.entries().stream().filter(e -> chapterIds.contains(e.id())).toList();
    }

    /** The folder to write the website to, when {@code --site} asks for one. */
    public Optional<Path> site() {
        return Optional.ofNullable(siteDir);
    }

    private static String valueOf(String[] args, int index, String flag) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new UsageException(flag + " needs a value");
        }
        return args[index];
    }

    private static Path path(String text, String flag) {
        if (text.isBlank()) {
            throw new UsageException(flag + " needs a folder, not an empty name");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new UsageException(flag + " '" + text + "' cannot be a path here (" + e.getReason()
                    + "); with non-ASCII names, use a UTF-8 locale such as LC_ALL=C.UTF-8");
        }
    }

    private static long parseSeed(String text) {
        if (!text.strip().matches("[-+]?\\d+")) {
            throw new UsageException("--seed needs a whole number, not '" + text + "'");
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("--seed " + text + " is out of range: use a whole number from "
                    + Long.MIN_VALUE + " to " + Long.MAX_VALUE);
        }
    }

    private static int parseJobs(String text) {
        try {
            int jobs = Integer.parseInt(text.strip());
            if (jobs >= 1) {
                return jobs;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--jobs needs a whole number of at least 1, not '" + text + "'");
    }

    private static Set<Format> parseFormats(String text) {
        try {
            return Format.parseList(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--formats: " + e.getMessage());
        }
    }
}
