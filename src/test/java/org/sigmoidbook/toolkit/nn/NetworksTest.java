package org.sigmoidbook.toolkit.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The builder against what its documentation promises: the layers asked for, SGD at 0.1, FLOAT,
 * zero biases, and weights whose variance is 1/n_in (normal) or 1/(3 n_in) (uniform on
 * [-1/sqrt(n_in), 1/sqrt(n_in)]); over 784 x 30 draws the sample variance has a relative standard
 * error of about 1%.
 */
class NetworksTest {

    private static final int INPUTS = 784;

    private static double varianceTimesFanIn(MultiLayerNetwork net) {
        double[] w = net.getParam("0_W").ravel().toDoubleVector();
        double mean = 0;
        for (double v : w) {
            mean += v / w.length;
        }
        double squares = 0;
        for (double v : w) {
            squares += (v - mean) * (v - mean);
        }
        return squares / (w.length - 1) * INPUTS;
    }

    private static BaseLayer layer(MultiLayerConfiguration configuration, int index) {
        return (BaseLayer) configuration.getConf(index).getLayer();
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        MultiLayerNetwork net = Networks.mlp(INPUTS).hidden(30).build();
        MultiLayerConfiguration configuration = net.getLayerWiseConfigurations();
        assertEquals(2, net.getnLayers());
        assertInstanceOf(DenseLayer.class, layer(configuration, 0));
        assertInstanceOf(ActivationSigmoid.class, layer(configuration, 0).getActivationFn());
        OutputLayer output = (OutputLayer) layer(configuration, 1);
        assertEquals(10, output.getNOut());
        assertInstanceOf(ActivationSoftmax.class, output.getActivationFn());
        assertInstanceOf(LossMCXENT.class, output.getLossFn());
        assertEquals(0.1, ((Sgd) layer(configuration, 0).getIUpdater()).getLearningRate(), 0.0);
        assertEquals(List.of(), layer(configuration, 0).getRegularization());
        assertEquals(DataType.FLOAT, net.params().dataType());
        assertEquals(0.0, net.getParam("0_b").norm2Number().doubleValue(), 0.0);
        assertEquals(1.0, varianceTimesFanIn(net), 0.05);
    }

    @Test
    void uniformWeightsHaveAThirdOfTheVarianceAndNormalWeightsRestoreIt() {
        MultiLayerNetwork uniform = Networks.mlp(INPUTS).hidden(30).uniformWeights().build();
        assertEquals(1.0 / 3, varianceTimesFanIn(uniform), 0.02);
        assertTrue(uniform.getParam("0_W").amaxNumber().doubleValue() <= 1 / Math.sqrt(INPUTS));
        MultiLayerNetwork normal = Networks.mlp(INPUTS).hidden(30).uniformWeights().normalWeights().build();
        assertEquals(1.0, varianceTimesFanIn(normal), 0.05);
    }

    @Test
    void layersHaveTheWidthsAskedFor() {
        MultiLayerConfiguration configuration = Networks.mlp(12).hidden(7).hiddenLayers(3, 5).activation(Activation.TANH)
                .output(2, Activation.SIGMOID, LossFunction.XENT).configuration();
        assertEquals(5, configuration.getConfs().size());
        long[][] shapes = new long[5][];
        for (int l = 0; l < 5; l++) {
            FeedForwardLayer layer = (FeedForwardLayer) layer(configuration, l);
            shapes[l] = new long[]{layer.getNIn(), layer.getNOut()};
        }
        assertArrayEquals(new long[][]{{12, 7}, {7, 5}, {5, 5}, {5, 5}, {5, 2}}, shapes);
        assertInstanceOf(ActivationTanH.class, layer(configuration, 3).getActivationFn());
        assertInstanceOf(ActivationSigmoid.class, layer(configuration, 4).getActivationFn());
    }

    @Test
    void updaterRegularisationTypeAndSeedAreThoseAskedFor() {
        MultiLayerConfiguration sgd = Networks.mlp(3).hidden(2).sgd(0.5).l2(1e-3).configuration();
        assertEquals(0.5, ((Sgd) layer(sgd, 0).getIUpdater()).getLearningRate(), 0.0);
        assertEquals(List.of(new L2Regularization(1e-3)), layer(sgd, 0).getRegularization());
        assertInstanceOf(NoOp.class, layer(Networks.mlp(3).hidden(2).frozen().configuration(), 1).getIUpdater());
        assertEquals(DataType.DOUBLE, Networks.mlp(3).hidden(2).dataType(DataType.DOUBLE).build().params().dataType());
        INDArray first = Networks.mlp(3).hidden(2).seed(5).build().params();
        assertEquals(first, Networks.mlp(3).hidden(2).seed(5).build().params());
        assertNotEquals(first, Networks.mlp(3).hidden(2).seed(6).build().params());
    }

    /** 2,009 biases drawn from N(3, 0.5^2): standard errors 0.011 on the mean and about 1.6% on the deviation. */
    @Test
    void normalBiasesHaveTheRequestedMeanAndSpreadAndScalingLeavesThemAlone() {
        MultiLayerNetwork net = Networks.mlp(4).hidden(1000, 999).dataType(DataType.DOUBLE).build();
        Networks.normalBiases(net, 3, 0.5, 11);
        double[] b = IntStream.range(0, 3).mapToObj(l -> net.getParam(l + "_b").toDoubleVector()).flatMapToDouble(DoubleStream::of).toArray();
        double mean = 0;
        for (double v : b) {
            mean += v / b.length;
        }
        double squares = 0;
        for (double v : b) {
            squares += (v - mean) * (v - mean);
        }
        assertEquals(3.0, mean, 0.05);
        assertEquals(0.5, Math.sqrt(squares / (b.length - 1)), 0.04);

        INDArray weights = net.getParam("1_W").dup();
        INDArray biases = net.getParam("1_b").dup();
        Networks.scaleWeights(net, 2.5);
        assertEquals(weights.mul(2.5), net.getParam("1_W"));
        assertEquals(biases, net.getParam("1_b"));
    }
}
