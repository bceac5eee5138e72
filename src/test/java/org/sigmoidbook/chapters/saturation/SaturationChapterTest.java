package org.sigmoidbook.chapters.saturation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Tag;
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
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.Minibatches;
import org.sigmoidbook.toolkit.nn.Networks;
import org.sigmoidbook.toolkit.numerics.Sigmoid;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

@Tag("book")
class SaturationChapterTest {

    private static final String ID = "saturation";

    // ---- Glorot and Bengio's Figure 2

    private static Table activations() {
        return QuickBook.book().table(ID, "activations-during-training.csv", ColumnType.INTEGER, ColumnType.INTEGER,
                ColumnType.DOUBLE, ColumnType.DOUBLE);
    }

    private static double finding(String name) {
        return QuickBook.book().finding(ID, name);
    }

    @Test
    void everyLayerStartsAtOneHalfAndTheTopLayerCollapses() throws Exception {
        List<String> lines = Files.readAllLines(QuickBook.book().data(ID, "activations-during-training.csv"));
        assertEquals("step,layer,mean,std", lines.get(0));
        Table t = activations();
        int last = (int) t.intColumn("step").max();
        Table start = t.where(t.intColumn("step").isEqualTo(0));
        assertEquals(GlorotRun.LAYERS, start.rowCount());
        for (int r = 0; r < start.rowCount(); r++) {
            assertEquals(0.5, start.doubleColumn("mean").get(r), 0.02, "zero biases and symmetric weights start every layer at 1/2");
        }
        double top = GlorotRun.mean(t, last, GlorotRun.LAYERS);
        assertTrue(top < 0.2, "top hidden layer mean " + top);
        assertEquals(top, finding("layer 4: mean activation at the last step"), 5e-5);
        int below = (int) finding("first probed step with the top layer's mean below 0.2");
        assertTrue(GlorotRun.mean(t, below, GlorotRun.LAYERS) < 0.2);
        for (int step : t.intColumn("step").unique()) {
            assertTrue(step >= below || GlorotRun.mean(t, step, GlorotRun.LAYERS) >= 0.2, "earlier probe at step " + step);
        }
    }

    /** Glorot and Bengio: below the top layer, the means are larger the nearer a layer is to the output. */
    @Test
    void theLowerLayersAreOrderedAsInThePaperAndLayerOneBarelyMoves() {
        Table t = activations();
        int last = (int) t.intColumn("step").max();
        double[] mean = new double[GlorotRun.LAYERS + 1];
        for (int l = 1; l <= GlorotRun.LAYERS; l++) {
            mean[l] = GlorotRun.mean(t, last, l);
            assertEquals(mean[l], finding("layer " + l + ": mean activation at the last step"), 5e-5, "finding for layer " + l);
        }
        assertTrue(mean[3] > mean[2] && mean[2] > mean[1] && mean[1] > mean[4],
                "expected layer 3 > layer 2 > layer 1 > layer 4: " + Arrays.toString(mean));
        Table first = t.where(t.intColumn("layer").isEqualTo(1));
        double change = first.doubleColumn("mean").subtract(first.doubleColumn("mean").get(0)).abs().max();
        assertEquals(change, finding("layer 1: largest change of its mean activation from step 0"), 5e-5);
        assertTrue(change < 0.01, "layer 1 moved by " + change);
    }

    @Test
    void probesAreSpreadEvenlyOnALogScale() {
        assertEquals(List.of(0, 1, 2, 3, 5, 10, 15, 20, 30, 50, 75, 100, 120), GlorotRun.probeSteps(120));
        List<Integer> full = GlorotRun.probeSteps(1000);
        assertEquals(List.of(0, 1, 2, 3, 5, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000), full);
        assertEquals(GlorotRun.probeSteps((int) activations().intColumn("step").max()).size() * GlorotRun.LAYERS, activations().rowCount());
    }

    /** The trend finding is a least-squares slope on log-log axes: a pure power law gives back its exponent. */
    @Test
    void topLayerTrendIsTheExponentOfAPowerLaw() {
        double[] x = {Math.log(100), Math.log(200), Math.log(500), Math.log(1000)};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.log(3) - 0.6 * x[i];
        }
        assertEquals(-0.6, GlorotRun.slope(x, y), 1e-12);
        Table t = activations();
        double trend = finding("top layer: slope of log mean against log step over the last decade of steps");
        assertEquals(GlorotRun.topLayerTrend(t).exponent(), trend, 0.005);
        assertTrue(trend < 0, "the quick run's top layer is still sinking: " + trend);
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
        Table t = QuickBook.book().table(ID, "init-scale.csv", ColumnType.DOUBLE, ColumnType.INTEGER, ColumnType.DOUBLE,
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
        return QuickBook.book().table(ID, "frozen-neuron.csv", ColumnType.STRING, ColumnType.INTEGER,
                ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE);
    }

    /** Squared error on all 0/1 digits: the unsaturated and the cross-entropy neurons learn, the other does not. */
    @Test
    void onlyTheSaturatedSquaredErrorNeuronFailsToLearnInTheQuickRun() {
        Table t = frozenNeuron();
        double limit = FrozenNeuron.LEARNED_ERROR;
        assertTrue(errors(t, "unsaturated (b = 0), squared error").min() < limit);
        assertTrue(errors(t, "saturated (b = 10), cross-entropy").min() < limit);
        assertTrue(errors(t, "saturated (b = 10), squared error").min() > limit);
        assertTrue(t.where(t.stringColumn("neuron").isEqualTo("saturated (b = 10), squared error"))
                .doubleColumn("mean_sigma_prime").max() < 0.01, "it stays saturated throughout");
    }

    /** Rows: every step up to 100, then every 10th, plus the step a neuron learned at; the findings agree with them. */
    @Test
    void theLearnedStepIsTheFirstRecordedStepBelowTheErrorLimit() {
        Table t = frozenNeuron();
        for (FrozenNeuron.Neuron neuron : FrozenNeuron.NEURONS) {
            Table rows = t.where(t.stringColumn("neuron").isEqualTo(neuron.name()));
            int[] steps = rows.intColumn("step").asIntArray();
            for (int s = 1; s <= FrozenNeuron.EARLY; s++) {
                assertEquals(s, steps[s - 1], neuron.name());
            }
            Table learned = rows.where(rows.doubleColumn("squared_error").isLessThan(FrozenNeuron.LEARNED_ERROR));
            String finding = neuron.name() + ": steps until the squared error on all 0/1 digits is below " + FrozenNeuron.LEARNED_ERROR;
            if (learned.isEmpty()) {
                continue;
            }
            assertEquals(learned.intColumn("step").get(0), finding(finding), 0.0, neuron.name());
            double moved = rows.where(rows.intColumn("step").isEqualTo(FrozenNeuron.EARLY)).doubleColumn("weight_distance_moved").get(0);
            assertEquals(moved, finding(neuron.name() + ": distance moved in the first " + FrozenNeuron.EARLY + " steps"), moved * 5e-3,
                    "the finding has three significant digits");
        }
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
        DataSet batch = new Minibatches(digits, FrozenNeuron.BATCH, QuickBook.SEED).next();
        MultiLayerNetwork net = Networks.mlp(Digits.PIXELS).output(1, Activation.SIGMOID, LossFunction.MSE)
                .sgd(FrozenNeuron.LEARNING_RATE).seed(QuickBook.SEED).build();
        double[] w = net.getParam("0_W").toDoubleVector();
        double[][] x = batch.getFeatures().toDoubleMatrix();
        double[] y = batch.getLabels().toDoubleVector();
        double[] gradient = new double[w.length];
        for (int n = 0; n < x.length; n++) {
            double z = FrozenNeuron.SATURATING_BIAS;
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
