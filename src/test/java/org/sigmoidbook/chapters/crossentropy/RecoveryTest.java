package org.sigmoidbook.chapters.crossentropy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.sigmoidbook.QuickBook;
import org.sigmoidbook.toolkit.data.Mnist;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The recovery experiment: its tables as the chapter's quick run wrote them (seed 42, starts z = 15
 * and z = 20), checked against what the start implies, plus the pieces of the experiment on tiny inputs.
 */
@Tag("book")
class RecoveryTest {

    private static final String CHAPTER = "cross-entropy";
    private static final Recovery.Setup QUICK = Recovery.Setup.quick();
    private static Mnist.Split mnist;
    private static Table from15;
    private static Table from20;
    private static Table spread;

    @BeforeAll
    static void readTheQuickRun() throws Exception {
        mnist = Mnist.load();
        QuickBook.Output book = QuickBook.book();
        from15 = book.table(CHAPTER, "recovery.csv");
        from20 = book.table(CHAPTER, "recovery-from-20.csv");
        spread = book.table(CHAPTER, "recovery-spread.csv");
    }

    @Test
    void curvesHaveTheAgreedColumnsAndAMeasurementEveryFewSteps() {
        for (Table curves : List.of(from15, from20)) {
            assertEquals(List.of("loss", "step", "train_loss", "heldout_accuracy"), curves.columnNames());
            int measurements = QUICK.steps() / QUICK.evaluateEvery() + 1;
            for (OutputLoss loss : OutputLoss.values()) {
                int[] steps = rows(curves, loss.id).intColumn("step").asIntArray();
                assertEquals(measurements, steps.length, loss.id);
                for (int i = 0; i < steps.length; i++) {
                    assertEquals(i * QUICK.evaluateEvery(), steps[i]);
                }
            }
        }
    }

    /** Every digit starts at z0: the accuracy is the share of 9s, the loss z0 + log1p(e^-z0) for a 4 and log1p(e^-z0) for a 9. */
    @Test
    void allLossesStartFromTheSameConfidentlyWrongOutput() {
        int[] heldOut = mnist.test().onlyClasses(4, 9).classCounts();
        double shareOfNines = (double) heldOut[9] / (heldOut[4] + heldOut[9]);
        int[] train = mnist.train().onlyClasses(4, 9).first(QUICK.trainingDigits()).classCounts();
        for (double start : Recovery.START_LOGITS) {
            Table curves = start == 15 ? from15 : from20;
            double startLoss = (train[4] * (start + Math.log1p(Math.exp(-start))) + train[9] * Math.log1p(Math.exp(-start))) / (train[4] + train[9]);
            for (OutputLoss loss : OutputLoss.values()) {
                Table first = rows(curves, loss.id).where(rows(curves, loss.id).intColumn("step").isEqualTo(0));
                assertEquals(shareOfNines, first.doubleColumn("heldout_accuracy").get(0), 1e-12, loss.id);
                assertEquals(startLoss, first.doubleColumn("train_loss").get(0), 1e-9, loss.id);
            }
        }
    }

    /** From 15 the fused loss recovers first, DL4J's XENT later, and the quadratic cost's accuracy never moves. */
    @Test
    void fromFifteenTheFusedLossRecoversFirstDl4jLaterAndTheQuadraticCostNot() {
        int fused = stepsOf(spread, 15, OutputLoss.FUSED);
        int dl4j = stepsOf(spread, 15, OutputLoss.DL4J_XENT);
        assertTrue(fused > 0 && fused < dl4j, "fused " + fused + ", dl4j-xent " + dl4j);
        assertTrue(Double.isNaN(steps(spread, 15, OutputLoss.QUADRATIC)));
        double[] accuracy = rows(from15, OutputLoss.QUADRATIC.id).doubleColumn("heldout_accuracy").asDoubleArray();
        assertEquals(1, Arrays.stream(accuracy).distinct().count());
    }

    /** Beyond 24 ln 2 sigma(z) is 1 in FLOAT, so DL4J's XENT and the quadratic cost give exactly zero gradients: nothing moves. */
    @Test
    void fromTwentyOnlyTheFusedLossMovesAtAll() throws Exception {
        for (OutputLoss frozen : List.of(OutputLoss.DL4J_XENT, OutputLoss.QUADRATIC)) {
            Table rows = rows(from20, frozen.id);
            assertEquals(1, rows.doubleColumn("train_loss").unique().size(), frozen.id);
            assertEquals(1, rows.doubleColumn("heldout_accuracy").unique().size(), frozen.id);
            assertTrue(Double.isNaN(steps(spread, 20, frozen)), frozen.id);
        }
        assertTrue(stepsOf(spread, 20, OutputLoss.FUSED) > 0);

        Recovery.Task task = Recovery.Task.of(mnist, QUICK);
        INDArray start = Recovery.startingParameters(1, 20);
        DataSet batch = task.train().getRange(0, Recovery.BATCH_SIZE);
        float[] before = start.data().asFloat();
        for (OutputLoss loss : OutputLoss.values()) {
            MultiLayerNetwork net = Recovery.network(loss, 1);
            net.setParams(start);
            net.fit(batch);
            float[] after = net.params().data().asFloat();
            if (loss == OutputLoss.FUSED) {
                assertFalse(Arrays.equals(before, after), "the fused loss changed nothing");
            } else {
                assertArrayEquals(before, after, loss.id + " changed a parameter");
            }
        }
    }

    /** The early-stopping runs of the spread agree with the steps read off the full curves of the same seed. */
    @Test
    void stepsToRecoverWithEarlyStoppingAgreeWithTheCurves() {
        Recovery.Task task = Recovery.Task.of(mnist, QUICK);
        Table early = Recovery.stepsToRecover(task, QUICK, 15, QuickBook.SEED);
        assertEquals(List.of("start_logit", "loss", "seed", "steps_to_recover"), early.columnNames());
        for (OutputLoss loss : OutputLoss.values()) {
            assertEquals(steps(spread, 15, loss), steps(early, 15, loss), loss.id);
        }
    }

    @Test
    void stepsToRecoverIsTheFirstMeasuredStepAtTheRecoveryLevel() {
        Table curves = Table.create("recovery", StringColumn.create("loss", "fused", "fused", "fused", "quadratic", "quadratic"),
                IntColumn.create("step", 0, 5, 10, 0, 5), DoubleColumn.create("train_loss", 1, 1, 1, 1, 1),
                DoubleColumn.create("heldout_accuracy", 0.5, 0.9, 0.95, 0.5, 0.899));
        Table steps = Recovery.stepsToRecover(curves, 15, 7);
        assertEquals(List.of("fused", "quadratic"), steps.stringColumn("loss").asList());
        assertEquals(5, steps.intColumn("steps_to_recover").get(0));
        assertTrue(steps.intColumn("steps_to_recover").isMissing(1));
        assertEquals(7L, steps.longColumn("seed").get(1));
        assertEquals(15.0, steps.doubleColumn("start_logit").get(0));
    }

    @Test
    void summaryCountsRecoveredRunsAndTakesMedianMinMaxPerStartAndLoss() {
        IntColumn steps = IntColumn.create("steps_to_recover", 40, 30, 36);
        steps.appendMissing();
        steps.appendMissing();
        Table spreadByHand = Table.create("spread", DoubleColumn.create("start_logit", 15, 15, 15, 15, 20),
                StringColumn.create("loss", "fused", "fused", "fused", "fused", "fused"),
                LongColumn.create("seed", 1, 2, 3, 4, 1), steps);
        Table summary = Recovery.summary(spreadByHand);
        assertEquals(List.of("start_logit", "loss", "runs", "recovered", "median_steps", "min_steps", "max_steps"), summary.columnNames());
        assertEquals(2, summary.rowCount());
        assertEquals(4, summary.intColumn("runs").get(0));
        assertEquals(3, summary.intColumn("recovered").get(0));
        assertEquals(36.0, summary.doubleColumn("median_steps").get(0));
        assertEquals(30, summary.intColumn("min_steps").get(0));
        assertEquals(40, summary.intColumn("max_steps").get(0));
        assertEquals(20.0, summary.doubleColumn("start_logit").get(1));
        assertEquals(0, summary.intColumn("recovered").get(1));
        assertTrue(summary.doubleColumn("median_steps").isMissing(1));
        assertTrue(summary.intColumn("min_steps").isMissing(1));
    }

    /** The logits behind a sigmoid output, pushed through the sigmoid, are DL4J's own output. */
    @Test
    void logitsAreTheOutputUnitsPreActivation() {
        MultiLayerNetwork net = Recovery.network(OutputLoss.DL4J_XENT, 3);
        INDArray features = Recovery.Task.of(mnist, QUICK).heldOut().getFeatures();
        double[] z = Recovery.logits(net, features);
        double[] output = net.output(features, false).data().asDouble();
        for (int i = 0; i < z.length; i++) {
            assertEquals(1 / (1 + Math.exp(-z[i])), output[i], 1e-6);
        }
    }

    @Test
    void crossEntropyAndAccuracyByHand() {
        double[] z = {0, 2, -3, 40};
        double[] labels = {1, 0, 0, 1};
        double expected = (Math.log(2) + 2 + Math.log1p(Math.exp(-2)) + Math.log1p(Math.exp(-3)) + Math.log1p(Math.exp(-40))) / 4;
        assertEquals(expected, Recovery.crossEntropy(z, labels), 1e-15);
        assertEquals(0.5, Recovery.accuracy(z, labels));
    }

    @Test
    void sameSeedSameTable() {
        Recovery.Setup tiny = new Recovery.Setup(100, 6, 3, 1);
        Recovery.Task small = Recovery.Task.of(mnist, tiny);
        Table first = Recovery.curves(small, tiny, 15, 7);
        Table second = Recovery.curves(small, tiny, 15, 7);
        assertEquals(first.stringColumn("loss").asList(), second.stringColumn("loss").asList());
        assertArrayEquals(first.intColumn("step").asIntArray(), second.intColumn("step").asIntArray());
        assertArrayEquals(first.doubleColumn("train_loss").asDoubleArray(), second.doubleColumn("train_loss").asDoubleArray());
        assertArrayEquals(first.doubleColumn("heldout_accuracy").asDoubleArray(), second.doubleColumn("heldout_accuracy").asDoubleArray());
    }

    private static Table rows(Table table, String loss) {
        return table.where(table.stringColumn("loss").isEqualTo(loss));
    }

    /** Steps to recover from {@code start} with {@code loss}, NaN if the run did not recover. */
    private static double steps(Table spread, double start, OutputLoss loss) {
        Table row = rows(spread, loss.id).where(rows(spread, loss.id).numberColumn("start_logit").isEqualTo(start));
        assertEquals(1, row.rowCount(), loss.id + " from " + start);
        return row.numberColumn("steps_to_recover").getDouble(0);
    }

    private static int stepsOf(Table spread, double start, OutputLoss loss) {
        double steps = steps(spread, start, loss);
        assertFalse(Double.isNaN(steps), loss.id + " did not recover from " + start);
        return (int) steps;
    }
}
