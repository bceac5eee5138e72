package org.sigmoidbook.chapters.vanishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.sigmoidbook.BookTest;
import org.sigmoidbook.ChapterData;
import org.sigmoidbook.book.Finding;
import org.sigmoidbook.QuickBook;
import org.sigmoidbook.chapters.vanishing.DepthSweep.Hidden;
import org.sigmoidbook.chapters.vanishing.NielsenRuns.EpochSpeed;
import org.sigmoidbook.chapters.vanishing.NielsenRuns.InitSpeed;
import org.sigmoidbook.chapters.vanishing.NielsenRuns.WeightChange;
import org.sigmoidbook.toolkit.numerics.Stats;

/** Checks the claims of the vanishing chapter on the outputs of its quick run. */
class VanishingQuickRunTest {

    private static ChapterData run() {
        return QuickBook.chapter("vanishing");
    }

    private static List<DepthSweep.Run> depthSweep() {
        return run().rows("depth-sweep", DepthSweep.Run.class);
    }

    private static double finding(String name) {
        return run().finding(name);
    }

    private static String findingText(String name) {
        return run().text(name);
    }

    private static List<InitSpeed> speedAtInit() {
        return run().rows("speed-at-init", InitSpeed.class);
    }

    private static List<EpochSpeed> speedDuringTraining() {
        return run().rows("speed-during-training", EpochSpeed.class);
    }

    private static List<WeightChange> weightChange() {
        return run().rows("weight-change", WeightChange.class);
    }

    /** The rows of hidden layer {@code layer} of the networks with {@code hiddenLayers} hidden layers, one per seed. */
    private static List<WeightChange> changes(List<WeightChange> changes, int hiddenLayers, int layer) {
        return changes.stream().filter(row -> row.hiddenLayers() == hiddenLayers && row.layer() == layer).toList();
    }

    private static double medianRatio(Hidden hidden, int depth) {
        return Stats.median(DepthSweep.ratios(depthSweep(), hidden, depth));
    }

    @BookTest
    void writesEveryFigureAndTable() throws Exception {
        for (String figure : List.of("depth-sweep", "speed-at-init", "speed-during-training", "weight-change", "unstable-window")) {
            for (String extension : List.of(".png", ".svg")) {
                assertTrue(Files.size(run().figure(figure + extension)) > 5_000, figure + extension);
            }
        }
        for (String table : List.of("depth-sweep", "speed-at-init", "speed-during-training", "weight-change",
                "unstable-window", "unstable-factor", "findings")) {
            assertTrue(Files.isRegularFile(run().data(table + ".csv")), table);
        }
    }

    @BookTest
    void depthSweepCoversOneToTenLayersOfEachKindWithFiveSeeds() {
        List<DepthSweep.Run> sweep = depthSweep();
        assertEquals(List.of("sigmoid", "tanh", "relu", "relu-he", "sigmoid-x4"), Arrays.stream(Hidden.values()).map(Hidden::id).toList());
        for (Hidden hidden : Hidden.values()) {
            for (int depth = 1; depth <= DepthSweep.MAX_DEPTH; depth++) {
                double[] ratios = DepthSweep.ratios(sweep, hidden, depth);
                assertTrue(ratios.length >= 5, hidden.id() + " " + depth);
                if (depth == 1) {
                    for (double ratio : ratios) {
                        assertEquals(1.0, ratio, 1e-12, "one hidden layer is both the first and the last");
                    }
                }
            }
        }
        for (DepthSweep.Run run : sweep) {
            assertEquals(run.firstLayerNorm() / run.lastLayerNorm(), run.ratio(), 1e-9 * run.ratio());
        }
    }

    /**
     * Each extra sigmoid layer divides the first layer's gradient again, by about sigma'(0) = 1/4 per
     * step back: the median's factor per layer lies between 0.18 and 0.30.
     */
    @BookTest
    void sigmoidGradientRatioFallsWithDepthAboutAsFastAsTheQuarterPower() {
        double previous = medianRatio(Hidden.SIGMOID, 1);
        for (int depth = 2; depth <= DepthSweep.MAX_DEPTH; depth++) {
            double median = medianRatio(Hidden.SIGMOID, depth);
            assertTrue(median < previous, "falls with depth at L = " + depth);
            double perLayer = Math.pow(median, 1.0 / (depth - 1));
            assertTrue(perLayer > 0.18 && perLayer < 0.30, "L = " + depth + ": " + median);
            previous = median;
        }
    }

    /**
     * 0.25^(L-1) is not a bound: some seeds lie above it, and the findings count them as the table
     * shows.
     */
    @BookTest
    void someSigmoidSeedsLieAboveTheQuarterPowerAndTheFindingsCountThem() {
        List<DepthSweep.Run> sweep = depthSweep();
        int above = 0;
        int runs = 0;
        for (int depth = 2; depth <= DepthSweep.MAX_DEPTH; depth++) {
            for (double ratio : DepthSweep.ratios(sweep, Hidden.SIGMOID, depth)) {
                above += ratio > Math.pow(0.25, depth - 1) ? 1 : 0;
                runs++;
            }
        }
        assertTrue(above > 0, "no sigmoid seed above 0.25^(L-1)");
        assertEquals(above + " of " + runs, findingText("sigmoid: seeds above 0.25^(L-1), L = 2 to 10"));
        double[] two = DepthSweep.ratios(sweep, Hidden.SIGMOID, 2);
        long aboveAtTwo = Arrays.stream(two).filter(r -> r > 0.25).count();
        assertTrue(aboveAtTwo > 0, "at L = 2 no seed above 0.25");
        assertEquals(aboveAtTwo + " of " + two.length, findingText("sigmoid: seeds above 0.25 at L = 2"));
        double largest = Arrays.stream(two).max().orElseThrow();
        assertTrue(largest > 0.25);
        assertEquals(String.format(Locale.ROOT, "%.2f (the largest of %d seeds)", largest, two.length),
                findingText("sigmoid: largest ratio at L = 2"));
    }

    @BookTest
    void tanhAndReluLoseFarLessGradientThanSigmoidOverTenLayers() {
        double sigmoid = medianRatio(Hidden.SIGMOID, 10);
        assertTrue(sigmoid < 1e-5, "sigmoid " + sigmoid);
        assertTrue(medianRatio(Hidden.TANH, 10) > 0.05, "tanh " + medianRatio(Hidden.TANH, 10));
        assertTrue(medianRatio(Hidden.RELU, 10) > 1e-3, "relu " + medianRatio(Hidden.RELU, 10));
    }

    /**
     * He's variance doubles every weight's variance, which multiplies each backward step through a
     * ReLU layer with zero biases by sqrt(2), exactly per example (ReLU is positively homogeneous); for
     * the norm of the mean gradient, which also depends on the output error, within 15%.
     */
    @BookTest
    void heInitialisationMultipliesTheReluFactorPerLayerByAboutTheSquareRootOfTwo() {
        double relu = finding("relu: factor per layer, (ratio at L = 10)^(1/9)");
        double he = finding("relu-he: factor per layer, (ratio at L = 10)^(1/9)");
        assertEquals(Math.sqrt(2), he / relu, 0.15 * Math.sqrt(2), "relu " + relu + ", relu-he " + he);
        assertEquals(2.0, finding("relu-he: variance of the initial weights times n_in, first hidden layer"), 0.06);
        assertEquals(1.0, finding("relu: variance of the initial weights times n_in, first hidden layer"), 0.03);
    }

    /** Weights x4 slow the sigmoid's loss per layer, but the gradient still shrinks with depth. */
    @BookTest
    void sigmoidTimesFourLosesLessPerLayerButStillVanishes() {
        double plain = finding("sigmoid: factor per layer, (ratio at L = 10)^(1/9)");
        double times4 = finding("sigmoid-x4: factor per layer, (ratio at L = 10)^(1/9)");
        assertTrue(times4 > 2 * plain && times4 < 0.9, "sigmoid " + plain + ", x4 " + times4);
    }

    /**
     * Per kind, the findings are the means over the seeds of the table's log10 last/first ratio and of
     * the first/last ratio's 9th root at L = 10, each with Student's t interval over as many values as
     * there are seeds.
     */
    @BookTest
    void findingsPerKindAreMeansOverTheSeedsOfTheTable() {
        for (Hidden kind : Hidden.values()) {
            double[] ratios = DepthSweep.ratios(depthSweep(), kind, DepthSweep.MAX_DEPTH);
            Finding log = run().results().get(kind.id() + ": log10 of the last/first gradient ratio at L = 10");
            Finding factor = run().results().get(kind.id() + ": factor per layer, (ratio at L = 10)^(1/9)");
            assertEquals(-Arrays.stream(ratios).map(Math::log10).average().orElseThrow(), log.value(), 1e-12);
            assertEquals(Arrays.stream(ratios).map(r -> Math.pow(r, 1.0 / 9)).average().orElseThrow(), factor.value(), 1e-12);
            for (Finding finding : List.of(log, factor)) {
                assertEquals(Finding.Basis.SEEDS_MEAN, finding.basis(), finding.name());
                assertEquals(ratios.length, finding.seeds(), finding.name());
                assertTrue(finding.low() < finding.value() && finding.value() < finding.high(), finding.toString());
            }
        }
    }

    @BookTest
    void speedAtInitHasExactlyTheAgreedColumns() throws Exception {
        String header = Files.readAllLines(run().data("speed-at-init.csv")).get(0);
        assertEquals("hidden_layers,layer,median_norm,p10_norm,p90_norm,seeds,published_norm", header);
        List<InitSpeed> table = speedAtInit();
        assertEquals(9, table.size());
        int row = 0;
        for (int n = 0; n < NielsenRuns.DEPTHS.length; n++) {
            for (int l = 0; l < NielsenRuns.DEPTHS[n]; l++, row++) {
                InitSpeed speed = table.get(row);
                assertEquals(NielsenRuns.DEPTHS[n], speed.hiddenLayers());
                assertEquals(l + 1, speed.layer());
                assertEquals(NielsenRuns.PUBLISHED_SPEED[n][l], speed.publishedNorm(), 0);
                assertTrue(speed.seeds() >= 20);
                double p10 = speed.p10Norm();
                double median = speed.medianNorm();
                double p90 = speed.p90Norm();
                assertTrue(0 < p10 && p10 <= median && median <= p90, "row " + row);
            }
        }
    }

    /**
     * Nielsen published one network per architecture, so each published value is one draw from the
     * spread over seeds: it must lie in [p10, p90], widened by a factor 1.25 for the sampling error of
     * a 10th or 90th percentile estimated from 40 seeds and for the one or two digits published.
     * Over all nine values, the geometric mean of published / median must be within 25% of 1.
     */
    @BookTest
    void nielsensPublishedSpeedsLieWithinTheSpreadOverSeeds() {
        List<InitSpeed> table = speedAtInit();
        double logSum = 0;
        for (InitSpeed row : table) {
            double published = row.publishedNorm();
            double p10 = row.p10Norm();
            double p90 = row.p90Norm();
            String where = row.hiddenLayers() + " hidden layers, layer " + row.layer()
                    + ": published " + published + ", p10 " + p10 + ", p90 " + p90;
            assertTrue(p10 / 1.25 <= published && published <= 1.25 * p90, where);
            logSum += Math.log(published / row.medianNorm());
        }
        double geometricMean = Math.exp(logSum / table.size());
        assertTrue(geometricMean > 0.8 && geometricMean < 1.25, "geometric mean of published / median " + geometricMean);
    }

    /** In every network the speed grows from the first hidden layer to the last, by more than 3x per layer. */
    @BookTest
    void speedAtInitFallsTowardsTheInput() {
        List<InitSpeed> table = speedAtInit();
        for (int row = 1; row < table.size(); row++) {
            if (table.get(row).layer() > 1) {
                double lower = table.get(row - 1).medianNorm();
                double upper = table.get(row).medianNorm();
                assertTrue(upper > 3 * lower, "row " + row + ": " + lower + " then " + upper);
            }
        }
    }

    /** Throughout training, in every seed's run, each hidden layer of every network learns more slowly than the one above it. */
    @BookTest
    void earlyLayersStaySlowerDuringTraining() {
        List<EpochSpeed> table = speedDuringTraining();
        long[] seeds = NielsenRuns.seeds(table);
        assertTrue(seeds.length >= 2, "seeds " + Arrays.toString(seeds));
        for (long seed : seeds) {
            for (int depth : NielsenRuns.DEPTHS) {
                List<double[]> layers = new ArrayList<>();
                for (int layer = 1; layer <= depth; layer++) {
                    layers.add(NielsenRuns.rows(table, depth, seed, layer).stream().mapToDouble(EpochSpeed::speed).toArray());
                }
                int epochs = layers.get(0).length;
                assertTrue(epochs >= 20, "epochs " + epochs);
                for (int epoch = 0; epoch < epochs; epoch++) {
                    for (int layer = 1; layer < depth; layer++) {
                        assertTrue(layers.get(layer - 1)[epoch] < layers.get(layer)[epoch],
                                "seed " + seed + ", " + depth + " hidden layers, epoch " + epoch + ", layer " + layer);
                    }
                }
                if (depth == 4) {
                    assertTrue(layers.get(3)[epochs - 1] > 10 * layers.get(0)[epochs - 1], "seed " + seed + ": last vs first hidden layer at the end");
                }
            }
        }
    }

    /** The last/first findings give the table's final epoch seed by seed, and the last layer is the faster in every seed. */
    @BookTest
    void lastOverFirstSpeedFindingsListEverySeed() {
        List<EpochSpeed> table = speedDuringTraining();
        long[] seeds = NielsenRuns.seeds(table);
        int last = NielsenRuns.lastEpoch(table);
        for (int depth : NielsenRuns.DEPTHS) {
            double[] ratios = new double[seeds.length];
            List<String> values = new ArrayList<>();
            for (int s = 0; s < seeds.length; s++) {
                List<EpochSpeed> lastLayer = NielsenRuns.rows(table, depth, seeds[s], depth);
                List<EpochSpeed> firstLayer = NielsenRuns.rows(table, depth, seeds[s], 1);
                assertEquals(last, lastLayer.get(lastLayer.size() - 1).epoch());
                ratios[s] = lastLayer.get(lastLayer.size() - 1).speed() / firstLayer.get(firstLayer.size() - 1).speed();
                assertTrue(ratios[s] > 1, depth + " hidden layers, seed " + seeds[s] + ": the last layer learns faster");
                values.add(String.format(Locale.ROOT, "%.3g", ratios[s]));
            }
            String text = findingText(VanishingChapter.architecture(depth) + ": last/first hidden layer speed in the final epoch");
            assertEquals(NielsenRuns.perSeedText(ratios, seeds), text);
            for (int s = 0; s < seeds.length; s++) {
                assertTrue(text.contains(values.get(s)) && text.contains(Long.toString(seeds[s])), text);
            }
        }
        assertEquals("2.54, 2.53 and 1.25 (seeds 42, 43 and 44)", NielsenRuns.perSeedText(new double[]{2.5422, 2.5257, 1.2453}, new long[]{42, 43, 44}));
    }

    /**
     * With the weight decay removed, the last hidden layer of the deeper networks moves most, and from the
     * second layer on each moves more than the one below, in every seed's run. (The first layer is not in
     * the chain: its inputs are pixels, larger than sigmoid activations, so its weight gradient is large
     * for its speed.)
     */
    @BookTest
    void lastHiddenLayerWeightsMoveMost() {
        List<WeightChange> table = weightChange();
        for (long seed : table.stream().mapToLong(WeightChange::seed).distinct().toArray()) {
            for (int depth : new int[]{3, 4}) {
                double[] moved = NielsenRuns.hiddenLayers(table, depth, seed).stream()
                        .mapToDouble(WeightChange::relativeChangeFromGradient).toArray();
                assertEquals(depth, moved.length);
                for (int layer = 2; layer < depth; layer++) {
                    assertTrue(moved[layer - 1] < moved[layer], "seed " + seed + ", " + depth + " hidden layers, layer " + layer);
                }
                double factor = depth == 4 ? 3 : 1;
                for (int layer = 1; layer < depth; layer++) {
                    assertTrue(moved[depth - 1] > factor * moved[layer - 1], "seed " + seed + ", " + depth + " hidden layers: layer " + layer);
                }
            }
        }
    }

    /**
     * W_end - W_start = (W_end - d W_start) - (1 - d) W_start with d = (1 - eta lambda / n)^epochs, so by
     * the triangle inequality the total change differs from the decay's 1 - d by at most the change
     * the gradient made: for the first layers of the deeper networks, which barely learn, the total is
     * the decay. That is why the figure shows the gradient's part with the decay as a reference.
     */
    @BookTest
    void theTotalWeightChangeIsTheDecayWithinWhatTheGradientMoved() {
        List<WeightChange> changes = weightChange();
        int epochs = speedDuringTraining().stream().mapToInt(EpochSpeed::epoch).max().orElseThrow() + 1;
        double decay = 1 - NielsenRuns.decayFactor(epochs);
        assertEquals(1 - Math.pow(1 - VanishingChapter.LEARNING_RATE * VanishingChapter.LAMBDA / VanishingChapter.IMAGES, epochs), decay, 1e-15);
        for (int row = 0; row < changes.size(); row++) {
            double total = changes.get(row).relativeChange();
            double fromGradient = changes.get(row).relativeChangeFromGradient();
            assertTrue(Math.abs(total - decay) <= fromGradient + 1e-6, "row " + row);
        }
        for (WeightChange firstOfFour : changes(changes, 4, 1)) {
            assertEquals(decay, firstOfFour.relativeChange(), 0.1 * decay, "seed " + firstOfFour.seed());
        }
    }

    @BookTest
    void printsTheNielsenTableBesideThePublishedOne() {
        String stdout = QuickBook.book().stdout();
        assertTrue(stdout.contains("speed at init [784,30,30,30,30,10] = median"), stdout);
        assertTrue(stdout.contains("(published 0.00300, 0.0170, 0.0700, 0.285)"), stdout);
    }
}
