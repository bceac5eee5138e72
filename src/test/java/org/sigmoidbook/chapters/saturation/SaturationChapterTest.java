package org.sigmoidbook.chapters.saturation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.sigmoidbook.GradientChecks;
import org.sigmoidbook.QuickBook;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.nn.Minibatches;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.Networks;
import org.sigmoidbook.toolkit.numerics.Sigmoid;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

class SaturationChapterTest {

    private static final String ID = "saturation";

    private static Table thresholds() {
        return QuickBook.chapter(ID).table(ID, "thresholds.csv", ColumnType.STRING, ColumnType.STRING, ColumnType.STRING,
                ColumnType.STRING, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE);
    }

    private static double threshold(String implementation, String quantity) {
        Table t = thresholds();
        Table row = t.where(t.stringColumn("implementation").isEqualTo(implementation)
                .and(t.stringColumn("quantity").isEqualTo(quantity)));
        assertEquals(1, row.rowCount(), implementation + " / " + quantity);
        return row.doubleColumn("threshold_z").get(0);
    }

    // ---- thresholds, recomputed here by walking the number line one representable value at a time

    private static float floatSigma(float z) {
        return 1f / (1f + (float) Math.exp(-z));
    }

    private static double doubleSigma(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /** The first float from {@code start} upwards at which the float formula gives exactly 1, and it stays 1 after. */
    private static float walkUpToOne(float start) {
        float z = start;
        while (floatSigma(z) != 1f) {
            z = Math.nextUp(z);
        }
        float after = z;
        for (int i = 0; i < 100_000; i++) {
            after = Math.nextUp(after);
            assertEquals(1f, floatSigma(after), "sigma must stay 1 above the threshold, at " + after);
        }
        return z;
    }

    @Test
    void javaFloatThresholdsMatchAFloatByFloatWalk() {
        float start = Math.nextDown((float) (24 * Math.log(2))) - 0.01f;
        assertNotEquals(1f, floatSigma(start));
        float right = walkUpToOne(start);
        assertEquals(right, threshold("Java float", "sigma == 1 from z"), 0.0);
        float s = floatSigma(right);
        assertEquals(0f, s * (1f - s));
        assertEquals(right, threshold("Java float", "sigma' == 0 from z"), 0.0);

        float z = -80f;
        while (floatSigma(z) != 0f) {
            z = Math.nextDown(z);
        }
        for (float below = z; below > z - 1; below = Math.nextDown(below)) {
            assertEquals(0f, floatSigma(below));
        }
        assertEquals(z, threshold("Java float", "sigma == 0 up to z"), 0.0);
        assertEquals(z, threshold("Java float", "sigma' == 0 up to z"), 0.0);
    }

    @Test
    void javaDoubleThresholdsMatchAWalkFromTheClosedForm() {
        double z = 53 * Math.log(2);
        for (int i = 0; i < 64; i++) {
            z = Math.nextDown(z);
        }
        assertNotEquals(1.0, doubleSigma(z));
        while (doubleSigma(z) != 1.0) {
            z = Math.nextUp(z);
        }
        assertEquals(z, threshold("Java double", "sigma == 1 from z"), 0.0);
        assertEquals(z, threshold("Java double", "sigma' == 0 from z"), 0.0);

        double left = -Math.log(Double.MAX_VALUE) + 1e-9;
        assertNotEquals(0.0, doubleSigma(left));
        while (doubleSigma(left) != 0.0) {
            left = Math.nextDown(left);
        }
        assertEquals(left, threshold("Java double", "sigma == 0 up to z"), 0.0);
    }

    @Test
    void nd4jThresholdsAreExactBoundariesOfNd4jsOwnOutput() {
        for (DataType type : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            String name = "ND4J " + type;
            double right = threshold(name, "sigma == 1 from z");
            double below = type == DataType.FLOAT ? Math.nextDown((float) right) : Math.nextDown(right);
            INDArray sigma = Sigmoid.forward(Sigmoid.vector(type, below, right, right + 1, right + 100));
            assertTrue(sigma.getDouble(0) < 1, name);
            assertEquals(1.0, sigma.getDouble(1), 0.0, name);
            assertEquals(1.0, sigma.getDouble(2), 0.0, name);
            assertEquals(1.0, sigma.getDouble(3), 0.0, name);
            double left = threshold(name, "sigma == 0 up to z");
            double above = type == DataType.FLOAT ? Math.nextUp((float) left) : Math.nextUp(left);
            INDArray low = Sigmoid.forward(Sigmoid.vector(type, above, left, left - 1));
            assertTrue(low.getDouble(0) > 0, name);
            assertEquals(0.0, low.getDouble(1), 0.0, name);
            assertEquals(0.0, low.getDouble(2), 0.0, name);
        }
        // ND4J's float sigmoid agrees with Java float arithmetic to the bit at both ends
        assertEquals(threshold("Java float", "sigma == 1 from z"), threshold("ND4J FLOAT", "sigma == 1 from z"), 0.0);
        assertEquals(threshold("Java float", "sigma == 0 up to z"), threshold("ND4J FLOAT", "sigma == 0 up to z"), 0.0);
    }

    @Test
    void thresholdsSitWithinAFewUlpsOfTheirClosedForms() {
        Table t = thresholds();
        for (int r = 0; r < t.rowCount(); r++) {
            double z = t.doubleColumn("threshold_z").get(r);
            double closed = t.doubleColumn("closed_form_z").get(r);
            double ulp = t.stringColumn("data_type").get(r).equals("FLOAT") ? Math.ulp((float) z) : Math.ulp(z);
            assertEquals(closed, z, 4 * ulp, t.stringColumn("implementation").get(r) + " / " + t.stringColumn("quantity").get(r));
        }
        assertEquals(-745.13, threshold("Java double, stable form", "sigma == 0 up to z"), 0.01);
    }

    // ---- Glorot and Bengio's Figure 2

    @Test
    void topHiddenLayerSaturatesTowardZeroWhileTheLowerLayersStayNearOneHalf() throws Exception {
        var output = QuickBook.chapter(ID);
        List<String> lines = Files.readAllLines(output.data(ID, "activations-during-training.csv"));
        assertEquals("step,layer,mean,std", lines.get(0));
        Table t = output.table(ID, "activations-during-training.csv", ColumnType.INTEGER, ColumnType.INTEGER,
                ColumnType.DOUBLE, ColumnType.DOUBLE);
        int last = (int) t.intColumn("step").max();
        Table start = t.where(t.intColumn("step").isEqualTo(0));
        Table end = t.where(t.intColumn("step").isEqualTo(last));
        assertEquals(SaturationChapter.GLOROT_LAYERS, end.rowCount());
        for (int r = 0; r < start.rowCount(); r++) {
            assertEquals(0.5, start.doubleColumn("mean").get(r), 0.02, "zero biases and symmetric weights start every layer at 1/2");
        }
        for (int r = 0; r < end.rowCount(); r++) {
            int layer = end.intColumn("layer").get(r);
            double mean = end.doubleColumn("mean").get(r);
            if (layer == SaturationChapter.GLOROT_LAYERS) {
                assertTrue(mean < 0.2, "top hidden layer mean " + mean);
            } else {
                assertTrue(mean > 0.4, "layer " + layer + " mean " + mean);
            }
        }
    }

    /** Glorot and Bengio's "standard" initialisation: DL4J's UNIFORM must be uniform in +-1/sqrt(n_in). */
    @Test
    void uniformWeightsAreBoundedByOneOverRootFanIn() {
        MultiLayerNetwork net = Networks.mlp(Digits.PIXELS).hidden(1000).uniformWeights().seed(3).build();
        double[] w = net.getParam("0_W").ravel().toDoubleVector();
        double bound = 1 / Math.sqrt(Digits.PIXELS);
        double max = 0;
        double sumSquares = 0;
        for (double v : w) {
            max = Math.max(max, Math.abs(v));
            sumSquares += v * v;
        }
        assertTrue(max <= bound * (1 + 1e-6), "largest |w| " + max + " exceeds " + bound);
        assertTrue(max > bound * 0.999, "784,000 draws should come close to the bound");
        assertEquals(bound / Math.sqrt(3), Math.sqrt(sumSquares / w.length), bound / Math.sqrt(3) * 0.01,
                "a uniform draw on [-b, b] has standard deviation b / sqrt(3)");
    }

    // ---- initial weight scale

    @Test
    void largerInitialWeightsSaturateMoreUnitsAndSmallOnesFollowTheLinearRegime() {
        Table t = QuickBook.chapter(ID).table(ID, "init-scale.csv", ColumnType.DOUBLE, ColumnType.INTEGER, ColumnType.DOUBLE,
                ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE);
        double smallest = t.doubleColumn("weight_scale").min();
        double largest = t.doubleColumn("weight_scale").max();
        assertEquals(0.1, smallest, 1e-12);
        assertEquals(100, largest, 1e-9);
        Table small = t.where(t.doubleColumn("weight_scale").isEqualTo(smallest));
        Table large = t.where(t.doubleColumn("weight_scale").isEqualTo(largest));
        assertEquals(0.0, small.doubleColumn("saturated_fraction").max(), 0.0);
        assertTrue(large.doubleColumn("saturated_fraction").mean() > 0.5);
        // with sigma' = 1/4 everywhere, dC/dW1 scales as s^4 (four weight matrices above layer 1)
        Table first = t.where(t.intColumn("layer").isEqualTo(1));
        double s0 = first.doubleColumn("weight_scale").get(0);
        double s1 = first.doubleColumn("weight_scale").get(1);
        double ratio = first.doubleColumn("weight_grad_norm").get(1) / first.doubleColumn("weight_grad_norm").get(0);
        assertEquals(Math.pow(s1 / s0, 4), ratio, Math.pow(s1 / s0, 4) * 0.05);
        double atLargest = first.doubleColumn("weight_grad_norm").get(first.rowCount() - 1);
        double extrapolated = first.doubleColumn("weight_grad_norm").get(0) * Math.pow(largest / smallest, 4);
        assertTrue(atLargest < extrapolated / 100, "saturation must cost the first layer most of its gradient");
    }

    // ---- a saturated neuron

    @Test
    void aSaturatedNeuronWithSquaredErrorBarelyMovesWhileCrossEntropyRescuesIt() {
        Table t = frozenNeuron();
        int last = (int) t.intColumn("step").max();
        Table end = t.where(t.intColumn("step").isEqualTo(last));
        double free = moved(end, "unsaturated (b = 0), squared error");
        double frozen = moved(end, "saturated (b = 10), squared error");
        double rescued = moved(end, "saturated (b = 10), cross-entropy");
        assertTrue(frozen < 0.05 * free, "saturated neuron moved " + frozen + " vs " + free);
        assertTrue(rescued > 0.5 * free, "cross-entropy cancels sigma': moved " + rescued + " vs " + free);
    }

    private static Table frozenNeuron() {
        return QuickBook.chapter(ID).table(ID, "frozen-neuron.csv", ColumnType.STRING, ColumnType.INTEGER,
                ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE);
    }

    /** Squared error on all 0/1 digits: the unsaturated and the cross-entropy neurons learn, the other does not. */
    @Test
    void onlyTheSaturatedSquaredErrorNeuronFailsToLearnInTheQuickRun() {
        Table t = frozenNeuron();
        double limit = SaturationChapter.LEARNED_ERROR;
        assertTrue(errors(t, "unsaturated (b = 0), squared error").min() < limit);
        assertTrue(errors(t, "saturated (b = 10), cross-entropy").min() < limit);
        assertTrue(errors(t, "saturated (b = 10), squared error").min() > limit);
        assertTrue(t.where(t.stringColumn("neuron").isEqualTo("saturated (b = 10), squared error"))
                .doubleColumn("mean_sigma_prime").max() < 0.01, "it stays saturated throughout");
    }

    private static tech.tablesaw.api.DoubleColumn errors(Table t, String neuron) {
        return t.where(t.stringColumn("neuron").isEqualTo(neuron)).doubleColumn("squared_error");
    }

    private static double moved(Table end, String neuron) {
        return end.where(end.stringColumn("neuron").isEqualTo(neuron)).doubleColumn("weight_distance_moved").get(0);
    }

    /** The saturated neuron's first gradient, by hand: mean over the batch of 2 (a - y) a (1 - a) x. */
    @Test
    void theFrozenNeuronsFirstGradientCarriesTheTinySigmaPrime() throws Exception {
        Table t = frozenNeuron();
        double recorded = t.where(t.stringColumn("neuron").isEqualTo("saturated (b = 10), squared error")
                .and(t.intColumn("step").isEqualTo(1))).doubleColumn("weight_grad_norm").get(0);
        DataSet digits = Mnist.load().train().onlyClasses(0, 1).binary(1, DataType.FLOAT);
        DataSet batch = new Minibatches(digits, SaturationChapter.GLOROT_BATCH, QuickBook.SEED).next();
        MultiLayerNetwork net = Networks.mlp(Digits.PIXELS).output(1, Activation.SIGMOID, LossFunction.MSE)
                .sgd(SaturationChapter.FROZEN_LEARNING_RATE).seed(QuickBook.SEED).build();
        double[] w = net.getParam("0_W").toDoubleVector();
        double[][] x = batch.getFeatures().toDoubleMatrix();
        double[] y = batch.getLabels().toDoubleVector();
        double[] gradient = new double[w.length];
        for (int n = 0; n < x.length; n++) {
            double z = SaturationChapter.SATURATING_BIAS;
            for (int i = 0; i < w.length; i++) {
                z += w[i] * x[n][i];
            }
            double a = Sigmoid.of(z);
            for (int i = 0; i < w.length; i++) {
                gradient[i] += 2 * (a - y[n]) * a * (1 - a) * x[n][i] / x.length;
            }
        }
        double norm = Math.sqrt(Arrays.stream(gradient).map(g -> g * g).sum());
        assertEquals(norm, recorded, norm * 1e-3);
        assertTrue(norm < 1e-3, "sigma'(10) = 4.5e-5 makes the gradient tiny: " + norm);
    }

    // ---- gradient checks for every network type of the chapter, small

    @Test
    void glorotStyleNetworkPassesTheGradientCheck() {
        Nd4j.getRandom().setSeed(11);
        DataSet data = new DataSet(Nd4j.rand(DataType.DOUBLE, 5, 12), Nd4j.eye(10).getRows(0, 3, 5, 7, 9).castTo(DataType.DOUBLE));
        MultiLayerNetwork net = Networks.mlp(12).hiddenLayers(4, 6).activation(Activation.SIGMOID)
                .output(10, Activation.SOFTMAX, LossFunction.MCXENT).uniformWeights()
                .dataType(DataType.DOUBLE).frozen().seed(2).build();
        Networks.scaleWeights(net, 3.0);
        GradientChecks.assertPasses(net, data);
    }

    @Test
    void singleSigmoidNeuronsPassTheGradientCheck() {
        Nd4j.getRandom().setSeed(12);
        DataSet data = new DataSet(Nd4j.rand(DataType.DOUBLE, 6, 10),
                Nd4j.createFromArray(new double[][]{{1}, {0}, {1}, {1}, {0}, {0}}));
        for (LossFunction loss : new LossFunction[]{LossFunction.MSE, LossFunction.XENT}) {
            MultiLayerNetwork net = Networks.mlp(10).output(1, Activation.SIGMOID, loss)
                    .dataType(DataType.DOUBLE).frozen().seed(4).build();
            net.getParam("0_b").assign(2.0);
            GradientChecks.assertPasses(net, data);
        }
    }
}
