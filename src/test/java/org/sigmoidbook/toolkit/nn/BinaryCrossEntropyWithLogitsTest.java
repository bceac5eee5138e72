package org.sigmoidbook.toolkit.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.sigmoidbook.GradientChecks;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;

class BinaryCrossEntropyWithLogitsTest {

    private static final IActivation IDENTITY = new ActivationIdentity();
    private final BinaryCrossEntropyWithLogits loss = new BinaryCrossEntropyWithLogits();

    enum Precision {
        FLOAT(DataType.FLOAT, 1e-6, Float.MIN_NORMAL),
        DOUBLE(DataType.DOUBLE, 1e-12, Double.MIN_NORMAL);

        final DataType type;
        final double tolerance;
        final double smallestNormal;

        Precision(DataType type, double tolerance, double smallestNormal) {
            this.type = type;
            this.tolerance = tolerance;
            this.smallestNormal = smallestNormal;
        }

        /**
         * |computed - exact| / max(|exact|, smallest normal number of the type). Within the normal range
         * this is the plain relative error. Below it (FLOAT's e^-z for z beyond 87.3) the format itself
         * holds fewer significant bits, and the error is measured against the smallest normal number
         * instead: a subnormal result must still be right to within a few units in its last place.
         */
        double error(double computed, double exact) {
            return Math.abs(computed - exact) / Math.max(Math.abs(exact), smallestNormal);
        }
    }

    private static final double[] LOGITS = logits();
    /** Exact loss and gradient for labels 0 and 1 at {@link #LOGITS}, computed once for both precisions. */
    private static final double[][] EXACT_LOSS = new double[2][LOGITS.length];
    private static final double[][] EXACT_GRADIENT = new double[2][LOGITS.length];

    static {
        for (int i = 0; i < LOGITS.length; i++) {
            EXACT_LOSS[0][i] = ExactSigmoid.softplus(LOGITS[i]);
            EXACT_LOSS[1][i] = ExactSigmoid.softplus(-LOGITS[i]);
            EXACT_GRADIENT[0][i] = ExactSigmoid.of(LOGITS[i]);
            EXACT_GRADIENT[1][i] = -ExactSigmoid.of(-LOGITS[i]);
        }
    }

    /** Every quarter from -100 to 100 and 400 random logits in between, all representable in FLOAT. */
    private static double[] logits() {
        Random random = new Random(12);
        double[] z = new double[801 + 400];
        for (int i = 0; i <= 800; i++) {
            z[i] = -100 + i * 0.25;
        }
        for (int i = 801; i < z.length; i++) {
            z[i] = (float) (-100 + 200 * random.nextDouble());
        }
        return z;
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void lossAndGradientAreExactToTheToleranceOverMinusHundredToHundred(Precision precision) {
        double[] z = LOGITS;
        INDArray logits = Nd4j.createFromArray(z).castTo(precision.type).reshape(z.length, 1);
        for (int label : new int[]{0, 1}) {
            INDArray labels = Nd4j.valueArrayOf(new long[]{z.length, 1}, label, precision.type);
            double[] losses = loss.computeScoreArray(labels, logits, IDENTITY, null).data().asDouble();
            double[] gradients = loss.computeGradient(labels, logits, IDENTITY, null).data().asDouble();
            double worstLoss = 0;
            double worstGradient = 0;
            for (int i = 0; i < z.length; i++) {
                worstLoss = Math.max(worstLoss, precision.error(losses[i], EXACT_LOSS[label][i]));
                worstGradient = Math.max(worstGradient, precision.error(gradients[i], EXACT_GRADIENT[label][i]));
            }
            assertTrue(worstLoss <= precision.tolerance, precision + ", label " + label + ": loss error " + worstLoss);
            assertTrue(worstGradient <= precision.tolerance, precision + ", label " + label + ": gradient error " + worstGradient);
        }
    }

    @Test
    void confidentlyWrongLogitGetsTheFullGradientInFloat() {
        INDArray z = Nd4j.createFromArray(15f, 40f, 100f, -15f, -40f, -100f).reshape(6, 1);
        INDArray labels = Nd4j.createFromArray(0f, 0f, 0f, 1f, 1f, 1f).reshape(6, 1);
        double[] gradient = loss.computeGradient(labels, z, IDENTITY, null).data().asDouble();
        assertArrayEquals(new double[]{1, 1, 1, -1, -1, -1}, gradient, 1e-6);
        assertArrayEquals(new double[]{15, 40, 100, 15, 40, 100}, loss.computeScoreArray(labels, z, IDENTITY, null).data().asDouble(), 1e-5);
    }

    /**
     * Where DL4J's own LossBinaryXENT is accurate (moderate logits, DOUBLE, no clipping) the two agree,
     * soft labels and both kinds of mask included: the same reductions and the same masking rules.
     */
    @Test
    void agreesWithDl4jsBinaryCrossEntropyWhereThatIsAccurate() {
        Nd4j.getRandom().setSeed(3);
        INDArray z = Nd4j.rand(DataType.DOUBLE, 5, 3).subi(0.5).muli(8);
        INDArray labels = Nd4j.rand(DataType.DOUBLE, 5, 3);
        INDArray perExample = Nd4j.createFromArray(1.0, 0.0, 1.0, 1.0, 0.0).reshape(5, 1);
        INDArray perOutput = Nd4j.createFromArray(new double[][]{{1, 0, 1}, {1, 1, 1}, {0, 0, 1}, {1, 1, 0}, {0, 1, 1}});
        LossBinaryXENT dl4j = new LossBinaryXENT(0.0);
        IActivation sigmoid = new ActivationSigmoid();
        for (INDArray mask : new INDArray[]{null, perExample, perOutput}) {
            for (boolean average : new boolean[]{false, true}) {
                assertEquals(dl4j.computeScore(labels, z.dup(), sigmoid, mask, average),
                        loss.computeScore(labels, z, IDENTITY, mask, average), 1e-12, "mask " + mask + ", average " + average);
            }
            assertArrayEquals(dl4j.computeScoreArray(labels, z.dup(), sigmoid, mask).data().asDouble(),
                    loss.computeScoreArray(labels, z, IDENTITY, mask).data().asDouble(), 1e-12);
            assertArrayEquals(dl4j.computeGradient(labels, z.dup(), sigmoid, mask).data().asDouble(),
                    loss.computeGradient(labels, z, IDENTITY, mask).data().asDouble(), 1e-12);
        }
        assertArrayEquals(new long[]{5, 1}, loss.computeScoreArray(labels, z, IDENTITY, null).shape());
    }

    @Test
    void gradientAndScoreTogetherAreTheClosedFormsAndLeaveTheInputsAlone() {
        INDArray z = Nd4j.createFromArray(-3.0, 0.5, 20.0).reshape(3, 1);
        INDArray labels = Nd4j.createFromArray(1.0, 0.0, 0.0).reshape(3, 1);
        INDArray zBefore = z.dup();
        INDArray labelsBefore = labels.dup();
        Pair<Double, INDArray> gradientAndScore = loss.computeGradientAndScore(labels, z, IDENTITY, null, true);
        double meanLoss = (ExactSigmoid.softplus(3.0) + ExactSigmoid.softplus(0.5) + ExactSigmoid.softplus(20.0)) / 3;
        assertEquals(meanLoss, gradientAndScore.getFirst(), 1e-12);
        assertArrayEquals(new double[]{-ExactSigmoid.of(3.0), ExactSigmoid.of(0.5), ExactSigmoid.of(20.0)},
                gradientAndScore.getSecond().data().asDouble(), 1e-12);
        assertEquals(zBefore, z);
        assertEquals(labelsBefore, labels);
    }

    @Test
    void refusesAnOutputActivationOtherThanIdentity() {
        INDArray z = Nd4j.zeros(DataType.FLOAT, 2, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loss.computeGradient(z, z, new ActivationSigmoid(), null));
        assertTrue(e.getMessage().contains("Activation.IDENTITY"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> loss.computeScore(z, z, new ActivationSigmoid(), null, true));
    }

    @Test
    void passesDl4jsGradientCheckInANetwork() {
        Nd4j.getRandom().setSeed(7);
        INDArray features = Nd4j.rand(DataType.DOUBLE, 8, 6);
        INDArray labels = Nd4j.rand(DataType.DOUBLE, 8, 2).gt(0.5).castTo(DataType.DOUBLE);
        MultiLayerNetwork net = Networks.mlp(6).hidden(5, 4).activation(Activation.SIGMOID)
                .output(2, Activation.IDENTITY, new BinaryCrossEntropyWithLogits())
                .dataType(DataType.DOUBLE).frozen().seed(2).build();
        // Biases of N(0, 3^2) spread the logits over a few units on both sides of 0.
        Networks.normalBiases(net, 0, 3, 5);
        GradientChecks.assertPasses(net, new DataSet(features, labels));
    }

    /** Stateless: every instance equals every other, and none equals DL4J's own binary cross-entropy. */
    @Test
    void instancesAreEqualAndNamedAfterTheClass() {
        assertEquals(new BinaryCrossEntropyWithLogits(), loss);
        assertEquals(new BinaryCrossEntropyWithLogits().hashCode(), loss.hashCode());
        assertNotEquals(loss, new LossBinaryXENT());
        assertTrue(loss.name().startsWith("BinaryCrossEntropyWithLogits"), loss.name());
    }

    @Test
    void survivesTheConfigurationsJsonRoundTrip() {
        MultiLayerConfiguration configuration = Networks.mlp(4).hidden(3)
                .output(1, Activation.IDENTITY, new BinaryCrossEntropyWithLogits()).seed(1).configuration();
        String json = configuration.toJson();
        assertTrue(json.contains(BinaryCrossEntropyWithLogits.class.getName()), json);
        MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(json);
        assertEquals(configuration, restored);
        OutputLayer output = (OutputLayer) restored.getConf(1).getLayer();
        assertInstanceOf(BinaryCrossEntropyWithLogits.class, output.getLossFn());

        MultiLayerNetwork original = new MultiLayerNetwork(configuration);
        original.init();
        MultiLayerNetwork copy = new MultiLayerNetwork(restored);
        copy.init(original.params().dup(), false);
        DataSet data = new DataSet(Nd4j.rand(DataType.FLOAT, 6, 4), Nd4j.createFromArray(0f, 1f, 1f, 0f, 1f, 0f).reshape(6, 1));
        assertEquals(original.score(data), copy.score(data), 0.0);
    }
}
