package org.sigmoidbook.chapters.zerocentering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sigmoidbook.BookTest;
import org.sigmoidbook.GradientChecks;
import org.sigmoidbook.QuickBook;

/** The two-weight neuron: DL4J's descent against the textbook update, the contours, the gradient check. */
class ZigZagTest {

    /** DL4J's path against the textbook update w <- w - eta * 2 (w.x - t) x, one example per step. */
    @BookTest
    void theDl4jNeuronTakesExactlyTheTextbookSteps() {
        double[][] x = ZigZag.sigmoidInputs(QuickBook.SEED);
        double[] t = ZigZag.targets(x);
        double eta = ZigZag.learningRate(x);
        ZigZag.Descent path = ZigZag.descend(x, eta, 60);
        double[] w = ZigZag.START.clone();
        for (int step = 1; step <= 60; step++) {
            double[] xi = x[(step - 1) % x.length];
            double error = w[0] * xi[0] + w[1] * xi[1] - t[(step - 1) % x.length];
            w[0] -= eta * 2 * error * xi[0];
            w[1] -= eta * 2 * error * xi[1];
            assertEquals(w[0], path.w1()[step], 1e-12, "w1 at step " + step);
            assertEquals(w[1], path.w2()[step], 1e-12, "w2 at step " + step);
        }
    }

    /** With all inputs positive each step moves both weights the same way; centred inputs do not. */
    @BookTest
    void positiveInputsMoveBothWeightsTogetherAndCentredOnesNeedFewerSteps() {
        double[][] positive = ZigZag.sigmoidInputs(QuickBook.SEED);
        double[][] centred = ZigZag.centred(positive);
        ZigZag.Descent up = ZigZag.descend(positive, ZigZag.learningRate(positive), ZigZag.MAX_STEPS);
        ZigZag.Descent mixed = ZigZag.descend(centred, ZigZag.learningRate(centred), ZigZag.MAX_STEPS);
        assertEquals(up.w1().length - 1, ZigZag.sameDirectionSteps(up));
        assertTrue(ZigZag.sameDirectionSteps(mixed) < mixed.w1().length - 1);
        assertTrue(up.stepsToTolerance() > 0 && mixed.stepsToTolerance() > 0);
        assertTrue(up.stepsToTolerance() > 2 * mixed.stepsToTolerance(),
                up.stepsToTolerance() + " steps on positive inputs vs " + mixed.stepsToTolerance() + " centred");
    }

    @Test
    void contourPointsLieOnTheirLossLevel() {
        double[][] x = ZigZag.sigmoidInputs(3);
        double[][] ring = ZigZag.contour(x, 0.07, 50);
        for (int k = 0; k < 50; k++) {
            assertEquals(0.07, ZigZag.loss(x, new double[]{ring[0][k], ring[1][k]}), 1e-12);
        }
    }

    @Test
    void theTwoWeightNeuronPassesTheGradientCheck() {
        double[][] x = ZigZag.sigmoidInputs(5);
        double[] t = ZigZag.targets(x);
        DataSet data = new DataSet(Nd4j.createFromArray(x), Nd4j.createFromArray(t).reshape(t.length, 1));
        GradientChecks.assertPasses(ZigZag.neuron(1.0), data);
    }
}
