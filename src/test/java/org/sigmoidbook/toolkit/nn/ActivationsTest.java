package org.sigmoidbook.toolkit.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.sigmoidbook.GradientChecks;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/** The book's own activation functions against their closed forms and finite differences. */
class ActivationsTest {

    private static final double[] Z = {-30, -4, -1, -0.3, 0, 0.2, 1, 2.5, 9};

    private static double[] forward(IActivation f, double... z) {
        return f.getActivation(Nd4j.createFromArray(z), true).toDoubleVector();
    }

    /** dL/dz from backprop with dL/df = w, to be compared with w f'(z). */
    private static double[] backward(IActivation f, double[] z, double[] w) {
        return f.backprop(Nd4j.createFromArray(z), Nd4j.createFromArray(w)).getFirst().toDoubleVector();
    }

    @Test
    void leCunTanhIsExactlyTheScaledTanhWithUnitValueAtOne() {
        double[] f = forward(new LeCunTanh(), Z);
        for (int i = 0; i < Z.length; i++) {
            assertEquals(1.7159 * Math.tanh(2 * Z[i] / 3), f[i], 1e-12);
        }
        assertEquals(1.0, LeCunTanh.of(1), 1e-4, "LeCun chose the constants so that f(1) = 1");
        assertEquals(-1.0, forward(new LeCunTanh(), -1)[0], 1e-4);
    }

    @Test
    void derivativesMatchFiniteDifferences() {
        double h = 1e-6;
        double[] w = new double[Z.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.5 + i;
        }
        for (IActivation f : new IActivation[]{new LeCunTanh(), new CentredSigmoid()}) {
            double[] dz = backward(f, Z, w);
            for (int i = 0; i < Z.length; i++) {
                double numeric = (forward(f, Z[i] + h)[0] - forward(f, Z[i] - h)[0]) / (2 * h);
                assertEquals(w[i] * numeric, dz[i], 1e-8 * Math.max(1, w[i]), f + " at z = " + Z[i]);
            }
        }
        assertEquals(1.7159 * 2 / 3, LeCunTanh.derivative(0), 1e-15);
        for (double z : Z) {
            double numeric = (1.7159 * Math.tanh(2 * (z + h) / 3) - 1.7159 * Math.tanh(2 * (z - h) / 3)) / (2 * h);
            assertEquals(numeric, LeCunTanh.derivative(z), 1e-8, "scalar f' at z = " + z);
        }
    }

    @Test
    void centredSigmoidIsTheSigmoidMovedDownByAHalf() {
        double[] f = forward(new CentredSigmoid(), Z);
        for (int i = 0; i < Z.length; i++) {
            assertEquals(Sigmoid.of(Z[i]) - 0.5, f[i], 1e-12);
            assertEquals(0.5 * Math.tanh(Z[i] / 2), f[i], 1e-12);
        }
    }

    @Test
    void floatInputsStayFloat() {
        INDArray z = Nd4j.createFromArray(0.5f, -2f);
        assertEquals(DataType.FLOAT, new LeCunTanh().getActivation(z.dup(), false).dataType());
        assertEquals((float) (1.7159 * Math.tanh(1.0 / 3)), new LeCunTanh().getActivation(z.dup(), false).getFloat(0), 1e-6f);
    }

    /** Each unit's scalar form, used for closed forms, matches its DL4J form. */
    @Test
    void scalarFormsMatchTheDl4jActivations() {
        for (HiddenUnit unit : HiddenUnit.values()) {
            double[] f = forward(unit.activation(), Z);
            for (int i = 0; i < Z.length; i++) {
                assertEquals(unit.of(Z[i]), f[i], 1e-12, unit.id() + " at " + Z[i]);
            }
        }
    }

    /** Ids are unique and found again; the centred units are the odd ones, not ReLU or SiLU. */
    @Test
    void idsAreUniqueAndCentringIsReadOffTheFunction() {
        for (HiddenUnit unit : HiddenUnit.values()) {
            assertEquals(unit, HiddenUnit.byId(unit.id()));
        }
        assertEquals(List.of(HiddenUnit.CENTRED_SIGMOID, HiddenUnit.TANH, HiddenUnit.LECUN_TANH),
                Arrays.stream(HiddenUnit.values()).filter(HiddenUnit::centred).toList());
    }

    /** DL4J compares configurations, and so their activations, with equals: equal by kind, never across kinds. */
    @Test
    void activationsAreEqualExactlyWhenOfTheSameKind() {
        assertEquals(new LeCunTanh(), new LeCunTanh());
        assertEquals(new LeCunTanh().hashCode(), new LeCunTanh().hashCode());
        assertEquals(new CentredSigmoid(), new CentredSigmoid());
        assertEquals(new CentredSigmoid().hashCode(), new CentredSigmoid().hashCode());
        assertNotEquals(new LeCunTanh(), new CentredSigmoid());
        assertNotEquals(new CentredSigmoid(), new LeCunTanh());
        // Named like DL4J's own: ActivationTanH is "tanh".
        assertEquals("tanh", Activation.TANH.getActivationFunction().toString());
        assertEquals("lecuntanh", new LeCunTanh().toString());
        assertEquals("centredsigmoid", new CentredSigmoid().toString());
    }

    @Test
    void backpropRefusesAGradientOfAnotherShape() {
        assertThrows(IllegalStateException.class, () -> new LeCunTanh().backprop(Nd4j.createFromArray(1.0, 2.0, 3.0), Nd4j.createFromArray(1.0)));
    }

    @Test
    void unitsHaveDistinctLabelsAndAnUnknownIdIsRefused() {
        long labels = Arrays.stream(HiddenUnit.values()).map(HiddenUnit::label).filter(label -> !label.isBlank()).distinct().count();
        assertEquals(HiddenUnit.values().length, labels);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HiddenUnit.byId("softsign"));
        assertTrue(e.getMessage().contains("softsign"), e.getMessage());
    }

    @Test
    void everyHiddenUnitPassesTheGradientCheck() {
        Nd4j.getRandom().setSeed(21);
        DataSet data = new DataSet(Nd4j.rand(DataType.DOUBLE, 5, 12), Nd4j.eye(10).getRows(1, 2, 4, 6, 8).castTo(DataType.DOUBLE));
        for (HiddenUnit unit : HiddenUnit.values()) {
            MultiLayerNetwork net = Networks.mlp(12).hiddenLayers(3, 5).activation(unit.activation())
                    .output(10, Activation.SOFTMAX, LossFunction.MCXENT).dataType(DataType.DOUBLE).frozen().seed(6).build();
            GradientChecks.assertPasses(net, data);
        }
    }
}
