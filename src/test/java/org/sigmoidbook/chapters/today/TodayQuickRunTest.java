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
import org.sigmoidbook.book.Finding;
import org.sigmoidbook.chapters.today.ActivationCurves.CurvePoint;
import org.sigmoidbook.chapters.today.HiddenUnits.EpochScore;
import org.sigmoidbook.chapters.today.HiddenUnits.Hidden;
import org.sigmoidbook.chapters.today.HiddenUnits.LayerSpread;
import org.sigmoidbook.chapters.today.LstmGates.Gate;
import org.sigmoidbook.chapters.today.LstmGates.GateReading;
import org.sigmoidbook.chapters.today.LstmGates.Init;
import org.sigmoidbook.chapters.today.LstmGates.LstmRun;
import org.sigmoidbook.chapters.today.MultiLabel.Model;
import org.sigmoidbook.chapters.today.MultiLabel.TrainingSet;
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

    /** A finding as the page prints it, against a value rounded the same way. */
    private static void assertPrinted(String format, double expected, String name) {
        assertEquals(String.format(Locale.ROOT, format, expected), run().text(name), name);
    }

    /** A finding as the page shows it. */
    private static Finding shown(String name) {
        Finding finding = run().results().findings().get(name);
        assertTrue(finding != null, "no finding " + name);
        return finding;
    }

    /**
     * Student's t 97.5% quantiles for 1 to 4 degrees of freedom, from the published tables: the
     * interval of a mean over 2 to 5 seeds.
     */
    private static final double[] T_975 = {12.706204736, 4.302652730, 3.182446305, 2.776445105};

    /** An over-seeds finding against the mean and the t interval computed here from the values it rests on. */
    private static void assertMeanOverSeeds(double[] perSeed, String name) {
        assertMeanOverSeeds(perSeed, name, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** The same for a share or an accuracy ([0, 1]) or a loss ([0, ∞)): the interval ends at the bounds. */
    private static void assertMeanOverSeeds(double[] perSeed, String name, double lowest, double highest) {
        Finding finding = shown(name);
        int n = perSeed.length;
        double mean = Arrays.stream(perSeed).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(perSeed).map(v -> (v - mean) * (v - mean)).sum() / (n - 1));
        double half = T_975[n - 2] * sd / Math.sqrt(n);
        assertEquals(Finding.Basis.SEEDS_MEAN, finding.basis(), name);
        assertEquals(n, finding.seeds(), name);
        assertEquals(mean, finding.value(), 1e-12, name);
        assertEquals(Math.max(lowest, mean - half), finding.low(), 1e-9, name);
        assertEquals(Math.min(highest, mean + half), finding.high(), 1e-9, name);
    }

    /** A median-over-seeds finding against the median and the range of the values it rests on. */
    private static void assertMedianOverSeeds(double[] perSeed, String name) {
        Finding finding = shown(name);
        double[] sorted = perSeed.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        assertEquals(Finding.Basis.SEEDS_MEDIAN, finding.basis(), name);
        assertEquals(median, finding.value(), 1e-12, name);
        assertEquals(sorted[0], finding.low(), 0, name);
        assertEquals(sorted[n - 1], finding.high(), 0, name);
    }

    @BookTest
    void tablesHaveTheirColumnsAndEveryFigureIsDrawn() {
        assertEquals(List.of("init", "seed", "step", "gate", "mean", "fraction_below_0_1", "fraction_above_0_9"), columns("gates"));
        assertEquals(List.of("init", "seed", "step", "relative_error"), columns("recall-error"));
        assertEquals(List.of("init", "seed", "updates", "heldout_relative_error", "largest_rebuild_error"), columns("lstm"));
        assertEquals(List.of("model", "training_set", "seed", "heldout_set", "label", "heldout_accuracy"), columns("multilabel"));
        assertEquals(List.of("model", "training_set", "heldout_set", "label", "seeds", "mean", "min", "max"), columns("multilabel-summary"));
        assertEquals(List.of("model", "training_set", "seed", "heldout_set", "combination", "predicted"), columns("multilabel-predictions"));
        assertEquals(List.of("combination", "digits", "training_digits", "heldout_digits"), columns("multilabel-combinations"));
        assertEquals(List.of("experiment", "examples", "training_examples", "heldout_examples"), columns("datasets"));
        assertEquals(List.of("hidden", "seed", "epoch", "heldout_accuracy", "heldout_loss"), columns("activations"));
        assertEquals(List.of("z", "sigmoid", "sigmoid_prime", "silu", "silu_prime", "hard_sigmoid", "hard_sigmoid_prime"),
                columns("curves"));
        for (String figure : List.of("gates", "multilabel", "multilabel-nines", "multilabel-triplets", "curves", "activations",
                "silu-signal")) {
            assertTrue(Files.isRegularFile(run().figure(figure + ".png")), figure);
        }
    }

    /**
     * The page's statement on centring: sigma(z) - 1/2 = tanh(z/2) / 2 has slope 1/4 at 0, a quarter
     * of tanh's 1. The slope of DL4J's sigmoid at 0, by the central difference of its tabled values,
     * and by its backprop.
     */
    @BookTest
    void theCentredSigmoidHasAQuarterOfTanhsSlope() {
        List<CurvePoint> curves = run().rows("curves", CurvePoint.class);
        int zero = IntStream.range(0, curves.size()).filter(i -> curves.get(i).z() == 0).findFirst().orElseThrow();
        double h = curves.get(zero + 1).z();
        double centredSlope = ((curves.get(zero + 1).sigmoid() - 0.5) - (curves.get(zero - 1).sigmoid() - 0.5)) / (2 * h);
        double tanhSlope = 1 - Math.pow(Math.tanh(0), 2);
        assertEquals(tanhSlope / 4, centredSlope, h * h);
        assertEquals(0.25, finding("sigmoid slope at 0"));
        assertEquals("0.25", run().text("sigmoid slope at 0"));
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

    /** The summary recomputed from the per-seed rows, and the findings the page quotes, each against its per-seed values. */
    @BookTest
    void multiLabelSummaryAndFindingsComeFromThePerSeedRows() {
        List<LabelAccuracy> raw = run().rows("multilabel", LabelAccuracy.class);
        for (LabelSummary row : run().rows("multilabel-summary", LabelSummary.class)) {
            double[] seeds = perSeed(raw, row.model(), row.trainingSet(), row.heldoutSet(), row.label());
            String where = row.model().id() + " " + row.trainingSet().id() + " " + row.heldoutSet() + " " + row.label();
            assertEquals(finding("seeds"), seeds.length, where);
            assertEquals(Arrays.stream(seeds).average().orElseThrow(), row.mean(), 1e-12, where);
            assertEquals(Arrays.stream(seeds).min().orElseThrow(), row.min(), 1e-12, where);
            assertEquals(Arrays.stream(seeds).max().orElseThrow(), row.max(), 1e-12, where);
        }
        for (Model model : Model.values()) {
            for (String label : List.of("even", "greater_than_4", "closed_loop", "all_three")) {
                assertMeanOverSeeds(perSeed(raw, model, TrainingSet.ALL_DIGITS, MultiLabel.ALL, label), model.id() + " " + label, 0, 1);
                assertMeanOverSeeds(perSeed(raw, model, TrainingSet.TRIPLETS, MultiLabel.UNSEEN, label),
                        model.id() + " unseen triplets " + label, 0, 1);
            }
            assertMeanOverSeeds(perSeed(raw, model, TrainingSet.TRIPLETS, Triplets.SEEN, MultiLabel.ALL_THREE),
                    model.id() + " seen triplets all_three", 0, 1);
        }
        for (Model model : List.of(Model.SIGMOIDS, Model.SOFTMAX_MOST_LIKELY)) {
            for (String label : List.of("even", "greater_than_4", "closed_loop", "all_three")) {
                assertMeanOverSeeds(perSeed(raw, model, TrainingSet.NO_NINES, MultiLabel.NINES, label), model.id() + " unseen 9s " + label, 0, 1);
            }
        }
        assertEquals(0.5, finding("coin flips: one label right"));
        assertEquals(0.125, finding("coin flips: all three right"));
    }

    private static double[] perSeed(List<LabelAccuracy> raw, Model model, TrainingSet trainingSet, String heldoutSet, String label) {
        return raw.stream().filter(r -> r.model() == model && r.trainingSet() == trainingSet && r.heldoutSet().equals(heldoutSet)
                && r.label().equals(label)).mapToDouble(LabelAccuracy::heldoutAccuracy).toArray();
    }

    /**
     * What the 9s were read as, counted here from the predictions table: per seed, the share of the
     * held-out 9s given a 4's, a 7's and their own combination; and the rows of each seed and model
     * add up to every held-out 9.
     */
    @BookTest
    void whatTheNinesWereReadAsIsCountedFromThePredictions() {
        List<PredictedCombination> predictions = run().rows("multilabel-predictions", PredictedCombination.class).stream()
                .filter(p -> p.trainingSet() == TrainingSet.NO_NINES && p.heldoutSet().equals(MultiLabel.NINES)).toList();
        double nines = finding("held-out 9s");
        for (Model model : List.of(Model.SIGMOIDS, Model.SOFTMAX_MOST_LIKELY)) {
            long[] seeds = predictions.stream().filter(p -> p.model() == model).mapToLong(PredictedCombination::seed).distinct().toArray();
            assertEquals(finding("seeds"), seeds.length);
            for (long seed : seeds) {
                assertEquals(nines, predictions.stream().filter(p -> p.model() == model && p.seed() == seed)
                        .mapToInt(PredictedCombination::predicted).sum(), model.id() + " " + seed);
            }
            for (String combination : List.of("even+closed_loop", "greater_than_4", "greater_than_4+closed_loop")) {
                double[] share = Arrays.stream(seeds).mapToDouble(seed -> predictions.stream()
                        .filter(p -> p.model() == model && p.seed() == seed && p.combination().equals(combination))
                        .mapToInt(PredictedCombination::predicted).sum() / nines).toArray();
                assertMeanOverSeeds(share, model.id() + " 9s read as " + combination, 0, 1);
            }
        }
        assertEquals("greater_than_4+closed_loop", MultiLabel.describe(MultiLabel.combination(9)));
        assertEquals("even+closed_loop", MultiLabel.describe(MultiLabel.combination(4)));
        assertEquals("greater_than_4", MultiLabel.describe(MultiLabel.combination(7)));
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

    /**
     * The impossible predictions recounted from the predictions table, pooled over the seeds with
     * Wilson's interval; the softmax's most likely combination is never one.
     */
    @BookTest
    void impossibleCombinationsRecounted() {
        List<PredictedCombination> predictions = run().rows("multilabel-predictions", PredictedCombination.class);
        List<ImpossibleCount> impossible = run().rows("multilabel-impossible", ImpossibleCount.class);
        for (ImpossibleCount count : impossible) {
            List<PredictedCombination> rows = predictions.stream().filter(p -> p.model() == count.model() && p.seed() == count.seed()
                    && p.trainingSet() == TrainingSet.ALL_DIGITS
                    && List.of("even+greater_than_4", "closed_loop").contains(p.combination())).toList();
            assertEquals(2, rows.size());
            assertEquals(rows.stream().mapToInt(PredictedCombination::predicted).sum(), count.predicted(),
                    count.model().id() + " " + count.seed());
        }
        double heldout = finding("multi-label held-out digits");
        for (Model model : Model.values()) {
            List<ImpossibleCount> mine = impossible.stream().filter(c -> c.model() == model).toList();
            int predicted = mine.stream().mapToInt(ImpossibleCount::predicted).sum();
            double n = heldout * mine.size();
            Finding finding = shown(model.id() + " impossible combinations predicted");
            assertEquals(Finding.Basis.BINOMIAL, finding.basis());
            assertEquals(predicted / n, finding.value(), 1e-12);
            assertTrue(finding.text().contains(predicted + " of " + (long) n), finding.text());
            // Wilson's interval, written out: centre (p + z^2/2n) / (1 + z^2/n).
            double p = predicted / n;
            double z = 1.959963984540054;
            double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
            double half = z / (1 + z * z / n) * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n));
            assertEquals(Math.max(0, centre - half), finding.low(), 1e-12);
            assertEquals(centre + half, finding.high(), 1e-12);
        }
        assertEquals(0, finding("softmax-8-argmax impossible combinations predicted"));
        assertEquals(0, finding("softmax-8-argmax unseen 9s all_three"));
        assertEquals(0, finding("softmax-8-argmax unseen triplets all_three"));
    }

    /**
     * The triplets: every training triplet avoids the 9's combination, so the unseen held-out set is
     * exactly the held-out triplets with it, counted here from the predictions table.
     */
    @BookTest
    void tripletCountsFromTheTables() {
        List<PredictedCombination> unseen = run().rows("multilabel-predictions", PredictedCombination.class).stream()
                .filter(p -> p.trainingSet() == TrainingSet.TRIPLETS && p.heldoutSet().equals(MultiLabel.UNSEEN)
                        && p.model() == Model.SIGMOIDS && p.seed() == QuickBook.SEED).toList();
        assertEquals(unseen.stream().mapToInt(PredictedCombination::predicted).sum(), finding("held-out triplets with the 9's combination"));
        assertEquals(Triplets.INPUTS, finding("triplet inputs"));
        assertEquals(3 * 14 * 14, Triplets.INPUTS);
    }

    /**
     * The LSTM findings against the rows they rest on: the error at the end (median and range over
     * seeds), the gate means (mean and t interval), the shares of gate values near 0 and 1 (median
     * and range); the gates are read when the page says; DL4J's forget gates start near sigma(1).
     */
    @BookTest
    void lstmFindingsComeFromTheRuns() {
        assertPrinted("%.3f", sigma(1), "sigma(1)");
        assertPrinted("%.1e", Math.pow(sigma(1), finding("recall steps") - finding("recall marked within")),
                "sigma(1) to the power of the steps to bridge");
        assertEquals(finding("recall steps") - 3, finding("recall steps to bridge"));
        assertPrinted("%.3f", (finding("recall steps") - 1) / finding("recall steps"), "chrono forget gate at most");
        assertEquals(finding("LSTM updates") * finding("LSTM minibatch size"), finding("LSTM training sequences"));
        List<LstmRun> runs = run().rows("lstm", LstmRun.class);
        List<GateReading> gates = run().rows("gates", GateReading.class);
        int updates = (int) finding("LSTM updates");
        int every = (int) finding("LSTM gates read every (updates)");
        int[] expected = IntStream.rangeClosed(0, updates).filter(s -> s % every == 0 || s == updates).toArray();
        assertEquals(Arrays.stream(expected).boxed().toList(), gates.stream().map(GateReading::step).distinct().sorted().toList());
        for (Init init : Init.values()) {
            List<LstmRun> mine = runs.stream().filter(r -> r.init() == init).toList();
            assertEquals(finding("LSTM seeds"), mine.size());
            assertMedianOverSeeds(mine.stream().mapToDouble(LstmRun::heldoutRelativeError).toArray(), init.id() + " relative error at end");
            long learnt = mine.stream().filter(r -> r.heldoutRelativeError() < finding("learnt: error below")).count();
            Finding share = shown(init.id() + " seeds that learnt");
            assertEquals((double) learnt / mine.size(), share.value(), 1e-12);
            assertTrue(share.text().contains(learnt + " of " + mine.size()), share.text());
            for (Gate gate : Gate.values()) {
                String name = init.id() + " " + gate.id() + " gate";
                List<GateReading> start = gates.stream().filter(g -> g.init() == init && g.gate() == gate && g.step() == 0).toList();
                List<GateReading> end = gates.stream().filter(g -> g.init() == init && g.gate() == gate && g.step() == updates).toList();
                assertMeanOverSeeds(start.stream().mapToDouble(GateReading::mean).toArray(), name + " mean at start", 0, 1);
                assertMeanOverSeeds(end.stream().mapToDouble(GateReading::mean).toArray(), name + " mean at end", 0, 1);
                assertMedianOverSeeds(end.stream().mapToDouble(GateReading::fractionNearOpen).toArray(), name + " above 0.9 at end");
                assertMedianOverSeeds(end.stream().mapToDouble(GateReading::fractionNearShut).toArray(), name + " below 0.1 at end");
            }
        }
        assertEquals(sigma(1), finding("dl4j-default forget gate mean at start"), 0.05);
        double eps = Math.ulp(1.0f);
        double[] rebuild = runs.stream().mapToLong(LstmRun::seed).distinct().mapToDouble(seed -> runs.stream()
                .filter(r -> r.seed() == seed).mapToDouble(LstmRun::largestRebuildError).max().orElseThrow() / eps).toArray();
        assertMedianOverSeeds(rebuild, "rebuilt h_t: largest difference from DL4J's (eps)");
        assertTrue(finding("rebuilt h_t: largest difference from DL4J's (eps)") < 100);
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
            double[] gains = rows.stream().mapToLong(LayerSpread::seed).distinct().mapToDouble(seed -> {
                double[] std = rows.stream().filter(s -> s.seed() == seed).mapToDouble(LayerSpread::activationStd).toArray();
                return Math.pow(std[std.length - 1] / std[0], 1.0 / (std.length - 1));
            }).toArray();
            assertMeanOverSeeds(gains, hidden.id() + " gain per layer");
        }
        assertEquals(0.5, finding("silu gain per layer"), 0.07);
        assertPrinted("%.3f", Math.log(2), "ln 2");
    }

    /**
     * The accuracy and loss after the last epoch, from the per-epoch rows; the held-out 4s and 9s
     * counted in the digits.
     */
    @BookTest
    void hiddenUnitFindingsRecountedFromTheEpochRows() throws IOException {
        List<EpochScore> activations = run().rows("activations", EpochScore.class);
        int last = activations.stream().mapToInt(EpochScore::epoch).max().orElseThrow();
        assertEquals(last, finding("hidden-unit epochs"));
        for (Hidden hidden : Hidden.values()) {
            List<EpochScore> end = activations.stream().filter(s -> s.hidden() == hidden && s.epoch() == last).toList();
            assertEquals(finding("seeds"), end.size(), hidden.id());
            assertMeanOverSeeds(end.stream().mapToDouble(EpochScore::heldoutAccuracy).toArray(), hidden.id() + " accuracy", 0, 1);
            assertMeanOverSeeds(end.stream().mapToDouble(EpochScore::heldoutLoss).toArray(), hidden.id() + " loss", 0,
                    Double.POSITIVE_INFINITY);
        }
        int[] counts = Mnist.load().test().classCounts();
        assertEquals(counts[4] + counts[9], finding("hidden-unit held-out digits (4s and 9s)"));
        assertEquals(String.valueOf(QuickBook.SEED), run().text("first seed"));
        assertEquals(QuickBook.SEED, activations.stream().mapToLong(EpochScore::seed).min().orElseThrow());
    }
}
