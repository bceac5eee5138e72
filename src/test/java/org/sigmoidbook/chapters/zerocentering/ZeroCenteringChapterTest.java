package org.sigmoidbook.chapters.zerocentering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.sigmoidbook.GradientChecks;
import org.sigmoidbook.QuickBook;
import org.sigmoidbook.toolkit.nn.Networks;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

class ZeroCenteringChapterTest {

    private static final String ID = "zero-centering";

    // ---- the two-weight neuron

    /** DL4J's path against the textbook update w <- w - eta * 2 (w.x - t) x, one example per step. */
    @Test
    void theDl4jNeuronTakesExactlyTheTextbookSteps() {
        double[][] x = ZeroCenteringChapter.sigmoidInputs(QuickBook.SEED);
        double[] t = ZeroCenteringChapter.targets(x);
        double eta = ZeroCenteringChapter.learningRate(x);
        ZeroCenteringChapter.Path path = ZeroCenteringChapter.descend(x, eta, 60);
        double[] w = ZeroCenteringChapter.ZIGZAG_START.clone();
        for (int step = 1; step <= 60; step++) {
            double[] xi = x[(step - 1) % x.length];
            double error = w[0] * xi[0] + w[1] * xi[1] - t[(step - 1) % x.length];
            w[0] -= eta * 2 * error * xi[0];
            w[1] -= eta * 2 * error * xi[1];
            assertEquals(w[0], path.w1()[step], 1e-12, "w1 at step " + step);
            assertEquals(w[1], path.w2()[step], 1e-12, "w2 at step " + step);
        }
    }

    /** With all inputs positive each step moves both weights the same way; centred inputs do not. */
    @Test
    void positiveInputsMoveBothWeightsTogetherAndCentredOnesNeedFewerSteps() {
        double[][] positive = ZeroCenteringChapter.sigmoidInputs(QuickBook.SEED);
        double[][] centred = ZeroCenteringChapter.centred(positive);
        ZeroCenteringChapter.Path up = ZeroCenteringChapter.descend(positive, ZeroCenteringChapter.learningRate(positive), 5000);
        ZeroCenteringChapter.Path mixed = ZeroCenteringChapter.descend(centred, ZeroCenteringChapter.learningRate(centred), 5000);
        assertEquals(up.w1().length - 1, sameDirectionSteps(up));
        assertTrue(sameDirectionSteps(mixed) < mixed.w1().length - 1);
        assertTrue(up.stepsToTolerance() > 0 && mixed.stepsToTolerance() > 0);
        assertTrue(up.stepsToTolerance() > 2 * mixed.stepsToTolerance(),
                up.stepsToTolerance() + " steps on positive inputs vs " + mixed.stepsToTolerance() + " centred");
    }

    private static int sameDirectionSteps(ZeroCenteringChapter.Path path) {
        int count = 0;
        for (int k = 1; k < path.w1().length; k++) {
            count += (path.w1()[k] - path.w1()[k - 1]) * (path.w2()[k] - path.w2()[k - 1]) > 0 ? 1 : 0;
        }
        return count;
    }

    @Test
    void contourPointsLieOnTheirLossLevel() {
        double[][] x = ZeroCenteringChapter.sigmoidInputs(3);
        double[][] ring = ZeroCenteringChapter.contour(x, 0.07, 50);
        for (int k = 0; k < 50; k++) {
            assertEquals(0.07, ZeroCenteringChapter.loss(x, new double[]{ring[0][k], ring[1][k]}), 1e-12);
        }
    }

    // ---- same-sign gradients

    @Test
    void sigmoidFedNeuronsGetSameSignGradientsAndTanhFedOnesDoNot() {
        Table t = QuickBook.chapter(ID).table(ID, "same-sign.csv", ColumnType.STRING, ColumnType.INTEGER,
                ColumnType.INTEGER, ColumnType.DOUBLE, ColumnType.DOUBLE);
        Table sigmoid = t.where(t.stringColumn("hidden_unit").isEqualTo("sigmoid"));
        assertTrue(sigmoid.rowCount() >= 3);
        for (int r = 0; r < sigmoid.rowCount(); r++) {
            assertEquals(1.0, sigmoid.doubleColumn("same_sign_fraction").get(r), 0.0, "fan-in " + sigmoid.intColumn("fan_in").get(r));
        }
        for (String unit : new String[]{"tanh", "LeCun 1.7159 tanh(2z/3)", "sigmoid − ½"}) {
            Table rows = t.where(t.stringColumn("hidden_unit").isEqualTo(unit));
            Table wide = rows.where(rows.intColumn("fan_in").isEqualTo(30));
            assertTrue(wide.doubleColumn("same_sign_fraction").get(0) < 0.05, unit + " at fan-in 30");
            Table single = rows.where(rows.intColumn("fan_in").isEqualTo(1));
            assertEquals(1.0, single.doubleColumn("same_sign_fraction").get(0), 0.0, "one input always has one sign");
        }
    }

    // ---- convergence

    @Test
    void tanhUnitsTrainFasterAndCentringHelpsAtEqualSlope() {
        Table t = QuickBook.chapter(ID).table(ID, "convergence.csv", ColumnType.STRING, ColumnType.DOUBLE,
                ColumnType.INTEGER, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE);
        int last = (int) t.intColumn("epoch").max();
        Table end = t.where(t.intColumn("epoch").isEqualTo(last));
        double sigmoid = lossOf(end, "sigmoid", 1);
        assertTrue(lossOf(end, "tanh", 1) < 0.5 * sigmoid);
        assertTrue(lossOf(end, "LeCun 1.7159 tanh(2z/3)", 1) < 0.5 * sigmoid);
        assertTrue(lossOf(end, "sigmoid − ½", 4) < lossOf(end, "sigmoid", 4) - 0.2,
                "same slope, same weights: only the centring differs");
    }

    private static double lossOf(Table end, String unit, double scale) {
        return end.where(end.stringColumn("hidden_unit").isEqualTo(unit)
                .and(end.doubleColumn("hidden_weight_scale").isEqualTo(scale))).doubleColumn("train_loss").get(0);
    }

    // ---- gradient checks for every network type of the chapter, small

    @Test
    void everyHiddenUnitPassesTheGradientCheck() {
        Nd4j.getRandom().setSeed(21);
        DataSet data = new DataSet(Nd4j.rand(DataType.DOUBLE, 5, 12), Nd4j.eye(10).getRows(1, 2, 4, 6, 8).castTo(DataType.DOUBLE));
        for (ZeroCenteringChapter.Unit unit : ZeroCenteringChapter.units()) {
            MultiLayerNetwork net = Networks.mlp(12).hiddenLayers(3, 5).activation(unit.activation())
                    .output(10, Activation.SOFTMAX, LossFunction.MCXENT).dataType(DataType.DOUBLE).frozen().seed(6).build();
            GradientChecks.assertPasses(net, data);
        }
    }

    @Test
    void theTwoWeightNeuronPassesTheGradientCheck() {
        double[][] x = ZeroCenteringChapter.sigmoidInputs(5);
        double[] t = ZeroCenteringChapter.targets(x);
        DataSet data = new DataSet(Nd4j.createFromArray(x), Nd4j.createFromArray(t).reshape(t.length, 1));
        GradientChecks.assertPasses(ZeroCenteringChapter.neuron(1.0), data);
    }
}
