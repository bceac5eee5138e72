package org.sigmoidbook.book;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tech.tablesaw.api.Table;

/**
 * What a chapter's {@link Chapter#measure} works with: the seed and size of the run, a place for
 * its results (tables and findings), the book's workers for independent runs, and progress.
 * <pre>{@code
 * List<Run> runs = lab.parallel(seeds, seed -> train(seed));   // in seed order, on --jobs workers
 * lab.table("runs", runs);                                     // data/<id>/runs.csv, a row per record
 * lab.finding("held-out accuracy", mean, "%.4f");              // quoted by the notes page
 * }</pre>
 */
public final class Lab {

    /** A unit of independent work, such as one seed's training run. */
    @FunctionalInterface
    public interface Task<T, R> {
        R run(T input) throws Exception;
    }

    /** What the runner lends a chapter: its workers and the run's progress display. */
    public interface Support {
        <T, R> List<R> parallel(String chapterId, List<T> inputs, Task<T, R> task) throws Exception;

        Progress progress(String task, long total);
    }

    private final String chapterId;
    private final long seed;
    private final boolean quick;
    private final Support support;
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final List<Finding> findings = new ArrayList<>();

    /** Made by the runner, one per chapter run. */
    public Lab(String chapterId, long seed, boolean quick, Support support) {
        this.chapterId = chapterId;
        this.seed = seed;
        this.quick = quick;
        this.support = support;
    }

    /** The seed every random choice of the chapter starts from. */
    public long seed() {
        return seed;
    }

    /** Whether this is a quick run: smaller experiments, the same tables and figures. */
    public boolean quick() {
        return quick;
    }

    /** The smaller value in quick mode, the full one otherwise: the one way a chapter sizes its experiments. */
    public int size(int quickValue, int fullValue) {
        return quick ? quickValue : fullValue;
    }

    /**
     * Records a result table, written to {@code data/<id>/<name>.csv}: a row per record, a column per
     * record component (see {@link Rows}). It must have at least one row; read it back with
     * {@link Results#rows(String, Class)}.
     */
    public <R extends Record> void table(String name, List<R> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("chapter " + chapterId + " records the table '" + name + "' without rows");
        }
        @SuppressWarnings("unchecked")
        Class<R> type = (Class<R>) rows.get(0).getClass();
        put(name, Rows.table(name, type, rows));
    }

    private synchronized void put(String name, Table table) {
        requireName(name);
        if (name.equals(Results.FINDINGS) || tables.putIfAbsent(name, table) != null) {
            throw new IllegalArgumentException("chapter " + chapterId + " records the table '" + name + "' twice");
        }
    }

    /** Records a headline number, formatted with {@code format} (for example {@code "%.4f"}). */
    public Finding finding(String name, double value, String format) {
        return add(new Finding(name, String.format(Locale.ROOT, format, value), value));
    }

    /** Records a finding that is not a single number. */
    public Finding finding(String name, String text) {
        return add(new Finding(name, text, Double.NaN));
    }

    /**
     * Runs {@code task} on every input on the book's workers ({@code --jobs}) and returns the results
     * in input order, so that the outcome never depends on the number of workers. Each task must own
     * what it changes (its network, its random streams); the first failure is rethrown.
     */
    public <T, R> List<R> parallel(List<T> inputs, Task<T, R> task) throws Exception {
        return support.parallel(chapterId, inputs, task);
    }

    /** A progress display for {@code total} steps of a long experiment; one bar covers the whole book. */
    public Progress progress(String task, long total) {
        return support.progress(chapterId + ": " + task, total);
    }

    /** The tables recorded so far, by name, in the order they were recorded. */
    public synchronized Map<String, Table> tables() {
        return new LinkedHashMap<>(tables);
    }

    /** The findings recorded so far, in order. */
    public synchronized List<Finding> findings() {
        return List.copyOf(findings);
    }

    private synchronized Finding add(Finding finding) {
        if (findings.stream().anyMatch(f -> f.name().equals(finding.name()))) {
            throw new IllegalArgumentException("chapter " + chapterId + " reports the finding '" + finding.name() + "' twice");
        }
        findings.add(finding);
        return finding;
    }

    /** Names of tables and figures: lower-case words with dashes. */
    public static void requireName(String name) {
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("output name must be lower-case words with dashes: " + name);
        }
    }
}
