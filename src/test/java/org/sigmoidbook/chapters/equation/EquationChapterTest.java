package org.sigmoidbook.chapters.equation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sigmoidbook.GradientChecks;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/** The chapter's computations on their own, against closed forms and finite differences. */
class EquationChapterTest {

    @Test
    void sigmaOfZeroIsExactlyOneHalfInEveryDataType() {
        assertEquals(0.5, Sigmoid.of(0.0));
        assertEquals(0.5, Sigmoid.forward(Sigmoid.vector(DataType.FLOAT, 0)).getDouble(0));
        assertEquals(0.5, Sigmoid.forward(Sigmoid.vector(DataType.DOUBLE, 0)).getDouble(0));
    }

    /** The limits: sigma(z) -> 0 like e^z as z -> -inf, and 1 - e^-40 rounds to 1 in DOUBLE. */
    @Test
    void farTailsFollowTheExponential() {
        INDArray far = Sigmoid.forward(Sigmoid.vector(DataType.DOUBLE, -40, 40));
        assertEquals(Math.exp(-40), far.getDouble(0), 1e-15 * Math.exp(-40));
        assertEquals(1.0, far.getDouble(1), "1 - e^-40 rounds to 1 in DOUBLE");
    }

    /** ND4J's 1 / (1 + e^-z) is 1 once 1 + e^-z rounds to 1, that is e^-z <= u = 2^-24 or 2^-53: from z = 24 ln 2 and 53 ln 2. */
    @Test
    void nd4jsSigmaRoundsToOneWhereOnePlusEToTheMinusZDoes() {
        double floatThreshold = RoundingToOne.nd4j(DataType.FLOAT);
        double doubleThreshold = RoundingToOne.nd4j(DataType.DOUBLE);
        assertEquals(24 * Math.log(2), floatThreshold, 1e-5);
        assertEquals(53 * Math.log(2), doubleThreshold, 1e-12);
        assertTrue(Sigmoid.at(Math.nextDown((float) floatThreshold), DataType.FLOAT) < 1);
        assertTrue(Sigmoid.at(Math.nextDown(doubleThreshold), DataType.DOUBLE) < 1);
    }

    /**
     * The correctly rounded sigma is 1 once sigma(-z) <= u / 2, that is e^z >= 2 / u - 1: from the
     * first number of the type at or above ln(2^25 - 1) (float32) and ln(2^54 - 1) (float64), just
     * below 25 ln 2 and 54 ln 2. Checked against the 40-digit sigma rounded to each type.
     */
    @Test
    void correctlyRoundedSigmaRoundsToOneHalfAnUlpLater() {
        float floatThreshold = (float) RoundingToOne.correctlyRounded(DataType.FLOAT);
        double floatBound = Math.log(0x1p25 - 1);
        assertTrue(floatThreshold >= floatBound && Math.nextDown(floatThreshold) < floatBound, floatThreshold + " against " + floatBound);
        assertEquals(1.0f, (float) ExactSigmoid.of(floatThreshold));
        assertTrue((float) ExactSigmoid.of(Math.nextDown(floatThreshold)) < 1.0f);
        double doubleThreshold = RoundingToOne.correctlyRounded(DataType.DOUBLE);
        assertEquals(54 * Math.log(2), doubleThreshold, 2 * Math.ulp(doubleThreshold));
        assertEquals(1.0, ExactSigmoid.of(doubleThreshold));
        assertTrue(ExactSigmoid.of(Math.nextDown(doubleThreshold)) < 1.0);
        assertEquals(Math.pow(2, -24), RoundingToOne.unitRoundoff(DataType.FLOAT));
        assertEquals(Math.pow(2, -53), RoundingToOne.unitRoundoff(DataType.DOUBLE));
    }

    /** The softmax grid: every pair k/2 in [-20, 20], 81 values a side. */
    @Test
    void softmaxGridCoversEveryPairOfHalves() {
        double[][] pairs = EquationChapter.softmaxGrid();
        assertEquals(81 * 81, pairs.length);
        assertEquals(-20, pairs[0][0]);
        assertEquals(20, pairs[pairs.length - 1][1]);
        assertEquals(-19.5, pairs[1][1]);
    }

    /** The logit inverts the sigmoid: ln(sigma / (1 - sigma)) = z, against the 40-digit sigma, in DOUBLE. */
    @Test
    void logitInvertsTheSigmoid() {
        double[] z = {-30, -8, -1, 0, 0.5, 3, 12};
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = ExactSigmoid.of(z[i]);
        }
        double[] logit = LogisticRegression.logit(Sigmoid.vector(DataType.DOUBLE, p)).toDoubleVector();
        for (int i = 0; i < z.length; i++) {
            // p carries half an ulp of rounding; the logit divides it by p (1 - p).
            double tolerance = Math.ulp(p[i]) / (p[i] * (1 - p[i])) + 4 * Math.ulp(Math.abs(z[i]) + 1);
            assertEquals(z[i], logit[i], tolerance, "logit(sigma(" + z[i] + "))");
        }
    }

    /** The classifier's configuration (one sigmoid unit, binary cross-entropy) at 12 inputs, in DOUBLE. */
    @Test
    void classifierPassesTheFiniteDifferenceGradientCheck() {
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 8, 12);
        INDArray y = Nd4j.createFromArray(new double[][]{{1}, {0}, {0}, {1}, {1}, {0}, {1}, {0}});
        var net = LogisticRegression.network(12).dataType(DataType.DOUBLE).frozen().seed(3).build();
        GradientChecks.assertPasses(net, new DataSet(x, y));
    }
}
