package org.sigmoidbook.chapters.implementation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.sigmoidbook.GradientChecks;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;

/** The chapter's DL4J and SameDiff versions of the article's snippet, on their own. */
class ImplementationChapterTest {

    @Test
    void modelOutputIsTheFloat32SigmoidCorrectlyRounded() {
        INDArray y = ImplementationChapter.forward(ImplementationChapter.sigmoidModel(DataType.FLOAT),
                Nd4j.createFromArray(new float[][]{ImplementationChapter.INPUTS}));
        for (int i = 0; i < ImplementationChapter.INPUTS.length; i++) {
            double exact = ExactSigmoid.of(ImplementationChapter.INPUTS[i]);
            assertEquals(exact, y.getDouble(0, i), Math.ulp((float) exact), "float32 sigmoid, correctly rounded");
        }
    }

    @Test
    void autogradGivesOneQuarterAtZero() {
        ImplementationChapter.SameDiffAutograd autograd = ImplementationChapter.autograd(0f);
        assertEquals(0.0, autograd.z());
        assertEquals(0.5, autograd.y());
        assertEquals(0.25, autograd.gradient());
    }

    /** The claim in the API map: SameDiff differentiates with respect to variables, not placeholders. */
    @Test
    void sameDiffNeedsAVariableNotAPlaceholder() {
        SameDiff sd = SameDiff.create();
        sd.nn().sigmoid(sd.placeHolder("z", DataType.FLOAT, 1)).sum().markAsLoss();
        assertThrows(IllegalStateException.class, () -> sd.calculateGradients(Map.of("z", Nd4j.zeros(DataType.FLOAT, 1)), "z"));
    }

    /** The claim in the API map and the reason for forward()'s copy: output() overwrites the ActivationLayer's input. */
    @Test
    void outputOverwritesTheInputOfAnActivationLayerButForwardDoesNot() {
        MultiLayerNetwork model = ImplementationChapter.sigmoidModel(DataType.FLOAT);
        INDArray x = Nd4j.createFromArray(new float[][]{ImplementationChapter.INPUTS});
        ImplementationChapter.forward(model, x);
        assertArrayEquals(new float[]{-3f, 0f, 3f}, x.toFloatVector());
        INDArray y = model.output(x);
        assertArrayEquals(y.toFloatVector(), x.toFloatVector(), "x now holds sigmoid(x)");
    }

    /** DL4J's input gradient against central differences of the model's own output, in DOUBLE. */
    @Test
    void backpropThroughTheModelMatchesFiniteDifferences() {
        MultiLayerNetwork model = ImplementationChapter.sigmoidModel(DataType.DOUBLE);
        double[] inputs = {-3, -0.5, 0, 1.25, 3};
        INDArray x = Nd4j.createFromArray(new double[][]{inputs});
        INDArray gradient = ImplementationChapter.inputGradient(model, x);
        double h = 1e-6;
        for (int i = 0; i < inputs.length; i++) {
            INDArray up = x.dup();
            INDArray down = x.dup();
            up.putScalar(0, i, inputs[i] + h);
            down.putScalar(0, i, inputs[i] - h);
            double difference = (ImplementationChapter.forward(model, up).getDouble(0, i)
                    - ImplementationChapter.forward(model, down).getDouble(0, i)) / (2 * h);
            assertEquals(difference, gradient.getDouble(0, i), 1e-9, "x = " + inputs[i]);
        }
        assertEquals(0.25, ImplementationChapter.inputGradient(model, Nd4j.zeros(DataType.DOUBLE, 1, 1)).getDouble(0));
    }

    /**
     * The ActivationLayer model has no parameters, so GradientCheckUtil would have nothing to check on it
     * alone. Behind a dense layer, every weight gradient of that layer flows back through the
     * ActivationLayer's backprop, which the check then verifies.
     */
    @Test
    void activationLayerBackpropPassesTheGradientCheckBehindADenseLayer() {
        assertEquals(0, ImplementationChapter.sigmoidModel(DataType.DOUBLE).numParams());
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .updater(new NoOp()).seed(5).list()
                .layer(new DenseLayer.Builder().nIn(6).nOut(4).activation(Activation.IDENTITY).build())
                .layer(new ActivationLayer.Builder().activation(Activation.SIGMOID).build())
                .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(4).nOut(2).activation(Activation.IDENTITY).build())
                .build());
        net.init();
        Nd4j.getRandom().setSeed(9);
        GradientChecks.assertPasses(net, new DataSet(Nd4j.randn(DataType.DOUBLE, 5, 6), Nd4j.rand(DataType.DOUBLE, 5, 2)));
    }
}
