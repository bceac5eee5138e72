package org.sigmoidbook.chapters.vanishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sigmoidbook.QuickBook;
import org.sigmoidbook.book.Results;
import org.sigmoidbook.toolkit.numerics.Stats;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

/** Checks the claims of the vanishing chapter on the outputs of its quick run. */
@Tag("book")
class VanishingOutputTest {

    private static final String ID = "vanishing";
    private static final ColumnType I = ColumnType.INTEGER;
    private static final ColumnType D = ColumnType.DOUBLE;
    private static final ColumnType S = ColumnType.STRING;

    private static QuickBook.Output output() {
        return QuickBook.book();
    }

    private static Table depthSweep() {
        return output().table(ID, "depth-sweep.csv", S, I, ColumnType.LONG, D, D, D);
    }

    private static double finding(String name) {
        return output().finding(ID, name);
    }

    private static String findingText(String name) {
        return new Results(output().dir().resolve("data").resolve(ID)).finding(name);
    }

    private static Table speedAtInit() {
        return output().table(ID, "speed-at-init.csv", I, I, D, D, D, I, D);
    }

    private static double medianRatio(String activation, int depth) {
        return Stats.median(DepthSweep.ratios(depthSweep(), activation, depth));
    }

    @Test
    void writesEveryFigureAndTable() throws Exception {
        for (String figure : List.of("depth-sweep", "speed-at-init", "speed-during-training", "weight-change", "unstable-window")) {
            for (String extension : List.of(".png", ".svg")) {
                assertTrue(Files.size(output().figure(ID, figure + extension)) > 5_000, figure + extension);
            }
        }
        for (String table : List.of("depth-sweep", "speed-at-init", "speed-during-training", "weight-change",
                "unstable-window", "unstable-factor", "findings")) {
            assertTrue(Files.isRegularFile(output().data(ID, table + ".csv")), table);
        }
    }

    @Test
    void depthSweepCoversOneToTenLayersOfEachKindWithFiveSeeds() {
        Table sweep = depthSweep();
        for (String activation : List.of("sigmoid", "tanh", "relu", "relu-he", "sigmoid-x4")) {
            for (int depth = 1; depth <= DepthSweep.MAX_DEPTH; depth++) {
                double[] ratios = DepthSweep.ratios(sweep, activation, depth);
                assertTrue(ratios.length >= 5, activation + " " + depth);
                if (depth == 1) {
                    for (double ratio : ratios) {
                        assertEquals(1.0, ratio, 1e-12, "one hidden layer is both the first and the last");
                    }
                }
            }
        }
        for (int row = 0; row < sweep.rowCount(); row++) {
            assertEquals(sweep.doubleColumn("first_layer_norm").get(row) / sweep.doubleColumn("last_layer_norm").get(row),
                    sweep.doubleColumn("ratio").get(row), 1e-9 * sweep.doubleColumn("ratio").get(row));
        }
    }

    /**
     * Each extra sigmoid layer divides the first layer's gradient again, by about sigma'(0) = 1/4 per
     * step back: the median's factor per layer lies between 0.18 and 0.30.
     */
    @Test
    void sigmoidGradientRatioFallsWithDepthAboutAsFastAsTheQuarterPower() {
        double previous = medianRatio("sigmoid", 1);
        for (int depth = 2; depth <= DepthSweep.MAX_DEPTH; depth++) {
            double median = medianRatio("sigmoid", depth);
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
    @Test
    void someSigmoidSeedsLieAboveTheQuarterPowerAndTheFindingsCountThem() {
        Table sweep = depthSweep();
        int above = 0;
        int runs = 0;
        for (int depth = 2; depth <= DepthSweep.MAX_DEPTH; depth++) {
            for (double ratio : DepthSweep.ratios(sweep, "sigmoid", depth)) {
                above += ratio > Math.pow(0.25, depth - 1) ? 1 : 0;
                runs++;
            }
        }
        assertTrue(above > 0, "no sigmoid seed above 0.25^(L-1)");
        assertEquals(above + " of " + runs, findingText("sigmoid: seeds above 0.25^(L-1), L = 2 to 10"));
        assertEquals((double) above / runs, finding("sigmoid: share of seeds above 0.25^(L-1), L = 2 to 10"), 0.005);
        double[] two = DepthSweep.ratios(sweep, "sigmoid", 2);
        long aboveAtTwo = Arrays.stream(two).filter(r -> r > 0.25).count();
        assertTrue(aboveAtTwo > 0, "at L = 2 no seed above 0.25");
        assertEquals(aboveAtTwo + " of " + two.length, findingText("sigmoid: seeds above 0.25 at L = 2"));
        assertTrue(finding("sigmoid: largest ratio at L = 2") > 0.25);
    }

    @Test
    void tanhAndReluLoseFarLessGradientThanSigmoidOverTenLayers() {
        double sigmoid = medianRatio("sigmoid", 10);
        assertTrue(sigmoid < 1e-5, "sigmoid " + sigmoid);
        assertTrue(medianRatio("tanh", 10) > 0.05, "tanh " + medianRatio("tanh", 10));
        assertTrue(medianRatio("relu", 10) > 1e-3, "relu " + medianRatio("relu", 10));
    }

    /**
     * He's variance doubles every weight's variance, which multiplies each backward step through a
     * ReLU layer with zero biases by sqrt(2), exactly per example (ReLU is positively homogeneous); for
     * the norm of the mean gradient, which also depends on the output error, within 15%.
     */
    @Test
    void heInitialisationMultipliesTheReluFactorPerLayerByAboutTheSquareRootOfTwo() {
        double relu = finding("relu: factor per layer, (ratio at L = 10)^(1/9)");
        double he = finding("relu-he: factor per layer, (ratio at L = 10)^(1/9)");
        assertEquals(Math.sqrt(2), he / relu, 0.15 * Math.sqrt(2), "relu " + relu + ", relu-he " + he);
        assertEquals(2.0, finding("relu-he: variance of the initial weights times n_in, first hidden layer"), 0.06);
        assertEquals(1.0, finding("relu: variance of the initial weights times n_in, first hidden layer"), 0.03);
    }

    /** Weights x4 slow the sigmoid's loss per layer, but the gradient still shrinks with depth. */
    @Test
    void sigmoidTimesFourLosesLessPerLayerButStillVanishes() {
        double plain = finding("sigmoid: factor per layer, (ratio at L = 10)^(1/9)");
        double times4 = finding("sigmoid-x4: factor per layer, (ratio at L = 10)^(1/9)");
        assertTrue(times4 > 2 * plain && times4 < 0.9, "sigmoid " + plain + ", x4 " + times4);
    }

    @Test
    void findingsPerKindAreTheMediansOfTheTable() {
        for (String kind : List.of("sigmoid", "tanh", "relu", "relu-he", "sigmoid-x4")) {
            double median = medianRatio(kind, DepthSweep.MAX_DEPTH);
            assertEquals(median, finding(kind + ": first/last gradient ratio at L = 10"), 0.005 * median);
            assertEquals(Math.pow(median, 1.0 / 9), finding(kind + ": factor per layer, (ratio at L = 10)^(1/9)"), 0.0005);
        }
    }

    @Test
    void speedAtInitHasExactlyTheAgreedColumns() throws Exception {
        String header = Files.readAllLines(output().data(ID, "speed-at-init.csv")).get(0);
        assertEquals("hidden_layers,layer,median_norm,p10_norm,p90_norm,seeds,published_norm", header);
        Table table = speedAtInit();
        assertEquals(9, table.rowCount());
        int row = 0;
        for (int n = 0; n < NielsenRuns.DEPTHS.length; n++) {
            for (int l = 0; l < NielsenRuns.DEPTHS[n]; l++, row++) {
                assertEquals(NielsenRuns.DEPTHS[n], table.intColumn("hidden_layers").getInt(row));
                assertEquals(l + 1, table.intColumn("layer").getInt(row));
                assertEquals(NielsenRuns.PUBLISHED_SPEED[n][l], table.doubleColumn("published_norm").getDouble(row), 0);
                assertTrue(table.intColumn("seeds").getInt(row) >= 20);
                double p10 = table.doubleColumn("p10_norm").getDouble(row);
                double median = table.doubleColumn("median_norm").getDouble(row);
                double p90 = table.doubleColumn("p90_norm").getDouble(row);
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
    @Test
    void nielsensPublishedSpeedsLieWithinTheSpreadOverSeeds() {
        Table table = speedAtInit();
        double logSum = 0;
        for (int row = 0; row < table.rowCount(); row++) {
            double published = table.doubleColumn("published_norm").getDouble(row);
            double p10 = table.doubleColumn("p10_norm").getDouble(row);
            double p90 = table.doubleColumn("p90_norm").getDouble(row);
            String where = table.intColumn("hidden_layers").getInt(row) + " hidden layers, layer " + table.intColumn("layer").getInt(row)
                    + ": published " + published + ", p10 " + p10 + ", p90 " + p90;
            assertTrue(p10 / 1.25 <= published && published <= 1.25 * p90, where);
            logSum += Math.log(published / table.doubleColumn("median_norm").getDouble(row));
        }
        double geometricMean = Math.exp(logSum / table.rowCount());
        assertTrue(geometricMean > 0.8 && geometricMean < 1.25, "geometric mean of published / median " + geometricMean);
    }

    /** In every network the speed grows from the first hidden layer to the last, by more than 3x per layer. */
    @Test
    void speedAtInitFallsTowardsTheInput() {
        Table table = speedAtInit();
        for (int row = 1; row < table.rowCount(); row++) {
            if (table.intColumn("layer").getInt(row) > 1) {
                double lower = table.doubleColumn("median_norm").getDouble(row - 1);
                double upper = table.doubleColumn("median_norm").getDouble(row);
                assertTrue(upper > 3 * lower, "row " + row + ": " + lower + " then " + upper);
            }
        }
    }

    /** Throughout training each hidden layer of the deeper networks learns more slowly than the one above it. */
    @Test
    void earlyLayersStaySlowerDuringTraining() {
        Table table = output().table(ID, "speed-during-training.csv", I, I, I, D, D);
        for (int depth : new int[]{3, 4}) {
            List<double[]> layers = new ArrayList<>();
            for (int layer = 1; layer <= depth; layer++) {
                layers.add(NielsenRuns.rows(table, depth, layer).sortAscendingOn("epoch").doubleColumn("speed").asDoubleArray());
            }
            int epochs = layers.get(0).length;
            assertTrue(epochs >= 20, "epochs " + epochs);
            for (int epoch = 0; epoch < epochs; epoch++) {
                for (int layer = 1; layer < depth; layer++) {
                    assertTrue(layers.get(layer - 1)[epoch] < layers.get(layer)[epoch],
                            depth + " hidden layers, epoch " + epoch + ", layer " + layer);
                }
            }
            if (depth == 4) {
                assertTrue(layers.get(3)[epochs - 1] > 10 * layers.get(0)[epochs - 1], "last vs first hidden layer at the end");
            }
        }
    }

    /**
     * With the weight decay removed, the last hidden layer of the deeper networks moves most, and from the
     * second layer on each moves more than the one below. (The first layer is not in the chain: its inputs are
     * pixels, larger than sigmoid activations, so its weight gradient is large for its speed.)
     */
    @Test
    void lastHiddenLayerWeightsMoveMost() {
        Table table = output().table(ID, "weight-change.csv", I, I, S, D, D);
        for (int depth : new int[]{3, 4}) {
            double[] moved = new double[depth];
            for (int layer = 1; layer <= depth; layer++) {
                moved[layer - 1] = NielsenRuns.rows(table, depth, layer).doubleColumn("relative_change_from_gradient").getDouble(0);
            }
            for (int layer = 2; layer < depth; layer++) {
                assertTrue(moved[layer - 1] < moved[layer], depth + " hidden layers, layer " + layer);
            }
            double factor = depth == 4 ? 3 : 1;
            for (int layer = 1; layer < depth; layer++) {
                assertTrue(moved[depth - 1] > factor * moved[layer - 1], depth + " hidden layers: layer " + layer + " vs last");
            }
        }
    }

    /**
     * W_end - W_start = (W_end - d W_start) - (1 - d) W_start with d = (1 - eta lambda / n)^epochs, so by
     * the triangle inequality the total change differs from the decay's 1 - d by at most the change
     * the gradient made: for the first layers of the deeper networks, which barely learn, the total is
     * the decay. That is why the figure shows the gradient's part with the decay as a reference.
     */
    @Test
    void theTotalWeightChangeIsTheDecayWithinWhatTheGradientMoved() {
        Table changes = output().table(ID, "weight-change.csv", I, I, S, D, D);
        int epochs = (int) output().table(ID, "speed-during-training.csv", I, I, I, D, D).intColumn("epoch").max() + 1;
        double decay = 1 - NielsenRuns.decayFactor(epochs);
        assertEquals(1 - Math.pow(1 - VanishingChapter.LEARNING_RATE * VanishingChapter.LAMBDA / VanishingChapter.IMAGES, epochs), decay, 1e-15);
        for (int row = 0; row < changes.rowCount(); row++) {
            double total = changes.doubleColumn("relative_change").getDouble(row);
            double fromGradient = changes.doubleColumn("relative_change_from_gradient").getDouble(row);
            assertTrue(Math.abs(total - decay) <= fromGradient + 1e-6, "row " + row);
        }
        double firstOfFour = NielsenRuns.rows(changes, 4, 1).doubleColumn("relative_change").getDouble(0);
        assertEquals(decay, firstOfFour, 0.1 * decay);
    }

    @Test
    void printsTheNielsenTableBesideThePublishedOne() {
        assertTrue(output().stdout().contains("speed at init [784,30,30,30,30,10] = median"), output().stdout());
        assertTrue(output().stdout().contains("(published 0.00300, 0.0170, 0.0700, 0.285)"), output().stdout());
    }
}
