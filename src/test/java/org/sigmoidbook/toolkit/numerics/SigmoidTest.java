package org.sigmoidbook.toolkit.numerics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The scalar sigmoid, sigma' from outputs and the ND4J helpers against the 40-digit reference and
 * against values a double holds exactly: sigma(0) = 1/2, sigma'(0) = 1/4, and s (1 - s) for
 * s = 1/4 is 3/16.
 */
class SigmoidTest {

    @Test
    void scalarSigmoidIsWithinFourUlpsOfTheReferenceOnBothSides() {
        assertEquals(0.5, Sigmoid.of(0.0), 0.0);
        assertEquals(0.5, Sigmoid.of(-0.0), 0.0);
        for (double z = -40; z <= 40; z += 0.37) {
            double exact = ExactSigmoid.of(z);
            assertEquals(exact, Sigmoid.of(z), 4 * Math.ulp(exact), "z = " + z);
        }
    }

    @Test
    void derivativeFromOutputIsExactWhereTheProductIs() {
        assertEquals(0.25, Sigmoid.derivativeFromOutput(0.5), 0.0);
        assertEquals(3.0 / 16, Sigmoid.derivativeFromOutput(0.25), 0.0);
        assertEquals(3.0 / 16, Sigmoid.derivativeFromOutput(0.75), 0.0);
        assertEquals(0.0, Sigmoid.derivativeFromOutput(1.0), 0.0);
        assertEquals(0.0, Sigmoid.derivativeFromOutput(0.0), 0.0);
    }

    /** Below z = 2 the factor 1 - s does not cancel, so s (1 - s) keeps every digit of sigma'. */
    @Test
    void derivativeFromOutputMatchesTheReferenceDerivativeToFourUlps() {
        for (double z = -30; z <= 2; z += 0.29) {
            double exact = ExactSigmoid.derivative(z);
            assertEquals(exact, Sigmoid.derivativeFromOutput(ExactSigmoid.of(z)), 4 * Math.ulp(exact), "z = " + z);
        }
    }

    @Test
    void nd4jDerivativeMatchesTheReferenceAndKeepsTheDataType() {
        double[] z = {-20, -3.5, -1, 0, 0.5, 2};
        double[] slope = Sigmoid.derivative(Sigmoid.vector(DataType.DOUBLE, z)).toDoubleVector();
        for (int i = 0; i < z.length; i++) {
            double exact = ExactSigmoid.derivative(z[i]);
            assertEquals(exact, slope[i], 1e-13 * exact, "z = " + z[i]);
        }
        INDArray floats = Sigmoid.derivative(Sigmoid.vector(DataType.FLOAT, 0, 1));
        assertEquals(DataType.FLOAT, floats.dataType());
        assertEquals(0.25, floats.getDouble(0), 0.0);
        assertEquals(0.19661193324148185, floats.getDouble(1), 1e-7);
    }

    @Test
    void atComputesInTheGivenTypeAndForwardLeavesItsInputAlone() {
        assertEquals(0.7310585786300049, Sigmoid.at(1, DataType.DOUBLE), 1e-15);
        assertEquals((double) 0.7310586f, Sigmoid.at(1, DataType.FLOAT), Math.ulp(0.7310586f));
        assertEquals(0.5, Sigmoid.at(0, DataType.FLOAT), 0.0);
        INDArray z = Nd4j.createFromArray(-1.0, 3.0);
        Sigmoid.forward(z);
        assertArrayEquals(new double[]{-1.0, 3.0}, z.toDoubleVector(), 0.0);
    }

    @Test
    void vectorHoldsTheValuesInTheGivenType() {
        INDArray floats = Sigmoid.vector(DataType.FLOAT, 0.1, -2);
        assertEquals(DataType.FLOAT, floats.dataType());
        assertArrayEquals(new long[]{2}, floats.shape());
        assertEquals((double) 0.1f, floats.getDouble(0), 0.0);
        assertEquals(-2.0, floats.getDouble(1), 0.0);
        assertEquals(DataType.DOUBLE, Sigmoid.vector(DataType.DOUBLE, 0.1).dataType());
        assertEquals(0.1, Sigmoid.vector(DataType.DOUBLE, 0.1).getDouble(0), 0.0);
    }
}
