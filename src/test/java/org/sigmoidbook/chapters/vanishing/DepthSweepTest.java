package org.sigmoidbook.chapters.vanishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.sigmoidbook.book.Results;
import org.sigmoidbook.book.Rows;
import org.sigmoidbook.book.run.Csv;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.GradientRecorder;
import org.sigmoidbook.toolkit.nn.LayerGradient;
import org.sigmoidbook.toolkit.nn.Networks;

/** The depth sweep's networks, its table and the reading of 0.25^(L-1). */
class DepthSweepTest {

    /**
     * 0.25^(L-1) is not a bound on the first/last ratio: one step back multiplies the error by
     * w sigma'(z), and with w = 6 at z = 0 that is 6/4. Two sigmoid hidden layers of one unit, in
     * DL4J: dC/db1 = w2 sigma'(z1) dC/db2, so the ratio of the bias gradients is 1.5 > 0.25.
     */
    @Test
    void oneStepBackCanMultiplyTheGradientByMoreThanAQuarter() throws Exception {
        MultiLayerNetwork net = Networks.mlp(1).hidden(1, 1).activation(Activation.SIGMOID)
                .output(1, Activation.SIGMOID, LossFunction.XENT).dataType(DataType.DOUBLE).frozen().build();
        double x = 0.7;
        net.getParam("0_W").assign(2.0);
        net.getParam("0_b").assign(-2.0 * x);
        net.getParam("1_W").assign(6.0);
        net.getParam("1_b").assign(-3.0);
        DataSet one = new DataSet(Nd4j.createFromArray(new double[][]{{x}}), Nd4j.createFromArray(new double[][]{{1.0}}));
        List<LayerGradient> gradients = GradientRecorder.meanGradients(net, one);
        double ratio = gradients.get(0).biasNorm() / gradients.get(1).biasNorm();
        assertEquals(1.5, ratio, 1e-12);
        assertTrue(ratio > DepthSweep.quarterPower(2), "ratio " + ratio);
    }

    @Test
    void quarterPowerIsTheProductOfLMinusOneQuarters() {
        assertEquals(1.0, DepthSweep.quarterPower(1), 0);
        assertEquals(1.0 / 4, DepthSweep.quarterPower(2), 0);
        assertEquals(1.0 / 262_144, DepthSweep.quarterPower(10), 0);
    }

    /**
     * He et al.'s initialisation, DL4J's WeightInit.RELU, draws N(0, 2/n_in): twice the variance of
     * N(0, 1/n_in). Checked on the first layer (784 x 30 draws: a standard error of about 0.9%) and on
     * the stack of 30 x 30 layers of a deep network.
     */
    @Test
    void reluHeWeightsHaveTwiceTheVarianceOfTheBookInitialisation() {
        assertEquals(2.0, DepthSweep.varianceTimesFanIn(DepthSweep.Hidden.RELU_HE, 7), 0.06);
        assertEquals(1.0, DepthSweep.varianceTimesFanIn(DepthSweep.Hidden.RELU, 7), 0.03);
        MultiLayerNetwork he = DepthSweep.Hidden.RELU_HE.network(Digits.PIXELS, 10, 8);
        MultiLayerNetwork normal = DepthSweep.Hidden.RELU.network(Digits.PIXELS, 10, 8);
        double heSquares = 0;
        double normalSquares = 0;
        long count = 0;
        for (int layer = 1; layer < 10; layer++) {
            heSquares += Math.pow(he.getParam(layer + "_W").norm2Number().doubleValue(), 2);
            normalSquares += Math.pow(normal.getParam(layer + "_W").norm2Number().doubleValue(), 2);
            count += he.getParam(layer + "_W").length();
        }
        assertEquals(2.0, heSquares / count * 30, 0.1, "mean square of the 30 x 30 weights times n_in");
        assertEquals(1.0, normalSquares / count * 30, 0.05);
    }

    /**
     * For the same seed DL4J draws the same normal numbers for both initialisations, so He's weights are
     * the book's times sqrt(2); with biases 0 every ReLU pre-activation then scales by a positive factor,
     * the pattern of active units is the same, and each backward step W^T diag(relu') is sqrt(2) times
     * the book's, image by image.
     */
    @Test
    void heWeightsAreTheBookWeightsTimesRootTwoWithTheSameActiveUnits() throws Exception {
        MultiLayerNetwork he = DepthSweep.Hidden.RELU_HE.network(Digits.PIXELS, 4, 3);
        MultiLayerNetwork normal = DepthSweep.Hidden.RELU.network(Digits.PIXELS, 4, 3);
        for (int layer = 0; layer <= 4; layer++) {
            double scale = normal.getParam(layer + "_W").norm2Number().doubleValue();
            assertEquals(0, normal.getParam(layer + "_W").mul(Math.sqrt(2)).sub(he.getParam(layer + "_W")).amaxNumber().doubleValue(),
                    1e-6 * scale, "layer " + layer);
        }
        INDArray images = Mnist.load().train().first(20).features(DataType.FLOAT);
        List<INDArray> heActivations = he.feedForward(images, false);
        List<INDArray> activations = normal.feedForward(images, false);
        for (int layer = 1; layer <= 4; layer++) {
            assertEquals(activations.get(layer).gt(0), heActivations.get(layer).gt(0), "active units of hidden layer " + layer);
        }
    }

    /**
     * Why the sigmoid median follows 0.25^(L-1): a 30 x 30 matrix of N(0, 1/30) weights keeps the
     * squared norm of what it multiplies on average, E|W^T v|^2 = |v|^2. Over 200 seeds of DL4J's
     * initialisation, within 6%: about three standard errors of 1.8%.
     */
    @Test
    void aMatrixOfTheBookWeightsKeepsTheSquaredNormOnAverage() {
        double[] v = new double[30];
        Arrays.setAll(v, i -> Math.sin(i + 1));
        INDArray column = Nd4j.createFromArray(v).reshape(30, 1).castTo(DataType.FLOAT);
        double sum = 0;
        int seeds = 200;
        for (long seed = 0; seed < seeds; seed++) {
            MultiLayerNetwork net = Networks.mlp(30).hidden(30).activation(Activation.SIGMOID)
                    .output(1, Activation.SIGMOID, LossFunction.XENT).normalWeights().seed(seed).build();
            INDArray w = net.getParam("0_W");
            sum += Math.pow(w.transpose().mmul(column).norm2Number().doubleValue(), 2);
        }
        double squaredNorm = Arrays.stream(v).map(x -> x * x).sum();
        assertEquals(1.0, sum / seeds / squaredNorm, 0.06);
    }

    @Test
    void sigmoidTimesFourMultipliesEveryWeightByFour() {
        MultiLayerNetwork plain = DepthSweep.Hidden.SIGMOID.network(Digits.PIXELS, 3, 5);
        MultiLayerNetwork times4 = DepthSweep.Hidden.SIGMOID_X4.network(Digits.PIXELS, 3, 5);
        for (int layer = 0; layer <= 3; layer++) {
            assertEquals(0, plain.getParam(layer + "_W").mul(4).sub(times4.getParam(layer + "_W")).amaxNumber().doubleValue(), 1e-6);
            assertEquals(0, times4.getParam(layer + "_b").amaxNumber().doubleValue(), 0, "biases stay 0");
        }
    }

    /** Seeds are longs: a seed beyond the int range is written and read back as it was used. */
    @Test
    void seedsBeyondTheIntRangeSurviveTheTable(@TempDir Path dir) throws Exception {
        long seed = 5_000_000_000L;
        List<DepthSweep.Run> runs = List.of(DepthSweep.Run.of(DepthSweep.Hidden.TANH, 3, seed, 0.5, 0.25),
                DepthSweep.Run.of(DepthSweep.Hidden.TANH, 3, seed + 1, 0.3, 0.6));
        Path file = dir.resolve("depth-sweep.csv");
        Csv.write(Rows.table("depth-sweep", DepthSweep.Run.class, runs), file);
        assertTrue(Files.readString(file).contains(",5000000001,"), Files.readString(file));
        List<DepthSweep.Run> read = new Results(dir).rows("depth-sweep", DepthSweep.Run.class);
        assertEquals(seed, read.get(0).seed());
        assertEquals(seed + 1, read.get(1).seed());
        assertEquals(2.0, runs.get(0).ratio(), 0);
    }
}
