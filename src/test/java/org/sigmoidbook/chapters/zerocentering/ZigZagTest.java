package org.sigmoidbook.chapters.zerocentering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sigmoidbook.GradientChecks;
import org.sigmoidbook.QuickBook;
import tech.tablesaw.api.Table;

@Tag("book")
class ZigZagTest {

    /** DL4J's path against the textbook update w <- w - eta * 2 (w.x - t) x, one example per step. */
    @Test
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
    @Test
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

    /** The tables hold the whole paths: they end where the findings say, within 1% of the optimum. */
    @Test
    void thePathTableEndsWhereTheFindingsSay() {
        QuickBook.Output run = QuickBook.book();
        Table paths = run.table("zero-centering", "zigzag-paths.csv");
        Table inputs = run.table("zero-centering", "zigzag-inputs.csv");
        assertEquals(2 * ZigZag.EXAMPLES, inputs.rowCount());
        for (String set : new String[]{ZigZag.POSITIVE, ZigZag.CENTRED}) {
            Table path = paths.where(paths.stringColumn("inputs").isEqualTo(set));
            int last = path.rowCount() - 1;
            assertEquals(last, path.intColumn("step").get(last));
            assertTrue(ZigZag.withinTolerance(path.doubleColumn("w1").get(last), path.doubleColumn("w2").get(last)));
            assertTrue(!ZigZag.withinTolerance(path.doubleColumn("w1").get(last - 1), path.doubleColumn("w2").get(last - 1)));
        }
        Table positive = paths.where(paths.stringColumn("inputs").isEqualTo(ZigZag.POSITIVE));
        assertEquals(run.finding("zero-centering", "steps to 1% of the starting distance, inputs sigma(u) > 0"), positive.rowCount() - 1);
    }

    @Test
    void theTwoWeightNeuronPassesTheGradientCheck() {
        double[][] x = ZigZag.sigmoidInputs(5);
        double[] t = ZigZag.targets(x);
        DataSet data = new DataSet(Nd4j.createFromArray(x), Nd4j.createFromArray(t).reshape(t.length, 1));
        GradientChecks.assertPasses(ZigZag.neuron(1.0), data);
    }
}
