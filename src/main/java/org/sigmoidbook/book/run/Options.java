package org.sigmoidbook.book.run;

import java.io.IOException;
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
    public static final long MIN_SEED = Integer.MIN_VALUE;
    public static final long MAX_SEED = Integer.MAX_VALUE;

    /** The project's folders of sources and committed outputs, which no --out or --site may point into. */
    private static final List<String> SOURCE_FOLDERS = List.of("src", "benchmarks", "chapters", "data", "figures", "docs", ".git", ".mvn",
            ".ci");

    public static final String USAGE = "usage: [CHAPTER-ID ...] [--quick] [--seed N] [--out DIR] [--jobs N] "
            + "[--replot] [--formats png,svg,pdf] [--show] [--verbose] | --site DIR [--out DIR] | --list | --help | --version";

    public static final String HELP = """
            Runs the Sigmoid Book: every chapter's experiments, tables, figures and notes page.

            %s

              CHAPTER-ID ...     run only these chapters, always in book order (see --list)
              --quick            smaller experiments, same files; written under target/quick/ unless --out is given
              --seed N           seed of every random choice, a whole number from %d to %d (default %d):
                                 ND4J's random generator uses 32 bits of a seed. The same seed gives the same files
              --out DIR          write DIR/figures, DIR/data and DIR/chapters (default: the project folder);
                                 not inside the project's sources (src/, data/, chapters/ ...)
              --jobs N           work on N cores at once (default: all %d); the files do not depend on N
              --replot           redraw the figures and notes pages from the CSV files under the output folder,
                                 without running any experiment; tables that differ from the run that wrote
                                 them (its run-manifest.json) are named, and nothing is drawn from them
              --formats LIST     figure formats, any of png,svg,pdf (default: all three); a figure's files in
                                 other formats are removed, and a page whose figure has no PNG shows its SVG,
                                 or links its PDF
              --show             also open every chart in a window, where there is a display
              --verbose          show ND4J's and DL4J's own log messages and stack traces
              --site DIR         write the course notes under the output folder as a static website to DIR,
                                 with math, figures and tables, for file:// or any web host (runs nothing);
                                 DIR may hold other files: the site replaces only the files it wrote before
              --list             print the chapter ids and titles
              --help, --version  this text; the book's and its libraries' versions

            Exit status: 0 done, 1 a chapter or a file failed, 2 bad usage.
            Threads: OMP_NUM_THREADS=N or -Dsigmoidbook.threads=N, N a positive whole number in digits,
            sets ND4J's threads per operation (default 1).""";

    /** Parses {@code args} against the chapters of {@code catalog}; throws {@link UsageException} on bad usage. */
    public static Options parse(Catalog catalog, Map<String, String> environment, String... args) {
        return parse(catalog, environment, null, args);
    }

    /**
     * Parses the arguments of a chapter class run on its own ({@code EquationChapter --quick}):
     * it runs {@code chapterId}, and names no other chapter.
     */
    public static Options parseForChapter(Catalog catalog, Map<String, String> environment, String chapterId, String... args) {
        return parse(catalog, environment, chapterId, args);
    }

    private static Options parse(Catalog catalog, Map<String, String> environment, String launchedChapter, String... args) {
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
        String threadsProblem = Backend.threadsProblem(environment, System.getProperty(Backend.THREADS_PROPERTY));
        if (threadsProblem != null) {
            throw new UsageException(threadsProblem);
        }
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageException("--out " + out + " is a file, not a folder");
        }
        if (out != null) {
            requireOutsideTheSources(out, "--out");
        }
        if (site != null) {
            requireOutsideTheSources(site, "--site");
        }
        if (site != null && flagsSeen.stream().anyMatch(flag -> !List.of("--site", "--out", "--verbose").contains(flag))) {
            throw new UsageException("--site writes the notes as they are and runs no chapter: give it with --out at most");
        }
        if (launchedChapter != null && ids.stream().anyMatch(id -> !id.equals(launchedChapter))) {
            throw new UsageException("this chapter's class runs chapter " + launchedChapter + " only; to run "
                    + String.join(" ", ids) + ", run org.sigmoidbook.Book with those ids");
        }
        if (site != null && !ids.isEmpty()) {
            throw new UsageException("--site writes every chapter's notes: leave out the chapter ids");
        }
        if (replot && flagsSeen.contains("--seed")) {
            throw new UsageException("--replot runs no experiment, so --seed has no effect: leave it out");
        }
        if (launchedChapter != null && site == null) {
            ids.add(launchedChapter);
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

    /**
     * ND4J's random generator, which draws every network's weights, uses its seed modulo 2³²
     * ({@code --seed 4294967303} gave the numbers of {@code --seed 7}): the seeds it tells apart are
     * those of a Java int, and the book accepts exactly those.
     */
    private static long parseSeed(String text) {
        if (!text.strip().matches("[-+]?\\d+")) {
            throw new UsageException("--seed needs a whole number, not '" + text + "'");
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("--seed " + text.strip() + " is out of range: use a whole number from " + MIN_SEED + " to "
                    + MAX_SEED + " (ND4J's random generator uses 32 bits of a seed)");
        }
    }

    /**
     * A folder of the project's own sources and committed outputs is no place for a run's or a
     * site's files: {@code --out src} would scatter chapters/, data/ and figures/ among the sources.
     */
    private static void requireOutsideTheSources(Path folder, String flag) {
        Path root = ProjectRoot.get();
        Path absolute = realPath(folder);
        for (String source : SOURCE_FOLDERS) {
            if (absolute.startsWith(realPath(root.resolve(source)))) {
                throw new UsageException(flag + " " + folder + " is inside the project's " + source + "/ folder: name a folder "
                        + "outside the project's sources, such as target/notes or /tmp/notes");
            }
        }
    }

    /** The folder as the file system resolves it, symbolic links included, as far as it exists. */
    private static Path realPath(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return absolute;
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
