package org.sigmoidbook.chapters.today;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.sigmoidbook.BookTest;
import org.sigmoidbook.ChapterData;
import org.sigmoidbook.QuickBook;
import org.sigmoidbook.chapters.today.ActivationCurves.CurvePoint;
import org.sigmoidbook.chapters.today.HiddenUnits.EpochScore;
import org.sigmoidbook.chapters.today.HiddenUnits.Hidden;
import org.sigmoidbook.chapters.today.HiddenUnits.LayerSpread;
import org.sigmoidbook.chapters.today.Identities.IdentityCheck;
import org.sigmoidbook.chapters.today.LstmGates.Gate;
import org.sigmoidbook.chapters.today.LstmGates.GateReading;
import org.sigmoidbook.chapters.today.LstmGates.LstmRun;
import org.sigmoidbook.chapters.today.MultiLabel.Model;
import org.sigmoidbook.chapters.today.MultiLabelResult.LabelAccuracy;
import org.sigmoidbook.chapters.today.MultiLabelResult.PredictedCombination;
import org.sigmoidbook.chapters.today.Summaries.ImpossibleCount;
import org.sigmoidbook.chapters.today.Summaries.LabelSummary;
import org.sigmoidbook.toolkit.data.Mnist;

/**
 * The chapter's outputs in the shared quick run. Its tables have the columns the issue names, and
 * every number the page takes from a finding is checked against an independent expectation: a
 * closed form, a published constant, or a recount from the raw tables.
 */
class TodayQuickRunTest {

    private static ChapterData run() {
        return QuickBook.chapter("today");
    }

    private static double finding(String name) {
        return run().finding(name);
    }

    private static List<String> columns(String table) {
        return run().results().text(table).columnNames();
    }

    private static double sigma(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** N for a step printed as 1/N, a power of two. */
    private static int perUnit(String step) {
        String text = run().text(step);
        assertTrue(text.startsWith("1/"), text);
        int n = Integer.parseInt(text.substring(2));
        assertEquals(1, Integer.bitCount(n), text);
        return n;
    }

    /** A finding as the page prints it, against a value rounded the same way. */
    private static void assertPrinted(String format, double expected, String name) {
        assertEquals(String.format(Locale.ROOT, format, expected), run().text(name), name);
    }

    @BookTest
    void tablesHaveTheColumnsTheIssueNames() {
        assertEquals(List.of("identity", "data_type", "max_abs_error"), columns("identities"));
        assertEquals(List.of("step", "gate", "mean", "fraction_below_0_1", "fraction_above_0_9"), columns("gates"));
        assertEquals(List.of("model", "seed", "heldout_digits", "label", "heldout_accuracy"), columns("multilabel"));
        assertEquals(List.of("hidden", "seed", "epoch", "heldout_accuracy", "heldout_loss"), columns("activations"));
        assertEquals(List.of("z", "sigmoid", "sigmoid_prime", "silu", "silu_prime", "hard_sigmoid", "hard_sigmoid_prime"),
                columns("curves"));
        for (String figure : List.of("gates", "multilabel", "curves", "activations", "silu-signal")) {
            assertTrue(Files.isRegularFile(run().figure(figure + ".png")), figure);
        }
    }

    /** The grids the page describes, and every identity's error in eps within the bound derived in {@link Identities}. */
    @BookTest
    void identityFindings() {
        assertEquals(2 * finding("identity grid limit") * perUnit("identity grid step") + 1, finding("identity grid points"));
        assertEquals(Math.pow(2 * finding("softmax grid limit") * perUnit("softmax grid step") + 1, 2), finding("softmax grid pairs"));
        for (IdentityCheck check : run().rows("identities", IdentityCheck.class)) {
            String type = check.dataType().name();
            double eps = type.equals("FLOAT") ? Math.ulp(1.0f) : Math.ulp(1.0);
            double inEps = check.maxAbsError() / eps;
            String name = check.identity() + ", " + type + ", in eps";
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
    @BookTest
    void curveFindingsAgainstClosedForms() {
        double w = 0.2784645427610738;
        assertPrinted("%.5f", -w, "SiLU minimum value");
        assertPrinted("%.5f", -1 - w, "SiLU minimum at z");
        double z = finding("SiLU steepest slope at z");
        assertEquals(0, sigma(z) * (1 - sigma(z)) * (2 + z * (1 - 2 * sigma(z))), 1e-4);
        assertPrinted("%.4f", sigma(z) * (1 + z * (1 - sigma(z))), "SiLU steepest slope");
        assertPrinted("%.4f", 1 - sigma(2.5), "hard sigmoid largest gap to sigmoid");
        List<CurvePoint> curves = run().rows("curves", CurvePoint.class);
        CurvePoint zero = curves.stream().filter(p -> p.z() == 0.0).findFirst().orElseThrow();
        assertEquals(finding("sigmoid slope at 0"), zero.sigmoidPrime(), 1e-15);
        assertEquals(finding("SiLU slope at 0"), zero.siluPrime(), 1e-15);
        assertEquals(finding("hard sigmoid slope"), zero.hardSigmoidPrime(), 1e-8);
        CurvePoint last = curves.get(curves.size() - 1);
        assertEquals(0.0, last.hardSigmoidPrime());
        assertEquals(1.0, last.hardSigmoid());
    }

    /** (e^z + 1)^2 overflows from z = ln(largest) / 2; the first NaN lies within one grid step above it. */
    @BookTest
    void swishGradientBreaksDownWhereTheSquareOverflows() {
        assertEquals("1/64", run().text("SWISH gradient grid step"));
        assertPrinted("%.2f", Math.log(Float.MAX_VALUE) / 2, "(e^z + 1)^2 overflows from z, FLOAT");
        assertPrinted("%.2f", Math.log(Double.MAX_VALUE) / 2, "(e^z + 1)^2 overflows from z, DOUBLE");
        for (String type : List.of("FLOAT", "DOUBLE")) {
            double largest = type.equals("FLOAT") ? Float.MAX_VALUE : Double.MAX_VALUE;
            double nan = finding("SWISH gradient NaN from z, " + type);
            assertTrue(nan >= Math.log(largest) / 2 - 0.01 && nan <= Math.log(largest) / 2 + 1.0 / 64 + 0.01, type + ": " + nan);
        }
    }

    /** The summary recomputed from the per-seed rows, and the findings the page quotes read from it. */
    @BookTest
    void multiLabelSummaryAndFindingsComeFromThePerSeedRows() {
        List<LabelAccuracy> raw = run().rows("multilabel", LabelAccuracy.class);
        for (LabelSummary row : run().rows("multilabel-summary", LabelSummary.class)) {
            String model = row.model().id();
            String group = row.heldoutDigits();
            String label = row.label();
            double[] seeds = raw.stream()
                    .filter(r -> r.model() == row.model() && r.heldoutDigits().equals(group) && r.label().equals(label))
                    .mapToDouble(LabelAccuracy::heldoutAccuracy).toArray();
            assertEquals(finding("seeds"), seeds.length, model + " " + group + " " + label);
            assertEquals(Arrays.stream(seeds).average().orElseThrow(), row.mean(), 1e-12);
            assertEquals(Arrays.stream(seeds).min().orElseThrow(), row.min(), 1e-12);
            assertEquals(Arrays.stream(seeds).max().orElseThrow(), row.max(), 1e-12);
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
    @BookTest
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
    @BookTest
    void impossibleCombinationsRecounted() {
        List<PredictedCombination> predictions = run().rows("multilabel-predictions", PredictedCombination.class);
        List<ImpossibleCount> impossible = run().rows("multilabel-impossible", ImpossibleCount.class);
        for (ImpossibleCount count : impossible) {
            List<PredictedCombination> rows = predictions.stream().filter(p -> p.model() == count.model() && p.seed() == count.seed()
                    && p.heldoutDigits().equals("all") && List.of("even+greater_than_4", "closed_loop").contains(p.combination())).toList();
            assertEquals(2, rows.size());
            assertEquals(rows.stream().mapToInt(PredictedCombination::predicted).sum(), count.predicted(),
                    count.model().id() + " " + count.seed());
        }
        for (Model model : impossible.stream().map(ImpossibleCount::model).distinct().toList()) {
            int[] predicted = impossible.stream().filter(c -> c.model() == model).mapToInt(ImpossibleCount::predicted).toArray();
            assertEquals(Arrays.stream(predicted).min().orElseThrow(), finding(model.id() + " impossible combinations predicted, fewest"));
            assertEquals(Arrays.stream(predicted).max().orElseThrow(), finding(model.id() + " impossible combinations predicted, most"));
        }
        assertEquals(0, finding("softmax-8-argmax impossible combinations predicted, most"));
        assertEquals(0, finding("softmax-8-argmax 9s fully right without 9s, max (%)"));
        List<LabelSummary> summary = run().rows("multilabel-summary", LabelSummary.class);
        LabelSummary nines = Summaries.find(summary, Model.SIGMOIDS, "only 9", MultiLabel.ALL_THREE);
        assertPrinted("%.1f", 100 * nines.min(), "sigmoid-3 9s fully right without 9s, min (%)");
        assertPrinted("%.1f", 100 * nines.max(), "sigmoid-3 9s fully right without 9s, max (%)");
    }

    /**
     * At initialisation the forget gate sits near sigma(1), DL4J's forget bias being 1, and the other
     * gates near 1/2; the rebuilt h_t matches the layer's own; the gates are read when the page says.
     */
    @BookTest
    void lstmFindings() {
        assertPrinted("%.3f", sigma(1), "sigma(1)");
        assertEquals(sigma(1), finding("forget gate mean at start"), 0.03);
        assertEquals(0.5, finding("input gate mean at start"), 0.03);
        assertEquals(0.5, finding("output gate mean at start"), 0.03);
        assertTrue(finding("rebuilt h_t: largest difference from DL4J's") < 1e-5);
        assertEquals(finding("LSTM updates") * finding("LSTM minibatch size"), finding("LSTM digits seen"));
        List<GateReading> gates = run().rows("gates", GateReading.class);
        int updates = (int) finding("LSTM updates");
        int every = (int) finding("LSTM gates read every (updates)");
        int[] expected = IntStream.rangeClosed(0, updates).filter(s -> s % every == 0 || s == updates).toArray();
        assertEquals(Arrays.stream(expected).boxed().toList(), gates.stream().map(GateReading::step).distinct().sorted().toList());
        for (Gate gate : Gate.values()) {
            GateReading end = gates.stream().filter(r -> r.step() == updates && r.gate() == gate).findFirst().orElseThrow();
            assertPrinted("%.1f", 100 * end.fractionNearOpen(), gate.id() + " gate above 0.9 at end (%)");
            assertPrinted("%.1f", 100 * end.fractionNearShut(), gate.id() + " gate below 0.1 at end (%)");
        }
        assertPrinted("%.3f", run().rows("lstm", LstmRun.class).get(0).heldoutAccuracy(), "LSTM held-out accuracy");
    }

    /**
     * SiLU's slope at 0 is 1/2, so under N(0, 1/n_in) a layer passes on about half the spread it
     * receives; the finding is recomputed from the activation-scale rows, network by network.
     */
    @BookTest
    void gainPerLayerRecomputedFromTheActivationSpread() {
        List<LayerSpread> scales = run().rows("activation-scale", LayerSpread.class);
        for (Hidden hidden : Hidden.values()) {
            List<LayerSpread> rows = scales.stream().filter(s -> s.hidden() == hidden).toList();
            double sum = 0;
            int networks = 0;
            for (long seed : rows.stream().mapToLong(LayerSpread::seed).distinct().toArray()) {
                double[] std = rows.stream().filter(s -> s.seed() == seed).mapToDouble(LayerSpread::activationStd).toArray();
                sum += Math.pow(std[std.length - 1] / std[0], 1.0 / (std.length - 1));
                networks++;
            }
            assertPrinted("%.2f", sum / networks, hidden.id() + " gain per layer");
        }
        assertEquals(0.5, finding("silu gain per layer"), 0.07);
        assertPrinted("%.3f", Math.log(2), "ln 2");
    }

    /**
     * The accuracy range and mean loss after the last epoch, recounted from the per-epoch rows; the
     * held-out 4s and 9s counted in the digits.
     */
    @BookTest
    void hiddenUnitFindingsRecountedFromTheEpochRows() throws IOException {
        List<EpochScore> activations = run().rows("activations", EpochScore.class);
        int last = activations.stream().mapToInt(EpochScore::epoch).max().orElseThrow();
        assertEquals(last, finding("hidden-unit epochs"));
        for (Hidden hidden : Hidden.values()) {
            List<EpochScore> end = activations.stream().filter(s -> s.hidden() == hidden && s.epoch() == last).toList();
            assertEquals(finding("seeds"), end.size(), hidden.id());
            double[] accuracy = end.stream().mapToDouble(EpochScore::heldoutAccuracy).toArray();
            assertPrinted("%.3f", Arrays.stream(accuracy).min().orElseThrow(), hidden.id() + " accuracy min");
            assertPrinted("%.3f", Arrays.stream(accuracy).max().orElseThrow(), hidden.id() + " accuracy max");
            assertPrinted("%.3f", end.stream().mapToDouble(EpochScore::heldoutLoss).average().orElseThrow(), hidden.id() + " loss mean");
        }
        int[] counts = Mnist.load().test().classCounts();
        assertEquals(counts[4] + counts[9], finding("hidden-unit held-out digits (4s and 9s)"));
        assertEquals(Arrays.stream(counts).sum(), finding("LSTM held-out digits"));
        assertEquals(finding("first seed"), activations.stream().mapToLong(EpochScore::seed).min().orElseThrow());
    }
}
