package org.sigmoidbook.chapters.today;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sigmoidbook.QuickBook;
import org.sigmoidbook.book.Results;
import org.sigmoidbook.book.run.Csv;
import org.sigmoidbook.runtime.ProjectRoot;
import org.sigmoidbook.toolkit.data.Mnist;
import tech.tablesaw.api.Table;

/**
 * The chapter's own outputs. The quick run's tables have the columns the issue names, and every
 * number the page takes from a finding is checked against an independent expectation: a closed
 * form, a published constant, or a recount from the raw tables. The claims the page makes in words
 * about the full-size run are checked on the committed tables.
 */
@Tag("book")
class TodayChapterTest {

    private static final String CHAPTER = "today";
    private static QuickBook.Output book;

    @BeforeAll
    static void runQuickChapter() {
        book = QuickBook.book();
    }

    private static double finding(String name) {
        return book.finding(CHAPTER, name);
    }

    private static Table table(String name) {
        return book.table(CHAPTER, name + ".csv");
    }

    private static double sigma(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** N for a step printed as 1/N, a power of two. */
    private static int perUnit(String step) {
        String text = new Results(book.dir().resolve("data").resolve(CHAPTER)).finding(step);
        assertTrue(text.startsWith("1/"), text);
        int n = Integer.parseInt(text.substring(2));
        assertEquals(1, Integer.bitCount(n), text);
        return n;
    }

    /** A finding as the page prints it, against a value rounded the same way. */
    private static void assertPrinted(String format, double expected, String name) {
        String text = new Results(book.dir().resolve("data").resolve(CHAPTER)).finding(name);
        assertEquals(String.format(Locale.ROOT, format, expected), text, name);
    }

    @Test
    void tablesHaveTheColumnsTheIssueNames() {
        assertEquals(List.of("identity", "dtype", "max_abs_error"), table("identities").columnNames());
        assertEquals(List.of("step", "gate", "mean", "fraction_below_0_1", "fraction_above_0_9"), table("gates").columnNames());
        assertEquals(List.of("model", "seed", "heldout_digits", "label", "heldout_accuracy"), table("multilabel").columnNames());
        assertEquals(List.of("hidden", "seed", "epoch", "heldout_accuracy", "heldout_loss"), table("activations").columnNames());
        assertEquals(List.of("z", "sigmoid", "sigmoid_prime", "silu", "silu_prime", "hard_sigmoid", "hard_sigmoid_prime"),
                table("curves").columnNames());
        for (String figure : List.of("gates", "multilabel", "curves", "activations", "silu-signal")) {
            assertTrue(Files.isRegularFile(book.figure(CHAPTER, figure + ".png")), figure);
        }
    }

    /** The grids the page describes, and every identity's error in eps within the bound derived in {@link Identities}. */
    @Test
    void identityFindings() {
        assertEquals(2 * finding("identity grid limit") * perUnit("identity grid step") + 1, finding("identity grid points"));
        assertEquals(Math.pow(2 * finding("softmax grid limit") * perUnit("softmax grid step") + 1, 2), finding("softmax grid pairs"));
        Table identities = table("identities");
        for (int row = 0; row < identities.rowCount(); row++) {
            String type = identities.stringColumn("dtype").get(row);
            double eps = type.equals("FLOAT") ? Math.ulp(1.0f) : Math.ulp(1.0);
            double inEps = identities.doubleColumn("max_abs_error").get(row) / eps;
            String name = identities.stringColumn("identity").get(row) + ", " + type + ", in eps";
            assertPrinted("%.1f", inEps, name);
            assertTrue(inEps <= finding("identity error bound (eps)"), name + ": " + inEps);
        }
        assertEquals(Identities.ERROR_BOUND_IN_EPS, finding("identity error bound (eps)"));
        assertPrinted("%.2e", Math.ulp(1.0f), "eps FLOAT");
        assertPrinted("%.2e", Math.ulp(1.0), "eps DOUBLE");
    }

    /**
     * SiLU's minimum is -W(1/e) = -0.2784645427610738 at z = -1 - W(1/e) (W(1/e) published to 16
     * digits); its steepest slope is where sigma'(z)(2 + z(1 - 2 sigma(z))) = 0; the hard sigmoid's
     * largest gap is 1 - sigma(5/2); slopes at 0 are sigma(0)(1 - sigma(0)) and sigma(0).
     */
    @Test
    void curveFindingsAgainstClosedForms() {
        double w = 0.2784645427610738;
        assertPrinted("%.5f", -w, "SiLU minimum value");
        assertPrinted("%.5f", -1 - w, "SiLU minimum at z");
        double z = finding("SiLU steepest slope at z");
        assertEquals(0, sigma(z) * (1 - sigma(z)) * (2 + z * (1 - 2 * sigma(z))), 1e-4);
        assertPrinted("%.4f", sigma(z) * (1 + z * (1 - sigma(z))), "SiLU steepest slope");
        assertPrinted("%.4f", 1 - sigma(2.5), "hard sigmoid largest gap to sigmoid");
        Table curves = table("curves");
        int zero = curves.doubleColumn("z").isEqualTo(0.0).get(0);
        assertEquals(finding("sigmoid slope at 0"), curves.doubleColumn("sigmoid_prime").get(zero), 1e-15);
        assertEquals(finding("SiLU slope at 0"), curves.doubleColumn("silu_prime").get(zero), 1e-15);
        assertEquals(finding("hard sigmoid slope"), curves.doubleColumn("hard_sigmoid_prime").get(zero), 1e-8);
        assertEquals(0.0, curves.doubleColumn("hard_sigmoid_prime").get(curves.rowCount() - 1));
        assertEquals(1.0, curves.doubleColumn("hard_sigmoid").get(curves.rowCount() - 1));
    }

    /** (e^z + 1)^2 overflows from z = ln(largest) / 2; the first NaN lies within one grid step above it. */
    @Test
    void swishGradientBreaksDownWhereTheSquareOverflows() {
        assertEquals("1/64", new Results(book.dir().resolve("data").resolve(CHAPTER)).finding("SWISH gradient grid step"));
        assertPrinted("%.2f", Math.log(Float.MAX_VALUE) / 2, "(e^z + 1)^2 overflows from z, FLOAT");
        assertPrinted("%.2f", Math.log(Double.MAX_VALUE) / 2, "(e^z + 1)^2 overflows from z, DOUBLE");
        for (String type : List.of("FLOAT", "DOUBLE")) {
            double largest = type.equals("FLOAT") ? Float.MAX_VALUE : Double.MAX_VALUE;
            double nan = finding("SWISH gradient NaN from z, " + type);
            assertTrue(nan >= Math.log(largest) / 2 - 0.01 && nan <= Math.log(largest) / 2 + 1.0 / 64 + 0.01, type + ": " + nan);
        }
    }

    /** The summary recomputed from the per-seed rows, and the findings the page quotes read from it. */
    @Test
    void multiLabelSummaryAndFindingsComeFromThePerSeedRows() {
        Table raw = table("multilabel");
        Table summary = table("multilabel-summary");
        for (int row = 0; row < summary.rowCount(); row++) {
            String model = summary.stringColumn("model").get(row);
            String group = summary.stringColumn("heldout_digits").get(row);
            String label = summary.stringColumn("label").get(row);
            double[] seeds = raw.where(raw.stringColumn("model").isEqualTo(model).and(raw.stringColumn("heldout_digits").isEqualTo(group))
                    .and(raw.stringColumn("label").isEqualTo(label))).doubleColumn("heldout_accuracy").asDoubleArray();
            assertEquals(finding("seeds"), seeds.length, model + " " + group + " " + label);
            assertEquals(Arrays.stream(seeds).average().orElseThrow(), summary.doubleColumn("mean").get(row), 1e-12);
            assertEquals(Arrays.stream(seeds).min().orElseThrow(), summary.doubleColumn("min").get(row), 1e-12);
            assertEquals(Arrays.stream(seeds).max().orElseThrow(), summary.doubleColumn("max").get(row), 1e-12);
            if (group.equals(MultiLabel.ALL_DIGITS)) {
                assertPrinted("%.3f", Arrays.stream(seeds).min().orElseThrow(), model + " " + label + " min");
                assertPrinted("%.3f", Arrays.stream(seeds).max().orElseThrow(), model + " " + label + " max");
            }
        }
    }

    /**
     * Counted from the digits themselves: which combinations occur, how many held-out digits carry two
     * or more labels (0, 4, 9 carry two, 6 and 8 three), and how many held-out 9s there are.
     */
    @Test
    void labelCountsFromTheHeldOutDigits() throws IOException {
        int[] counts = Mnist.load().test().classCounts();
        int several = counts[0] + counts[4] + counts[6] + counts[8] + counts[9];
        assertPrinted("%.1f", 100.0 * several / Arrays.stream(counts).sum(), "held-out digits with two or more labels (%)");
        assertEquals(counts[9], finding("held-out 9s"));
        assertEquals(Arrays.stream(counts).sum(), finding("multi-label held-out digits"));
        assertEquals(6, finding("combinations that occur"));
        assertEquals(8, finding("label combinations"));
    }

    /** The impossible predictions recounted from the predictions table; the softmax's most likely combination is never one. */
    @Test
    void impossibleCombinationsRecounted() {
        Table predictions = table("multilabel-predictions");
        Table impossible = table("multilabel-impossible");
        for (int row = 0; row < impossible.rowCount(); row++) {
            String model = impossible.stringColumn("model").get(row);
            int seed = impossible.intColumn("seed").get(row);
            Table rows = predictions.where(predictions.stringColumn("model").isEqualTo(model)
                    .and(predictions.intColumn("seed").isEqualTo(seed)).and(predictions.stringColumn("heldout_digits").isEqualTo("all"))
                    .and(predictions.stringColumn("combination").isIn("even+greater_than_4", "closed_loop")));
            assertEquals(2, rows.rowCount());
            assertEquals(rows.intColumn("predicted").sum(), impossible.intColumn("predicted").getInt(row), model + " " + seed);
        }
        for (String model : impossible.stringColumn("model").unique().asList()) {
            Table rows = impossible.where(impossible.stringColumn("model").isEqualTo(model));
            assertEquals(rows.intColumn("predicted").min(), finding(model + " impossible combinations predicted, fewest"));
            assertEquals(rows.intColumn("predicted").max(), finding(model + " impossible combinations predicted, most"));
        }
        assertEquals(0, finding("softmax-8-argmax impossible combinations predicted, most"));
        assertEquals(0, finding("softmax-8-argmax 9s fully right without 9s, max (%)"));
        Table summary = table("multilabel-summary");
        int nines = Summaries.row(summary, "sigmoid-3", "only 9", MultiLabel.ALL_THREE);
        assertPrinted("%.1f", 100 * summary.doubleColumn("min").get(nines), "sigmoid-3 9s fully right without 9s, min (%)");
        assertPrinted("%.1f", 100 * summary.doubleColumn("max").get(nines), "sigmoid-3 9s fully right without 9s, max (%)");
    }

    /**
     * At initialisation the forget gate sits near sigma(1), DL4J's forget bias being 1, and the other
     * gates near 1/2; the rebuilt h_t matches the layer's own; the gates are read when the page says.
     */
    @Test
    void lstmFindings() {
        assertPrinted("%.3f", sigma(1), "sigma(1)");
        assertEquals(sigma(1), finding("forget gate mean at start"), 0.03);
        assertEquals(0.5, finding("input gate mean at start"), 0.03);
        assertEquals(0.5, finding("output gate mean at start"), 0.03);
        assertTrue(finding("rebuilt h_t: largest difference from DL4J's") < 1e-5);
        assertEquals(finding("LSTM updates") * finding("LSTM minibatch size"), finding("LSTM digits seen"));
        Table gates = table("gates");
        int updates = (int) finding("LSTM updates");
        int every = (int) finding("LSTM gates read every (updates)");
        int[] expected = java.util.stream.IntStream.rangeClosed(0, updates).filter(s -> s % every == 0 || s == updates).toArray();
        assertEquals(Arrays.stream(expected).boxed().toList(), gates.intColumn("step").unique().asList().stream().sorted().toList());
        for (String gate : List.of("input", "forget", "output")) {
            Table end = gates.where(gates.intColumn("step").isEqualTo(updates).and(gates.stringColumn("gate").isEqualTo(gate)));
            assertPrinted("%.1f", 100 * end.doubleColumn("fraction_above_0_9").get(0), gate + " gate above 0.9 at end (%)");
            assertPrinted("%.1f", 100 * end.doubleColumn("fraction_below_0_1").get(0), gate + " gate below 0.1 at end (%)");
        }
        assertPrinted("%.3f", table("lstm").doubleColumn("heldout_accuracy").get(0), "LSTM held-out accuracy");
    }

    /**
     * SiLU's slope at 0 is 1/2, so under N(0, 1/n_in) a layer passes on about half the spread it
     * receives; the finding is recomputed from the activation-scale rows, network by network.
     */
    @Test
    void gainPerLayerRecomputedFromTheActivationSpread() {
        Table scales = table("activation-scale");
        for (HiddenUnits.Hidden hidden : HiddenUnits.Hidden.values()) {
            Table rows = scales.where(scales.stringColumn("hidden").isEqualTo(hidden.id()));
            double sum = 0;
            int networks = 0;
            for (int seed : rows.intColumn("seed").unique().asList()) {
                double[] std = rows.where(rows.intColumn("seed").isEqualTo(seed)).doubleColumn("activation_std").asDoubleArray();
                sum += Math.pow(std[std.length - 1] / std[0], 1.0 / (std.length - 1));
                networks++;
            }
            assertPrinted("%.2f", sum / networks, hidden.id() + " gain per layer");
        }
        assertEquals(0.5, finding("silu gain per layer"), 0.07);
        assertPrinted("%.3f", Math.log(2), "ln 2");
    }

    /** The accuracy range and mean loss after the last epoch, recounted from the per-epoch rows; the held-out 4s and 9s counted in the digits. */
    @Test
    void hiddenUnitFindingsRecountedFromTheEpochRows() throws IOException {
        Table activations = table("activations");
        int last = (int) activations.intColumn("epoch").max();
        assertEquals(last, finding("hidden-unit epochs"));
        for (HiddenUnits.Hidden hidden : HiddenUnits.Hidden.values()) {
            Table end = activations.where(activations.stringColumn("hidden").isEqualTo(hidden.id()).and(activations.intColumn("epoch").isEqualTo(last)));
            assertEquals(finding("seeds"), end.rowCount(), hidden.id());
            assertPrinted("%.3f", end.doubleColumn("heldout_accuracy").min(), hidden.id() + " accuracy min");
            assertPrinted("%.3f", end.doubleColumn("heldout_accuracy").max(), hidden.id() + " accuracy max");
            assertPrinted("%.3f", end.doubleColumn("heldout_loss").mean(), hidden.id() + " loss mean");
        }
        int[] counts = Mnist.load().test().classCounts();
        assertEquals(counts[4] + counts[9], finding("hidden-unit held-out digits (4s and 9s)"));
        assertEquals(Arrays.stream(counts).sum(), finding("LSTM held-out digits"));
        assertEquals(finding("first seed"), activations.intColumn("seed").min());
    }

    /** The page's claims in words about the full-size run, on the committed tables. */
    @Test
    void committedTablesSupportThePage() throws IOException {
        Path data = ProjectRoot.get().resolve("data").resolve(CHAPTER);
        Table summary = Csv.read(data.resolve("multilabel-summary.csv"));
        for (String label : List.of("even", "greater_than_4", "closed_loop", "all_three")) {
            double sigmoids = summary.doubleColumn("mean").get(Summaries.row(summary, "sigmoid-3", "all", label));
            double softmax = summary.doubleColumn("mean").get(Summaries.row(summary, "softmax-8-argmax", "all", label));
            double marginal = summary.doubleColumn("mean").get(Summaries.row(summary, "softmax-8-marginal", "all", label));
            assertTrue(softmax > sigmoids, "the softmax wins on " + label);
            assertEquals(softmax, marginal, 0.03, "reading the softmax by marginals changes little on " + label);
        }
        assertEquals(0.0, summary.doubleColumn("max").get(Summaries.row(summary, "softmax-8-argmax", "only 9", "all_three")));
        assertTrue(summary.doubleColumn("min").get(Summaries.row(summary, "sigmoid-3", "only 9", "all_three")) > 0);

        Table gates = Csv.read(data.resolve("gates.csv"));
        int last = (int) gates.intColumn("step").max();
        double[] open = new double[3];
        for (int g = 0; g < 3; g++) {
            String gate = List.of("forget", "output", "input").get(g);
            Table rows = gates.where(gates.stringColumn("gate").isEqualTo(gate));
            Table end = rows.where(rows.intColumn("step").isEqualTo(last));
            open[g] = end.doubleColumn("fraction_above_0_9").get(0);
            assertTrue(open[g] > rows.doubleColumn("fraction_above_0_9").get(0), gate + ": training opens gates");
            assertTrue(end.doubleColumn("fraction_below_0_1").get(0) < open[g], gate + ": shut gates are rarer");
        }
        assertTrue(open[0] > open[1] && open[1] > open[2], "the forget gate leads, then output, then input");

        Table activations = Csv.read(data.resolve("activations.csv"));
        Table silu = activations.where(activations.stringColumn("hidden").isEqualTo("silu").and(activations.intColumn("epoch").isLessThan(3)));
        for (double loss : silu.doubleColumn("heldout_loss").asDoubleArray()) {
            assertEquals(Math.log(2), loss, 0.05, "SiLU under N(0, 1/n_in) stays near ln 2 for the first epochs");
        }
        Table end = Csv.read(data.resolve("activations-summary.csv"));
        double siluHe = end.doubleColumn("min").get(Summaries.row(end, "silu-he"));
        for (String other : List.of("tanh", "relu-he")) {
            int row = Summaries.row(end, other);
            assertTrue(siluHe >= end.doubleColumn("min").get(row) - 0.01, "SiLU with He trains as well as " + other);
            assertTrue(end.doubleColumn("max").get(Summaries.row(end, "silu")) < end.doubleColumn("min").get(row), "SiLU under N(0, 1/n_in) is behind " + other);
        }
    }
}
