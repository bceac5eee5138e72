package org.sigmoidbook.toolkit.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

class GradientRecorderTest {

    private static MultiLayerNetwork smallNet() {
        return Networks.mlp(4).hidden(3, 3).activation(Activation.SIGMOID)
                .output(2, Activation.SIGMOID, LossFunction.XENT).dataType(DataType.DOUBLE).seed(7).build();
    }

    private static DataSet smallData() {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 4);
        INDArray y = Nd4j.createFromArray(new double[][]{{1, 0}, {0, 1}, {1, 1}, {0, 0}, {1, 0}});
        return new DataSet(x, y);
    }

    /** The score DL4J reports is the mean loss, so its finite difference is the mean gradient. */
    @Test
    void meanGradientsMatchFiniteDifferencesOfTheMeanLoss() {
        MultiLayerNetwork net = smallNet();
        DataSet data = smallData();
        List<LayerGradient> gradients = GradientRecorder.meanGradients(net, data);
        double h = 1e-6;
        for (int l = 0; l < 3; l++) {
            INDArray bias = net.getParam(l + "_b");
            for (int j = 0; j < bias.length(); j++) {
                double original = bias.getDouble(j);
                bias.putScalar(j, original + h);
                double up = net.score(data);
                bias.putScalar(j, original - h);
                double down = net.score(data);
                bias.putScalar(j, original);
                assertEquals((up - down) / (2 * h), gradients.get(l).biases().getDouble(j), 1e-7,
                        "layer " + (l + 1) + " bias " + j);
            }
            assertEquals(l + 1, gradients.get(l).layer());
        }
    }

    /** The listener sees the summed gradient; the recorder must report the same mean as meanGradients. */
    @Test
    void recorderReportsTheMeanGradientOfTheMinibatch() {
        MultiLayerNetwork net = smallNet();
        DataSet data = smallData();
        List<LayerGradient> expected = GradientRecorder.meanGradients(net, data);
        GradientRecorder recorder = new GradientRecorder();
        net.setListeners(recorder);
        net.fit(data);
        List<GradientRecorder.Update> updates = recorder.updates();
        assertEquals(3, updates.size());
        for (int l = 0; l < 3; l++) {
            assertEquals(expected.get(l).biasNorm(), updates.get(l).biasGradNorm(), 1e-9);
            assertEquals(expected.get(l).weightNorm(), updates.get(l).weightGradNorm(), 1e-9);
            assertEquals(l + 1, updates.get(l).layer());
        }
        assertEquals(GradientRecorder.Role.OUTPUT, updates.get(2).role());
        assertEquals(GradientRecorder.Role.HIDDEN, updates.get(1).role());
        List<LayerGradient> afterOneStep = GradientRecorder.meanGradients(net, data);
        net.fit(data);
        List<GradientRecorder.Update> second = recorder.updates().subList(3, 6);
        for (int l = 0; l < 3; l++) {
            assertEquals(afterOneStep.get(l).biasNorm(), second.get(l).biasGradNorm(), 1e-9, "the second step records its own gradient");
        }
        assertTrue(Math.abs(second.get(2).biasGradNorm() - updates.get(2).biasGradNorm()) > 1e-6, "a step of SGD changes the gradient");
        assertEquals("output", GradientRecorder.Role.OUTPUT.id());
        assertEquals("hidden", GradientRecorder.Role.HIDDEN.id());
    }

    /** An iteration that DL4J reports without a gradient computed first is recorded, with unknown norms. */
    @Test
    void anIterationWithoutAGradientIsRecordedAsNaN() {
        GradientRecorder recorder = new GradientRecorder();
        recorder.iterationDone(smallNet(), 4, 2);
        List<GradientRecorder.Update> updates = recorder.updates();
        assertEquals(3, updates.size());
        for (GradientRecorder.Update update : updates) {
            assertEquals(4, update.iteration());
            assertEquals(2, update.epoch());
            assertTrue(Double.isNaN(update.weightGradNorm()) && Double.isNaN(update.biasGradNorm()), update.toString());
        }
    }

    /** Saturated fraction and mean/std are computed from real activations: check one layer by hand. */
    @Test
    void activationStatsAgreeWithAHandComputation() {
        MultiLayerNetwork net = smallNet();
        INDArray x = smallData().getFeatures();
        Networks.scaleWeights(net, 40.0);
        GradientRecorder.ActivationStats first = GradientRecorder.activationStats(net, x).get(0);
        INDArray z = x.mmul(net.getParam("0_W")).addRowVector(net.getParam("0_b"));
        int saturated = 0;
        double sum = 0;
        double sumOfSquares = 0;
        for (int i = 0; i < z.length(); i++) {
            double s = 1 / (1 + Math.exp(-z.getDouble(i)));
            sum += s;
            sumOfSquares += s * s;
            if (s * (1 - s) < GradientRecorder.SATURATION_THRESHOLD) {
                saturated++;
            }
        }
        double mean = sum / z.length();
        assertEquals(mean, first.mean(), 1e-12);
        assertEquals(Math.sqrt((sumOfSquares - z.length() * mean * mean) / (z.length() - 1)), first.std(), 1e-9);
        assertEquals(1, first.layer());
        assertEquals((double) saturated / z.length(), first.saturatedFraction(), 1e-12);
        assertTrue(first.saturatedFraction() > 0.3, "weights scaled by 40 should saturate many units");
    }

    /** The recorder reads all norms from one copy of DL4J's flat array: they must equal ND4J's own norms of each view. */
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void layerNormsFromTheFlatArrayEqualNd4jNormsOfEachView(DataType type) {
        MultiLayerNetwork net = Networks.mlp(6).hidden(4, 3).activation(Activation.TANH)
                .output(2, Activation.SIGMOID, LossFunction.XENT).dataType(type).seed(9).build();
        Nd4j.getRandom().setSeed(4);
        net.params().assign(Nd4j.rand(type, 1, net.numParams()).subi(0.5));
        double[] norms = GradientRecorder.layerNorms(net.params(), net.paramTable(), net.getnLayers());
        for (int l = 0; l < net.getnLayers(); l++) {
            assertEquals(net.getParam(l + "_W").norm2Number().doubleValue(), norms[2 * l], 1e-5, "layer " + l + " W");
            assertEquals(net.getParam(l + "_b").norm2Number().doubleValue(), norms[2 * l + 1], 1e-5, "layer " + l + " b");
        }
        INDArray notTheParameterBuffer = net.params().dup();
        double[] fallback = GradientRecorder.layerNorms(notTheParameterBuffer, net.paramTable(), net.getnLayers());
        for (int i = 0; i < norms.length; i++) {
            assertEquals(norms[i], fallback[i], 1e-5);
        }
        double[] notRead = GradientRecorder.layerNorms(Nd4j.zeros(type, 1, net.numParams()), net.paramTable(), net.getnLayers());
        assertArrayEquals(norms, notRead, 1e-5, "another array of the same length holds none of the views");
    }
}
