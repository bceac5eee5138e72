package org.sigmoidbook.chapters.vanishing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sigmoidbook.GradientChecks;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.GradientRecorder;
import org.sigmoidbook.toolkit.nn.HiddenUnit;
import org.sigmoidbook.toolkit.nn.LayerGradient;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/** The chapter's networks behave as Nielsen's: same cost, same regularised update, correct gradients. */
class VanishingChapterTest {

    private static final int INPUTS = 12;
    private static final int EXAMPLES = 6;

    private static DataSet smallData() throws Exception {
        Nd4j.getRandom().setSeed(11);
        return new DataSet(Nd4j.rand(DataType.DOUBLE, EXAMPLES, INPUTS), Mnist.load().train().first(EXAMPLES).oneHot(DataType.DOUBLE));
    }

    private static MultiLayerNetwork smallNielsenNet(double l2, long seed) {
        return VanishingChapter.nielsenNetwork(VanishingChapter.network(INPUTS, 2, 4, HiddenUnit.SIGMOID)
                .dataType(DataType.DOUBLE).sgd(VanishingChapter.LEARNING_RATE).l2(l2), seed);
    }

    /** Sigmoid outputs, by hand: a = sigma(x W + b) layer after layer (DL4J stores W as [n_in, n_out]). */
    private static double[][] outputsByHand(MultiLayerNetwork net, INDArray x) {
        double[][] a = x.toDoubleMatrix();
        for (int l = 0; l < net.getnLayers(); l++) {
            double[][] w = net.getParam(l + "_W").toDoubleMatrix();
            double[] b = net.getParam(l + "_b").toDoubleVector();
            double[][] next = new double[a.length][b.length];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < b.length; j++) {
                    double z = b[j];
                    for (int k = 0; k < w.length; k++) {
                        z += a[i][k] * w[k][j];
                    }
                    next[i][j] = Sigmoid.of(z);
                }
            }
            a = next;
        }
        return a;
    }

    /**
     * Nielsen's CrossEntropyCost sums -y ln a - (1 - y) ln(1 - a) over the outputs and averages over
     * the examples, and its output error is a - y. DL4J's XENT must reduce the same way.
     */
    @Test
    void xentIsNielsensCrossEntropySummedOverOutputsAndAveragedOverExamples() throws Exception {
        DataSet data = smallData();
        MultiLayerNetwork net = smallNielsenNet(0, 3);
        double[][] a = outputsByHand(net, data.getFeatures());
        double[][] y = data.getLabels().toDoubleMatrix();
        double cost = 0;
        double[] outputError = new double[10];
        for (int i = 0; i < EXAMPLES; i++) {
            for (int j = 0; j < 10; j++) {
                cost += -y[i][j] * Math.log(a[i][j]) - (1 - y[i][j]) * Math.log(1 - a[i][j]);
                outputError[j] += (a[i][j] - y[i][j]) / EXAMPLES;
            }
        }
        assertEquals(cost / EXAMPLES, net.score(data), 1e-10, "score = mean over examples of the summed cross-entropy");
        List<LayerGradient> gradients = GradientRecorder.meanGradients(net, data);
        double[] outputBias = gradients.get(net.getnLayers() - 1).biases().toDoubleVector();
        for (int j = 0; j < 10; j++) {
            assertEquals(outputError[j], outputBias[j], 1e-10, "mean dC/db of output " + j + " = mean(a - y)");
        }
    }

    /**
     * With the coefficient lambda / n, one DL4J SGD step is Nielsen's
     * w -> (1 - eta lambda / n) w - eta dC0/dw and b -> b - eta dC0/db (biases not decayed), and the score adds
     * Nielsen's lambda / (2n) sum w^2. Lambda / n = 5 / 6 here, so a doubled coefficient would be far off.
     */
    @Test
    void l2CoefficientReproducesNielsensRegularisedUpdate() throws Exception {
        DataSet data = smallData();
        double eta = VanishingChapter.LEARNING_RATE;
        double lambda = VanishingChapter.LAMBDA;
        MultiLayerNetwork plain = smallNielsenNet(0, 5);
        MultiLayerNetwork regularised = smallNielsenNet(VanishingChapter.l2Coefficient(lambda, EXAMPLES), 5);
        assertEquals(plain.params(), regularised.params(), "the twin networks must start from the same parameters");
        List<LayerGradient> gradients = GradientRecorder.meanGradients(plain, data);
        double squaredWeights = 0;
        for (int l = 0; l < regularised.getnLayers(); l++) {
            squaredWeights += Math.pow(regularised.getParam(l + "_W").norm2Number().doubleValue(), 2);
        }
        assertEquals(plain.score(data) + lambda / (2 * EXAMPLES) * squaredWeights, regularised.score(data), 1e-10);

        List<INDArray> weights = List.of(regularised.getParam("0_W").dup(), regularised.getParam("1_W").dup(), regularised.getParam("2_W").dup());
        List<INDArray> biases = List.of(regularised.getParam("0_b").dup(), regularised.getParam("1_b").dup(), regularised.getParam("2_b").dup());
        regularised.fit(data);
        for (int l = 0; l < 3; l++) {
            INDArray expectedW = weights.get(l).mul(1 - eta * lambda / EXAMPLES).sub(gradients.get(l).weights().mul(eta));
            INDArray expectedB = biases.get(l).sub(gradients.get(l).biases().mul(eta));
            assertEquals(0, expectedW.sub(regularised.getParam(l + "_W")).amaxNumber().doubleValue(), 1e-12, "weights of layer " + (l + 1));
            assertEquals(0, expectedB.sub(regularised.getParam(l + "_b")).amaxNumber().doubleValue(), 1e-12, "biases of layer " + (l + 1));
        }
    }

    @Test
    void nielsenSigmoidNetworkPassesTheGradientCheck() throws Exception {
        MultiLayerNetwork net = VanishingChapter.nielsenNetwork(VanishingChapter.network(INPUTS, 3, 5, HiddenUnit.SIGMOID)
                .dataType(DataType.DOUBLE).frozen(), 1);
        GradientChecks.assertPasses(net, smallData());
    }

    @Test
    void tanhNetworkOfTheDepthSweepPassesTheGradientCheck() throws Exception {
        MultiLayerNetwork net = VanishingChapter.network(INPUTS, 3, 5, HiddenUnit.TANH).dataType(DataType.DOUBLE).frozen().seed(2).build();
        GradientChecks.assertPasses(net, smallData());
    }

    @Test
    void reluNetworkOfTheDepthSweepPassesTheGradientCheck() throws Exception {
        MultiLayerNetwork net = VanishingChapter.network(INPUTS, 3, 5, HiddenUnit.RELU).dataType(DataType.DOUBLE).frozen().seed(3).build();
        GradientChecks.assertPasses(net, smallData());
    }
}
