package org.sigmoidbook.toolkit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What a chapter sees of the book while it runs: the seed and mode, and the places its findings,
 * figures and tables go. Files are first written to a staging folder and only moved into
 * {@code figures/<id>/} and {@code data/<id>/} once the chapter has finished, so a chapter that
 * fails leaves the previous outputs untouched and no half-written file behind.
 */
public final class ChapterRun {

    /** Name prefix of the staging folders, which the runner clears at start-up. */
    public static final String STAGING_PREFIX = ".staging-";

    private final String chapterId;
    private final long seed;
    private final boolean quick;
    private final boolean show;
    private final Path outDir;
    private final Path staging;
    private final PrintStream out;
    private final List<Finding> findings = new ArrayList<>();
    private final List<Path> written = new ArrayList<>();
    private final Map<String, String> manifest = new LinkedHashMap<>();
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private String notesPage;

    public ChapterRun(String chapterId, long seed, boolean quick, boolean show, Path outDir, PrintStream out) {
        this.chapterId = chapterId;
        this.seed = seed;
        this.quick = quick;
        this.show = show;
        this.outDir = outDir;
        this.staging = outDir.resolve(STAGING_PREFIX + chapterId + "-" + ProcessHandle.current().pid());
        this.out = out;
    }

    public String chapterId() {
        return chapterId;
    }

    public long seed() {
        return seed;
    }

    public boolean quick() {
        return quick;
    }

    /** The smaller value in quick mode, the full one otherwise. */
    public int size(int quickValue, int fullValue) {
        return quick ? quickValue : fullValue;
    }

    public PrintStream out() {
        return out;
    }

    /** Reports a headline number, formatted with {@code format} (for example {@code "%.4f"}). */
    public Finding finding(String name, double value, String format) {
        Finding finding = new Finding(name, String.format(Locale.ROOT, format, value), value);
        findings.add(finding);
        out.println("  " + finding);
        return finding;
    }

    /** Reports a finding that is not a single number. */
    public Finding finding(String name, String text) {
        Finding finding = new Finding(name, text, Double.NaN);
        findings.add(finding);
        out.println("  " + finding);
        return finding;
    }

    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    /** Saves {@code figures/<id>/<name>.png} and {@code .svg}; opens a window too when asked to show. */
    public void figure(String name, Chart<?, ?> chart) throws IOException {
        Path pngTarget = relative("figures", name + ".png");
        Path svgTarget = relative("figures", name + ".svg");
        Figures.save(chart, staging.resolve(pngTarget), staging.resolve(svgTarget));
        written.add(pngTarget);
        written.add(svgTarget);
        if (show) {
            Figures.show(chart);
        }
    }

    /** Saves {@code data/<id>/<name>.csv}. */
    public void table(String name, Table table) throws IOException {
        Path target = relative("data", name + ".csv");
        Tables.writeCsv(table, staging.resolve(target));
        written.add(target);
        tables.put(name, table);
    }

    /** A progress display for {@code total} steps of a long experiment. */
    public Progress progress(String task, long total) {
        return Progress.start(task, total, out);
    }

    /** Names the course-notes page ({@code "01-equation"}) rendered from this run's findings and tables. */
    public void notesPage(String pageName) {
        this.notesPage = pageName;
    }

    /** Adds a line to the run manifest written beside the chapter's tables. */
    public void manifest(String key, String value) {
        manifest.put(key, value);
    }

    /** Moves everything the chapter wrote into place; called by the runner after a successful run. */
    public List<Path> commit() throws IOException {
        if (!findings.isEmpty()) {
            table("findings", findingsTable());
        }
        writeManifest();
        writeNotes();
        List<Path> placed = new ArrayList<>();
        for (Path file : written) {
            Path target = outDir.resolve(file);
            AtomicFiles.moveInto(staging.resolve(file), target);
            placed.add(target);
        }
        discard();
        return placed;
    }

    /** Drops whatever the chapter staged; called by the runner when the chapter fails. */
    public void discard() throws IOException {
        AtomicFiles.deleteTree(staging);
    }

    /**
     * Records how the results were made: seed, mode, backend, library versions and the date.
     * It is the one output that changes from run to run, so it is kept out of the CSV files.
     */
    private void writeManifest() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("chapter", chapterId);
        entries.put("seed", Long.toString(seed));
        entries.put("mode", quick ? "quick" : "full");
        entries.putAll(manifest);
        entries.putAll(Versions.all());
        entries.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        String json = entries.entrySet().stream()
                .map(e -> "  \"" + e.getKey() + "\": \"" + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",\n", "{\n", "\n}\n"));
        Path target = relative("data", "run-manifest.json");
        Path staged = staging.resolve(target);
        Files.createDirectories(staged.getParent());
        Files.writeString(staged, json);
        written.add(target);
    }

    private void writeNotes() throws IOException {
        if (notesPage == null) {
            return;
        }
        Optional<String> template = Notes.template(notesPage);
        if (template.isEmpty()) {
            return;
        }
        Path target = Path.of("chapters", notesPage + ".md");
        Path staged = staging.resolve(target);
        Files.createDirectories(staged.getParent());
        Files.writeString(staged, Notes.render(notesPage, template.get(), findings, tables));
        written.add(target);
    }

    private Table findingsTable() {
        return Table.create("findings",
                StringColumn.create("finding", findings.stream().map(Finding::name)),
                StringColumn.create("text", findings.stream().map(Finding::text)),
                DoubleColumn.create("value", findings.stream().mapToDouble(Finding::value)));
    }

    private Path relative(String kind, String fileName) {
        if (!fileName.matches("[a-z0-9][a-z0-9-]*\\.(png|svg|csv|json)")) {
            throw new IllegalArgumentException("output name must be lower-case words with dashes: " + fileName);
        }
        return Path.of(kind, chapterId, fileName);
    }
}
