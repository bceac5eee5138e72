package org.sigmoidbook.chapters.zerocentering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.sigmoidbook.BookTest;
import org.sigmoidbook.GradientChecks;
import org.sigmoidbook.QuickBook;
import org.sigmoidbook.chapters.zerocentering.ZigZag.InputSets;
import org.sigmoidbook.chapters.zerocentering.ZigZag.Inputs;
import org.sigmoidbook.chapters.zerocentering.ZigZag.Symmetric;
import org.sigmoidbook.chapters.zerocentering.ZigZag.Update;
import org.sigmoidbook.chapters.zerocentering.ZigZag.Walk;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/**
 * The two-weight neuron: the chapter's descent against DL4J's Sgd, the quadratic's algebra against
 * the descent, the closed forms for independent inputs, and interlacing at one learning rate.
 */
class ZigZagTest {

    /** A linear neuron y = w1 x1 + w2 x2 without bias, DL4J's squared error, plain SGD, starting at {@code start}. */
    static MultiLayerNetwork neuron(double learningRate, double[] start) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).updater(new Sgd(learningRate)).weightInit(WeightInit.ZERO)
                .list()
                .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(2).nOut(1).activation(Activation.IDENTITY)
                        .hasBias(false).build())
                .build());
        net.init();
        net.getParam("0_W").assign(Nd4j.createFromArray(start).reshape(2, 1));
        return net;
    }

    private static DataSet examples(double[][] x, double[] t, int from, int to) {
        double[][] features = new double[to - from][];
        double[][] labels = new double[to - from][];
        for (int i = from; i < to; i++) {
            features[i - from] = x[i];
            labels[i - from] = new double[]{t[i]};
        }
        return new DataSet(Nd4j.createFromArray(features), Nd4j.createFromArray(labels));
    }

    /** DL4J's Sgd on the one-neuron network takes exactly the chapter's steps, one example per step and in full batches. */
    @BookTest
    void dl4jTakesTheChaptersSteps() {
        InputSets sets = InputSets.of(QuickBook.SEED);
        for (Inputs inputs : Inputs.values()) {
            double[][] x = sets.of(inputs);
            double[] t = ZigZag.targets(x);
            for (Update update : Update.values()) {
                double eta = ZigZag.rate(update, x);
                double[] start = ZigZag.start(ZigZag.DIAGONAL_START);
                Walk walk = ZigZag.descend(x, update, eta, start, 60);
                MultiLayerNetwork net = neuron(eta, start);
                for (int step = 1; step < walk.w1().length; step++) {
                    int i = (step - 1) % x.length;
                    net.fit(update == Update.PER_EXAMPLE ? examples(x, t, i, i + 1) : examples(x, t, 0, x.length));
                    double[] w = net.getParam("0_W").toDoubleVector();
                    String where = inputs.id() + ", " + update.id() + ", step " + step;
                    assertEquals(w[0], walk.w1()[step], 1e-12, where);
                    assertEquals(w[1], walk.w2()[step], 1e-12, where);
                }
            }
        }
    }

    @Test
    void theTwoWeightNeuronPassesTheGradientCheck() {
        double[][] x = ZigZag.sigmoidInputs(5);
        double[] t = ZigZag.targets(x);
        GradientChecks.assertPasses(neuron(1.0, ZigZag.start(ZigZag.DIAGONAL_START)), examples(x, t, 0, x.length));
    }

    /** The 2×2 closed form against ND4J's LAPACK eigen-decomposition. */
    @Test
    void theSymmetricClosedFormIsNd4jsEigenDecomposition() {
        for (double[][] x : List.of(ZigZag.sigmoidInputs(3), ZigZag.centred(ZigZag.sigmoidInputs(3)))) {
            Symmetric moment = Symmetric.secondMoment(x);
            var matrix = Nd4j.createFromArray(new double[][]{{moment.a(), moment.b()}, {moment.b(), moment.c()}});
            double[] values = Eigen.symmetricGeneralizedEigenvalues(matrix, true).toDoubleVector();
            assertEquals(values[0], moment.smallest(), 1e-14);
            assertEquals(values[1], moment.largest(), 1e-14);
            double[] top = matrix.getColumn(1).toDoubleVector();
            assertEquals(1, Math.abs(top[0] * Math.cos(moment.topAngle()) + top[1] * Math.sin(moment.topAngle())), 1e-12);
        }
    }

    /**
     * At η = 1/λ_max of the Hessian 2C one full-batch step removes the error along the top
     * eigenvector entirely, and multiplies the error along the other by exactly 1 − 1/κ.
     */
    @Test
    void oneFullBatchStepAtOneOverLambdaMaxRemovesTheTopComponent() {
        double[][] x = ZigZag.sigmoidInputs(11);
        Symmetric moment = Symmetric.secondMoment(x);
        double eta = ZigZag.fullBatchRate(x);
        assertEquals(1 / (2 * moment.largest()), eta, 0.0);
        double a = moment.topAngle();
        double r = ZigZag.START_DISTANCE;
        Walk top = ZigZag.descend(x, Update.FULL_BATCH, eta, new double[]{ZigZag.OPTIMUM[0] + r * Math.cos(a), ZigZag.OPTIMUM[1] + r * Math.sin(a)}, 1);
        assertEquals(0, Math.hypot(top.w1()[1] - ZigZag.OPTIMUM[0], top.w2()[1] - ZigZag.OPTIMUM[1]), 1e-12 * r);
        assertEquals(1, top.steps());
        Walk slow = ZigZag.descend(x, Update.FULL_BATCH, eta, new double[]{ZigZag.OPTIMUM[0] - r * Math.sin(a), ZigZag.OPTIMUM[1] + r * Math.cos(a)}, 1);
        assertEquals((1 - 1 / moment.conditionNumber()) * r, Math.hypot(slow.w1()[1] - ZigZag.OPTIMUM[0], slow.w2()[1] - ZigZag.OPTIMUM[1]), 1e-12 * r);
    }

    /**
     * Full-batch descent from every start direction, on both input sets at both rates, takes the steps
     * the quadratic's algebra predicts: along C's eigenvector i the error shrinks by 1 − 2ηλ_i per step.
     */
    @Test
    void fullBatchStepsFollowTheQuadraticsAlgebra() {
        for (long seed = 1; seed <= 5; seed++) {
            InputSets sets = InputSets.of(seed);
            for (ZigZag.Setting setting : ZigZag.SETTINGS.stream().filter(s -> s.update() == Update.FULL_BATCH).toList()) {
                double[][] x = sets.of(setting.inputs());
                double eta = sets.rate(setting);
                Symmetric moment = Symmetric.secondMoment(x);
                double[] factors = {1 - 2 * eta * moment.largest(), 1 - 2 * eta * moment.smallest()};
                for (int angle : ZigZag.startAngles(36)) {
                    double fromTop = Math.toRadians(angle) - moment.topAngle();
                    int expected = ZigZag.fullBatchSteps(factors, new double[]{Math.cos(fromTop), Math.sin(fromTop)});
                    Walk walk = ZigZag.descend(x, Update.FULL_BATCH, eta, ZigZag.start(angle), ZigZag.MAX_STEPS);
                    assertEquals(expected, walk.steps(), setting.label() + ", seed " + seed + ", start " + angle + "°");
                }
            }
        }
    }

    /**
     * Independent inputs of mean m and variance v: C = v I + m² 11ᵀ, κ = 1 + 2m²/v. For σ(u),
     * u ~ N(0, 1), m and v by quadrature, against the E[xxᵀ] of a large sample (whose eigenvalues
     * carry a relative sampling error of order sqrt(2/S)).
     */
    @Test
    void theClosedFormConditionNumberIsThatOfALargeSample() {
        double[] moments = ConditioningTest.momentsByQuadrature(Sigmoid::of);
        double kappa = ZigZag.populationConditionNumber(moments[0], moments[1]);
        assertEquals(1 + 2 * 0.25 / moments[1], kappa, 1e-12);
        Random random = new Random(17);
        double[][] x = new double[400_000][];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[]{Sigmoid.of(random.nextGaussian()), Sigmoid.of(random.nextGaussian())};
        }
        assertEquals(kappa, Symmetric.secondMoment(x).conditionNumber(), 0.02 * kappa);
    }

    /**
     * Along the top eigenvector one step; from the diagonal (the slow eigenvector of the population),
     * the smallest k with (1 − 1/κ)^k < 1%, that is ⌈ln 100 / −ln(1 − 1/κ)⌉.
     */
    @Test
    void fromTheDiagonalFullBatchDescentNeedsAboutKappaLn100Steps() {
        double[] moments = ConditioningTest.momentsByQuadrature(Sigmoid::of);
        double kappa = ZigZag.populationConditionNumber(moments[0], moments[1]);
        assertEquals(1, ZigZag.populationFullBatchSteps(kappa, 45));
        int diagonal = (int) Math.ceil(Math.log(100) / -Math.log(1 - 1 / kappa));
        assertEquals(diagonal, ZigZag.populationFullBatchSteps(kappa, ZigZag.DIAGONAL_START));
        assertEquals(kappa * Math.log(100), diagonal, 0.1 * diagonal, "about κ ln 100");
    }

    /**
     * Interlacing: the centred inputs' C is the covariance, the positive inputs' C adds x̄x̄ᵀ, so
     * λ_min(centred) ≤ λ_min(positive) ≤ λ_max(centred) ≤ λ_max(positive). At the positive inputs'
     * full-batch rate, the centred inputs' slowest direction therefore needs at least as many steps.
     */
    @Test
    void atOneLearningRateCentringNeverSpeedsUpTheSlowestDirection() {
        for (long seed = 0; seed < 200; seed++) {
            InputSets sets = InputSets.of(seed);
            Symmetric positive = Symmetric.secondMoment(sets.positive());
            Symmetric centred = Symmetric.secondMoment(sets.centred());
            double slack = 1e-14;
            assertTrue(centred.smallest() <= positive.smallest() + slack && positive.smallest() <= centred.largest() + slack
                    && centred.largest() <= positive.largest() + slack, "seed " + seed);
            double eta = ZigZag.fullBatchRate(sets.positive());
            int positiveSlowest = ZigZag.fullBatchSteps(new double[]{0, 1 - 2 * eta * positive.smallest()}, new double[]{0, 1});
            int centredSlowest = ZigZag.fullBatchSteps(new double[]{0, 1 - 2 * eta * centred.smallest()}, new double[]{0, 1});
            assertTrue(centredSlowest >= positiveSlowest, "seed " + seed + ": " + centredSlowest + " < " + positiveSlowest);
        }
    }

    /** With all inputs positive each per-example step moves both weights the same way; centred inputs do not. */
    @Test
    void positiveInputsMoveBothWeightsTogether() {
        InputSets sets = InputSets.of(QuickBook.SEED);
        for (int angle : ZigZag.startAngles(12)) {
            Walk up = ZigZag.descend(sets.positive(), Update.PER_EXAMPLE, ZigZag.perExampleRate(sets.positive()), ZigZag.start(angle), 200);
            assertEquals(up.w1().length - 1, ZigZag.sameDirectionSteps(up), "start " + angle + "°");
            Walk mixed = ZigZag.descend(sets.centred(), Update.PER_EXAMPLE, ZigZag.perExampleRate(sets.centred()), ZigZag.start(angle), 200);
            assertTrue(ZigZag.sameDirectionSteps(mixed) < mixed.w1().length - 1, "start " + angle + "°");
        }
    }

    /** The largest per-example rate scales the error of the largest example by 1 − 2η|x|² = 0, and no other below 0. */
    @Test
    void thePerExampleRateNeverOvershootsAnExample() {
        double[][] x = ZigZag.sigmoidInputs(9);
        double eta = ZigZag.perExampleRate(x);
        double smallestFactor = 1;
        for (double[] row : x) {
            smallestFactor = Math.min(smallestFactor, 1 - 2 * eta * (row[0] * row[0] + row[1] * row[1]));
        }
        assertEquals(0, smallestFactor, 1e-15);
    }

    @Test
    void theStartsCoverHalfATurnIncludingTheFirstVersionsStart() {
        List<Integer> angles = ZigZag.startAngles(36);
        assertEquals(36, angles.size());
        assertEquals(0, angles.get(0));
        assertEquals(175, angles.get(35));
        assertTrue(angles.contains(ZigZag.DIAGONAL_START));
        double[] diagonal = ZigZag.start(ZigZag.DIAGONAL_START);
        assertEquals(-1.5, diagonal[0], 1e-12);
        assertEquals(1.5, diagonal[1], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> ZigZag.startAngles(24));
    }

    @Test
    void contourPointsLieOnTheirLossLevel() {
        double[][] x = ZigZag.sigmoidInputs(3);
        double[][] ring = ZigZag.contour(x, 0.07, 50);
        for (int k = 0; k < 50; k++) {
            assertEquals(0.07, ZigZag.loss(x, new double[]{ring[0][k], ring[1][k]}), 1e-12);
        }
    }
}
