package org.sigmoidbook.book.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.knowm.xchart.internal.chartpart.Chart;
import org.sigmoidbook.book.Finding;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Progress;
import org.sigmoidbook.book.Results;
import org.sigmoidbook.book.Rows;
import org.sigmoidbook.book.UnreadableTableException;
import org.sigmoidbook.runtime.ProjectRoot;
import org.sigmoidbook.runtime.Staging;
import org.sigmoidbook.toolkit.charts.Figure;
import org.sigmoidbook.toolkit.charts.FigureFiles.Format;
import org.sigmoidbook.toolkit.charts.FigureFiles;
import org.sigmoidbook.toolkit.charts.FigureWindow;

/**
 * Runs chapters, each in three steps: measure (the experiment, which records tables and findings),
 * write the tables as CSV and read them back, draw the figures and render the notes page from what
 * was read. {@code --replot} does only the last step, from the CSV files already in the output
 * folder, once they have been checked against the checksums their run recorded. Chapters run at
 * once on the book's workers; what each prints is held back and printed whole, in book order. Each
 * chapter's files are put in place all or nothing, and the contents page follows when at least one
 * chapter was written.
 */
final class Runner {

    /** A figure and the path its files are written to, less the extension. */
    private record FigureFile(Path base, Figure figure) {
    }

    /** What one chapter printed and whether it succeeded. */
    private record Outcome(Catalog.Entry entry, List<String> lines, Throwable failure) {
    }

    private final Catalog catalog;
    private final Options options;
    private final Console console;
    private final Workers workers;
    private final String backend;
    private final boolean windows;

    Runner(Catalog catalog, Options options, Console console, Workers workers, String backend, boolean windows) {
        this.catalog = catalog;
        this.options = options;
        this.console = console;
        this.workers = workers;
        this.backend = backend;
        this.windows = windows;
    }

    int run() throws Exception {
        List<Catalog.Entry> chapters = options.chapters(catalog);
        Path outDir = options.outDir();
        if (options.replot() && !Files.isDirectory(outDir)) {
            throw new IOException("no results to replot: " + outDir + " does not exist (run the book into it without --replot first)");
        }
        createOutputFolder(outDir);
        try (OutputLock lock = OutputLock.forWriting(outDir)) {
            long start = System.nanoTime();
            List<Future<Outcome>> running = new ArrayList<>();
            for (Catalog.Entry entry : chapters) {
                running.add(workers.start(() -> options.replot() ? replot(entry) : measure(entry)));
            }
            int failures = 0;
            boolean outOfMemory = false;
            for (int i = 0; i < running.size(); i++) {
                Outcome outcome = outcomeOf(chapters.get(i), running.get(i));
                console.println(String.format(Locale.ROOT, "%n[%d/%d] %s: %s", i + 1, chapters.size(), outcome.entry().id(),
                        outcome.entry().title()));
                outcome.lines().forEach(console::println);
                if (outcome.failure() != null) {
                    failures++;
                    outOfMemory |= Problems.outOfMemory(outcome.failure());
                    console.error("error: chapter " + outcome.entry().id() + " failed: " + Problems.describe(outcome.failure()));
                    if (options.verbose()) {
                        console.error(stackTrace(outcome.failure()));
                    }
                }
            }
            if (failures < chapters.size()) {
                Staging book = new Staging(outDir, "book");
                Pages.stage(catalog, outDir, ProjectRoot.get(), book);
                book.commit();
            }
            workers.times().writeIfAsked();
            console.println(String.format(Locale.ROOT, "%n%s in %.1f s%s", options.replot() ? "Replotted" : "Book finished",
                    seconds(start), failures == 0 ? "" : "; " + failures + " chapter" + (failures == 1 ? "" : "s") + " failed"));
            if (outOfMemory) {
                console.error(Problems.MORE_MEMORY);
            }
            return failures == 0 ? BookCommand.OK : BookCommand.FAILED;
        }
    }

    /** Creates the output folder, or says which folder could not be made and what to do instead. */
    private static void createOutputFolder(Path outDir) throws IOException {
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new IOException("cannot create the output folder " + outDir + " (" + Problems.reason(e)
                    + "): give --out a folder you can write to", e);
        }
    }

    private Outcome outcomeOf(Catalog.Entry entry, Future<Outcome> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            return new Outcome(entry, List.of(), e.getCause());
        }
    }

    private Outcome measure(Catalog.Entry entry) {
        long start = System.nanoTime();
        double cpu = TaskTimes.threadCpuSeconds();
        Staging staging = new Staging(options.outDir(), entry.id());
        List<String> lines = new ArrayList<>();
        try {
            Lab lab = new Lab(entry.id(), options.seed(), options.quick(), new Lab.Support() {
                @Override
                public <T, R> List<R> parallel(String chapterId, List<T> inputs, Lab.Task<T, R> task) throws Exception {
                    return workers.map(chapterId, inputs, task);
                }

                @Override
                public Progress progress(String task, long total) {
                    return console.progress(task, total);
                }
            });
            entry.chapter().measure(lab);
            Path data = Path.of("data", entry.id());
            Set<String> written = new LinkedHashSet<>();
            for (var table : lab.tables().entrySet()) {
                written.add(table.getKey() + ".csv");
                Csv.write(table.getValue(), staging.file(data.resolve(table.getKey() + ".csv")));
            }
            if (!lab.findings().isEmpty()) {
                written.add(Results.FINDINGS + ".csv");
                Csv.write(Rows.table(Results.FINDINGS, Finding.class, lab.findings()), staging.file(data.resolve(Results.FINDINGS + ".csv")));
            }
            // The chapter's tables are those of one run: a table an earlier run wrote and this one did not goes.
            for (String stale : tablesIn(options.outDir().resolve(data))) {
                if (!written.contains(stale)) {
                    staging.remove(data.resolve(stale));
                }
            }
            staging.file(data.resolve(Manifest.FILE_NAME));
            Manifest.write(staging.folder(data), entry.id(), options.seed(), options.quick(), backend);
            int figures = drawAndWritePage(entry, new Results(staging.folder(data)), staging);
            staging.commit();
            workers.times().add(entry.id(), "chapter", TaskTimes.threadCpuSeconds() - cpu);
            int tables = lab.tables().size() + (lab.findings().isEmpty() ? 0 : 1);
            lab.findings().forEach(f -> lines.add("  " + f));
            lines.add(String.format(Locale.ROOT, "  wrote %d table%s, %d figure%s (%s) and %s under %s", tables,
                    tables == 1 ? "" : "s", figures, figures == 1 ? "" : "s", formats(), pageOf(entry), display(options.outDir())));
            lines.add(String.format(Locale.ROOT, "  done in %.1f s", seconds(start)));
            return new Outcome(entry, lines, null);
        } catch (Exception | Error e) {
            discardQuietly(staging, e);
            return new Outcome(entry, lines, e);
        }
    }

    /**
     * Redraws a chapter from its tables, once they are known to be those its run wrote: a table that
     * is missing, changed, or not written by that run is named, and nothing is drawn.
     */
    private Outcome replot(Catalog.Entry entry) {
        long start = System.nanoTime();
        Staging staging = new Staging(options.outDir(), entry.id());
        Path data = options.outDir().resolve("data").resolve(entry.id());
        List<String> lines = new ArrayList<>();
        try {
            if (!Files.isDirectory(data)) {
                throw new IOException("no results to replot: " + data + " is missing (run the chapter without --replot first)");
            }
            Manifest manifest = readManifest(entry, data);
            if (manifest.tables() == null) {
                lines.add("  note: " + display(data.resolve(Manifest.FILE_NAME)) + " records no checksums (an older run wrote it): "
                        + "the tables are checked against their columns only; rerun the chapter to record them");
            } else {
                List<String> differences = manifest.differences(data);
                if (!differences.isEmpty()) {
                    throw new IOException("the tables in " + display(data) + " differ from those its run (" + manifest.run()
                            + ") wrote: " + String.join("; ", differences) + ". No figure was drawn from them. " + wayOut(entry, manifest));
                }
            }
            int figures;
            try {
                figures = drawAndWritePage(entry, new Results(data), staging);
            } catch (UnreadableTableException e) {
                throw new IOException(e.getMessage() + ". No figure was drawn from it. " + wayOut(entry, manifest), e);
            }
            staging.commit();
            lines.add(String.format(Locale.ROOT, "  redrew %d figure%s (%s) and %s from %s in %.1f s", figures,
                    figures == 1 ? "" : "s", formats(), pageOf(entry), display(data), seconds(start)));
            return new Outcome(entry, lines, null);
        } catch (Exception | Error e) {
            discardQuietly(staging, e);
            return new Outcome(entry, lines, e);
        }
    }

    private Manifest readManifest(Catalog.Entry entry, Path data) throws IOException {
        try {
            return Manifest.read(data);
        } catch (IOException e) {
            throw new IOException(Problems.describe(e) + ". " + wayOut(entry, null), e);
        }
    }

    /**
     * What to do about a chapter's tables that cannot be drawn: run the chapter again as the run that
     * wrote them ran (its seed and mode, from its manifest where there is one), or restore the committed ones.
     */
    private String wayOut(Catalog.Entry entry, Manifest manifest) {
        StringBuilder command = new StringBuilder(entry.id());
        if (manifest != null && !manifest.seed().equals(Long.toString(Options.DEFAULT_SEED))) {
            command.append(" --seed ").append(manifest.seed());
        }
        boolean quick = manifest == null ? options.quick() : manifest.quick();
        Path outDir = options.outDir().toAbsolutePath().normalize();
        Path project = ProjectRoot.get();
        if (quick) {
            command.append(" --quick");
        }
        if (!outDir.equals(project) && !(quick && outDir.equals(project.resolve("target").resolve("quick")))) {
            command.append(" --out ").append(display(outDir));
        }
        String rerun = "Rerun the chapter to remake its tables (./mvnw -q compile exec:java -Dexec.args=\"" + command + "\")";
        if (outDir.equals(project)) {
            return rerun + ", or restore the committed ones (git checkout -- data/" + entry.id() + ").";
        }
        return rerun + ".";
    }

    /** Draws the chapter's figures and renders its page into {@code staging}; returns the number of figures. */
    private int drawAndWritePage(Catalog.Entry entry, Results results, Staging staging) throws Exception {
        Map<String, Figure> drawn = new LinkedHashMap<>();
        entry.chapter().draw(results, (name, figure) -> {
            Lab.requireName(name);
            if (drawn.putIfAbsent(name, figure) != null) {
                throw new IllegalArgumentException("chapter " + entry.id() + " draws the figure '" + name + "' twice");
            }
        });
        saveAll(entry, drawn, staging);
        Path page = staging.file(Path.of("chapters", entry.page() + ".md"));
        String text = Notes.withFigureFormats(Notes.page(catalog, entry, results), entry.id(), drawn.keySet(), options.formats());
        Files.writeString(page, text, StandardCharsets.UTF_8);
        return drawn.size();
    }

    /**
     * Writes every figure in the formats asked for, on the workers (encoding is most of a chapter's
     * drawing time), and removes its files in the others, which would be left from an older drawing.
     * Saving thins a chart's series for a moment, so figures that share a chart are saved one after another.
     */
    private void saveAll(Catalog.Entry entry, Map<String, Figure> figures, Staging staging) throws Exception {
        List<FigureFile> files = new ArrayList<>();
        for (Map.Entry<String, Figure> figure : figures.entrySet()) {
            files.add(new FigureFile(stage(entry, figure.getKey(), staging), figure.getValue()));
        }
        Lab.Task<FigureFile, Path> save = file -> {
            FigureFiles.save(file.figure(), file.base(), options.formats());
            return file.base();
        };
        if (sharesAChart(figures.values())) {
            for (FigureFile file : files) {
                save.run(file);
            }
        } else {
            workers.map(entry.id(), files, save);
        }
        // After saving: the window paints on its own thread, and saving thins the series for a moment.
        if (windows) {
            figures.values().forEach(FigureWindow::show);
        }
    }

    /** The base path a figure's files go to in the staging folder; its files in formats not asked for are removed. */
    private Path stage(Catalog.Entry entry, String name, Staging staging) throws IOException {
        Path base = null;
        for (Format format : Format.values()) {
            Path relative = Path.of("figures", entry.id(), name + "." + format.extension());
            if (options.formats().contains(format)) {
                base = staging.file(relative).resolveSibling(name);
            } else {
                staging.remove(relative);
            }
        }
        return base;
    }

    static boolean sharesAChart(Collection<Figure> figures) {
        Set<Chart<?, ?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return figures.stream().flatMap(f -> f.charts().stream()).anyMatch(chart -> !seen.add(chart));
    }

    private static List<String> tablesIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".csv")).sorted().toList();
        }
    }

    private String formats() {
        return String.join(", ", options.formats().stream().map(Format::extension).toList());
    }

    private static String pageOf(Catalog.Entry entry) {
        return "chapters/" + entry.page() + ".md";
    }

    static String display(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        Path absolute = path.toAbsolutePath().normalize();
        if (absolute.equals(cwd)) {
            return ".";
        }
        return absolute.startsWith(cwd) ? cwd.relativize(absolute).toString() : absolute.toString();
    }

    private static void discardQuietly(Staging staging, Throwable failure) {
        try {
            staging.discard();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString().stripTrailing();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
