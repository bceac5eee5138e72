package org.sigmoidbook.chapters.outputlayer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sigmoidbook.GradientChecks;
import org.sigmoidbook.QuickBook;
import org.sigmoidbook.toolkit.nn.GradientRecorder;
import org.sigmoidbook.toolkit.nn.Networks;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

class OutputLayerChapterTest {

    private static final String ID = "output-layer";

    private static Table results() {
        return QuickBook.chapter(ID).table(ID, "results.csv", ColumnType.STRING, ColumnType.INTEGER,
                ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE);
    }

    private static Table of(String activation) {
        Table all = results();
        return all.where(all.stringColumn("activation").isEqualTo(activation));
    }

    private static double last(Table run, String column) {
        return run.doubleColumn(column).get(run.rowCount() - 1);
    }

    @Test
    void everyRunHasOneRowPerEpochFromInitialisation() {
        for (String activation : new String[]{"sigmoid", "tanh", "relu"}) {
            Table run = of(activation);
            assertTrue(run.rowCount() >= 4, activation + " has too few epochs");
            for (int row = 0; row < run.rowCount(); row++) {
                assertEquals(row, run.intColumn("epoch").get(row));
            }
        }
        assertTrue(Files.isRegularFile(QuickBook.chapter(ID).figure(ID, "training-curves.png")));
        assertTrue(Files.isRegularFile(QuickBook.chapter(ID).figure(ID, "training-curves.svg")));
        assertTrue(Files.isRegularFile(QuickBook.chapter(ID).figure(ID, "first-layer-gradient.png")));
        assertTrue(Files.isRegularFile(QuickBook.chapter(ID).figure(ID, "first-layer-gradient.svg")));
    }

    /** Measured (seed 42, quick): tanh 0.96, ReLU 0.95, sigmoid 0.50 (chance) after the same 5 epochs. */
    @Test
    void tanhAndReluLearnTheTaskWhileTheDeepSigmoidNetworkStaysAtChance() {
        double sigmoid = last(of("sigmoid"), "heldout_accuracy");
        for (String activation : new String[]{"tanh", "relu"}) {
            double accuracy = last(of(activation), "heldout_accuracy");
            assertTrue(accuracy > 0.9, activation + " held-out accuracy " + accuracy);
            assertTrue(accuracy > sigmoid + 0.3, activation + " " + accuracy + " vs sigmoid " + sigmoid);
            assertTrue(last(of(activation), "heldout_loss") < 0.3, activation + " held-out loss");
        }
        assertTrue(sigmoid < 0.6, "sigmoid held-out accuracy " + sigmoid);
    }

    /** Balanced classes: a network that has learned nothing predicts 1/2 and scores ln 2 nats. */
    @Test
    void theSigmoidNetworksHeldOutLossStaysAtTheChanceValueLnTwo() {
        Table sigmoid = of("sigmoid");
        for (int row = 0; row < sigmoid.rowCount(); row++) {
            assertEquals(Math.log(2), sigmoid.doubleColumn("heldout_loss").get(row), 0.05, "epoch " + row);
        }
    }

    /** Measured (seed 42, quick): tanh/sigmoid about 1,000x at init, ReLU/sigmoid about 330x; more during training. */
    @Test
    void theSigmoidFirstLayerGradientIsHundredsOfTimesSmaller() {
        Table sigmoid = of("sigmoid");
        for (String activation : new String[]{"tanh", "relu"}) {
            Table other = of(activation);
            for (int row = 0; row < sigmoid.rowCount(); row++) {
                double ratio = other.doubleColumn("first_layer_grad_norm").get(row)
                        / sigmoid.doubleColumn("first_layer_grad_norm").get(row);
                assertTrue(ratio > 100, activation + "/sigmoid at epoch " + row + " = " + ratio);
            }
        }
    }

    @Test
    void headlineNumbersArePrinted() {
        String out = QuickBook.chapter(ID).stdout();
        assertTrue(out.contains("final held-out accuracy, sigmoid hidden = "), out);
        assertTrue(out.contains("first-layer gradient norm at init, tanh / sigmoid"), out);
    }

    /**
     * Every network the chapter trains, at a size that checks in about a second. The biases are moved
     * off zero: with zero biases a ReLU unit whose inputs are all zero sits exactly on its kink, where
     * the central difference measures half the one-sided slope and the check fails spuriously.
     */
    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"SIGMOID", "TANH", "RELU"})
    void theChaptersNetworkPassesTheFiniteDifferenceCheck(Activation hidden) {
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 8, 10);
        INDArray y = Nd4j.createFromArray(new double[][]{{1}, {0}, {1}, {1}, {0}, {0}, {1}, {0}});
        DataSet data = new DataSet(x, y);
        MultiLayerNetwork net = OutputLayerChapter.network(10, 5, hidden).dataType(DataType.DOUBLE).frozen().seed(3).build();
        Networks.normalBiases(net, 0.1, 0.1, 5);
        assertTrue(GradientRecorder.meanGradients(net, data).get(0).weightNorm() > 0,
                "the first layer must receive a gradient, or the check proves nothing");
        GradientChecks.assertPasses(net, data);
    }
}
