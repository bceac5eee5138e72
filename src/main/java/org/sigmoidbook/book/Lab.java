package org.sigmoidbook.book;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.sigmoidbook.book.Finding.Basis;
import org.sigmoidbook.toolkit.numerics.Intervals;
import org.sigmoidbook.toolkit.numerics.Intervals.Interval;
import tech.tablesaw.api.Table;

/**
 * What a chapter's {@link Chapter#measure} works with: the seed and size of the run, a place for
 * its results (tables and findings), the book's workers for independent runs, and progress.
 * <pre>{@code
 * List<Run> runs = lab.parallel(seeds, seed -> train(seed));   // in seed order, on --jobs workers
 * lab.table("runs", runs);                                     // data/<id>/runs.csv, a row per record
 * lab.overSeeds("held-out accuracy", accuracyPerSeed);        // "0.95 (95% CI 0.946–0.962, 5 seeds)" on the page
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

    /** The quick or the full choice of anything else: a list of seeds, a grid of learning rates. */
    public <T> T size(T quickValue, T fullValue) {
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

    /**
     * Records a number with nothing random in it, formatted with {@code format} (for example
     * {@code "%.4f"}): a closed form, a rounding threshold, a count the code fixes. A number that a
     * seed could change is recorded with one of the methods below, which say what it rests on.
     */
    public Finding finding(String name, double value, String format) {
        return add(new Finding(name, String.format(Locale.ROOT, format, value), value, Basis.EXACT, null, null, null, 0));
    }

    /** Records a finding that is not a number. */
    public Finding finding(String name, String text) {
        return add(new Finding(name, text, Double.NaN, Basis.TEXT, null, null, null, 0));
    }

    /** Records the result of one seed's run, to three significant digits: "0.969 (one seed)". */
    public Finding oneSeed(String name, double value) {
        String text = Rounding.fixed(value, Rounding.significantDecimals(value, Rounding.SIGNIFICANT)) + " (one seed)";
        return add(new Finding(name, text, value, Basis.ONE_SEED, null, null, null, 1));
    }

    /**
     * Records the mean of one value per seed with Student's t 95% interval, to the digits the
     * interval supports: "0.95 (95% CI 0.946–0.962, 5 seeds)".
     */
    public Finding overSeeds(String name, double[] valuePerSeed) {
        return overSeeds(name, valuePerSeed, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /**
     * {@link #overSeeds(String, double[])} for a quantity bounded to [{@code lowest}, {@code highest}],
     * an accuracy in [0, 1] or a loss in [0, ∞): the interval stops at the bounds.
     */
    public Finding overSeeds(String name, double[] valuePerSeed, double lowest, double highest) {
        if (valuePerSeed.length == 1) {
            return oneSeed(name, valuePerSeed[0]);
        }
        Interval mean = Intervals.mean(valuePerSeed, lowest, highest);
        return add(interval(name, mean, Basis.SEEDS_MEAN, valuePerSeed.length, valuePerSeed.length,
                "95% CI %s, " + valuePerSeed.length + " seeds"));
    }

    /**
     * Records the median of one value per seed with their range, for spreads far from normal (epochs
     * to learn, say): "0.95 (median of 5 seeds, range 0.93–0.97)". One value is recorded as {@link #oneSeed}.
     */
    public Finding medianOverSeeds(String name, double[] valuePerSeed) {
        if (valuePerSeed.length == 1) {
            return oneSeed(name, valuePerSeed[0]);
        }
        Interval median = Intervals.medianAndRange(valuePerSeed);
        return add(interval(name, median, Basis.SEEDS_MEDIAN, valuePerSeed.length, valuePerSeed.length,
                "median of " + valuePerSeed.length + " seeds, range %s"));
    }

    /**
     * Records a share of examples, such as an accuracy, with Wilson's 95% interval over the examples;
     * {@code seeds} is how many training runs the examples were pooled from: "0.97 (380 of 392,
     * 95% CI 0.947–0.982; one seed)".
     */
    public Finding proportion(String name, long successes, long examples, int seeds) {
        Interval share = Intervals.wilson(successes, examples);
        return add(interval(name, share, Basis.BINOMIAL, (int) examples, seeds,
                successes + " of " + examples + ", 95% CI %s; " + seedsText(seeds)));
    }

    /**
     * Records a statistic of examples with a percentile-bootstrap 95% interval (see
     * {@link Intervals#bootstrap}) over {@code resamples} resamples, from {@code seeds} training runs:
     * "0.023 (bootstrap 95% CI 0.019–0.045; one seed)".
     */
    public Finding bootstrap(String name, Interval statistic, int resamples, int seeds) {
        return add(interval(name, statistic, Basis.BOOTSTRAP, resamples, seeds, "bootstrap 95% CI %s; " + seedsText(seeds)));
    }

    private static String seedsText(int seeds) {
        return seeds == 1 ? "one seed" : seeds + " seeds pooled";
    }

    /**
     * The centre to the decimal of the interval's leading digit, the ends to one more (to the same
     * where there is no spread, or where whole numbers are rounded to whole numbers: a range of
     * epochs is "38–44"); {@code %s} in {@code detail} is the range.
     */
    private static Finding interval(String name, Interval interval, Basis basis, int n, int seeds, String detail) {
        int decimals = Rounding.centreDecimals(interval.width(), interval.estimate());
        if (seeds == 1) {
            decimals = Math.min(decimals, Rounding.significantDecimals(interval.estimate(), Rounding.SIGNIFICANT));
        }
        int endDecimals = !(interval.width() > 0) ? decimals
                : Rounding.wholeEnds(interval.low(), interval.high(), decimals) ? 0 : decimals + 1;
        if (!Rounding.inside(interval.estimate(), decimals, interval.low(), interval.high(), endDecimals)) {
            // A centre rounded coarser than its ends can land outside them (2.53 in 1.25–2.54 is "3"): round all
            // three alike, as finely as the ends, or for one seed as coarsely as its three digits allow.
            if (seeds == 1) {
                endDecimals = decimals;
            } else {
                decimals = endDecimals;
            }
        }
        String low = Rounding.fixed(interval.low(), endDecimals);
        String high = Rounding.fixed(interval.high(), endDecimals);
        String range = low + (interval.low() < 0 || interval.high() < 0 ? " to " : "–") + high;
        String text = Rounding.fixed(interval.estimate(), decimals) + " (" + detail.replace("%s", range) + ")";
        return new Finding(name, text, interval.estimate(), basis, interval.low(), interval.high(), n, seeds);
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
