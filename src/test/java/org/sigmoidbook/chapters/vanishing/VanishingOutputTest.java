package org.sigmoidbook.chapters.vanishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sigmoidbook.QuickBook;
import org.sigmoidbook.toolkit.numerics.Stats;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

/** Checks the claims of the vanishing chapter on the outputs of its quick run. */
class VanishingOutputTest {

    private static final String ID = "vanishing";
    private static final ColumnType I = ColumnType.INTEGER;
    private static final ColumnType D = ColumnType.DOUBLE;
    private static final ColumnType S = ColumnType.STRING;

    private static QuickBook.Output output() {
        return QuickBook.chapter(ID);
    }

    private static Table depthSweep() {
        return output().table(ID, "depth-sweep.csv", S, I, I, D, D, D);
    }

    private static Table speedAtInit() {
        return output().table(ID, "speed-at-init.csv", I, I, D, D, D, I, D);
    }

    private static double medianRatio(String activation, int depth) {
        return Stats.median(VanishingChapter.ratios(depthSweep(), activation, depth));
    }

    @Test
    void writesEveryFigureAndTable() throws Exception {
        for (String figure : List.of("depth-sweep", "speed-at-init", "speed-during-training", "weight-change")) {
            for (String extension : List.of(".png", ".svg")) {
                assertTrue(Files.size(output().figure(ID, figure + extension)) > 5_000, figure + extension);
            }
        }
        for (String table : List.of("depth-sweep", "speed-at-init", "speed-during-training", "weight-change", "findings")) {
            assertTrue(Files.isRegularFile(output().data(ID, table + ".csv")), table);
        }
    }

    @Test
    void depthSweepCoversOneToTenLayersOfEachUnitWithFiveSeeds() {
        Table sweep = depthSweep();
        for (String activation : List.of("sigmoid", "tanh", "relu")) {
            for (int depth = 1; depth <= VanishingChapter.MAX_DEPTH; depth++) {
                double[] ratios = VanishingChapter.ratios(sweep, activation, depth);
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

    /** Each extra sigmoid layer divides the first layer's gradient again; never faster than sigma' <= 1/4 allows, up to 50%. */
    @Test
    void sigmoidGradientRatioFallsWithDepthAndSitsNearOrBelowTheQuarterPowerLine() {
        double previous = medianRatio("sigmoid", 1);
        for (int depth = 2; depth <= VanishingChapter.MAX_DEPTH; depth++) {
            double median = medianRatio("sigmoid", depth);
            double line = Math.pow(0.25, depth - 1);
            assertTrue(median < previous, "falls with depth at L = " + depth);
            assertTrue(median <= 1.5 * line, "L = " + depth + ": " + median + " vs 0.25^(L-1) = " + line);
            // near the line: the average factor per layer is not far below 1/4
            assertTrue(Math.pow(median, 1.0 / (depth - 1)) > 0.18, "L = " + depth + ": " + median);
            previous = median;
        }
    }

    @Test
    void tanhAndReluLoseFarLessGradientThanSigmoidOverTenLayers() {
        double sigmoid = medianRatio("sigmoid", 10);
        assertTrue(sigmoid < 1e-5, "sigmoid " + sigmoid);
        assertTrue(medianRatio("tanh", 10) > 0.05, "tanh " + medianRatio("tanh", 10));
        assertTrue(medianRatio("relu", 10) > 1e-3, "relu " + medianRatio("relu", 10));
    }

    @Test
    void speedAtInitHasExactlyTheAgreedColumns() throws Exception {
        String header = Files.readAllLines(output().data(ID, "speed-at-init.csv")).get(0);
        assertEquals("hidden_layers,layer,median_norm,p10_norm,p90_norm,seeds,published_norm", header);
        Table table = speedAtInit();
        assertEquals(9, table.rowCount());
        int row = 0;
        for (int n = 0; n < VanishingChapter.NIELSEN_DEPTHS.length; n++) {
            for (int l = 0; l < VanishingChapter.NIELSEN_DEPTHS[n]; l++, row++) {
                assertEquals(VanishingChapter.NIELSEN_DEPTHS[n], table.intColumn("hidden_layers").getInt(row));
                assertEquals(l + 1, table.intColumn("layer").getInt(row));
                assertEquals(VanishingChapter.PUBLISHED_SPEED[n][l], table.doubleColumn("published_norm").getDouble(row), 0);
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
                layers.add(VanishingChapter.rowsOf(table, depth, layer).sortAscendingOn("epoch").doubleColumn("speed").asDoubleArray());
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
                moved[layer - 1] = VanishingChapter.rowsOf(table, depth, layer).doubleColumn("relative_change_from_gradient").getDouble(0);
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

    @Test
    void printsTheNielsenTableBesideThePublishedOne() {
        assertTrue(output().stdout().contains("speed at init [784,30,30,30,30,10] = median"), output().stdout());
        assertTrue(output().stdout().contains("(published 0.00300, 0.0170, 0.0700, 0.285)"), output().stdout());
    }
}
