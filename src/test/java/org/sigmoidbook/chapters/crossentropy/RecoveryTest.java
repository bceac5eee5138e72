package org.sigmoidbook.chapters.crossentropy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.sigmoidbook.toolkit.data.Mnist;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The recovery experiment at quick size, seed 1, started at z = 15 (wrong, inside the cliff) and z = 20 (beyond it). */
class RecoveryTest {

    private static final Recovery.Setup QUICK = Recovery.Setup.quick();
    private static Mnist.Split mnist;
    private static Recovery.Task task;
    private static Table at15;
    private static Table at20;

    @BeforeAll
    static void train() throws Exception {
        mnist = Mnist.load();
        task = Recovery.Task.of(mnist, QUICK);
        at15 = Recovery.run(task, QUICK, 15, 1);
        at20 = Recovery.run(task, QUICK, 20, 1);
    }

    @Test
    void tableHasTheAgreedColumnsAndAMeasurementEveryFewSteps() {
        assertEquals(List.of("loss", "step", "train_loss", "heldout_accuracy"), at15.columnNames());
        assertEquals(List.of("dl4j-xent", "fused", "quadratic"), at15.stringColumn("loss").unique().asList().stream().sorted().toList());
        int measurements = QUICK.steps() / QUICK.evaluateEvery() + 1;
        for (OutputLoss loss : OutputLoss.values()) {
            int[] steps = rows(at15, loss).intColumn("step").asIntArray();
            assertEquals(measurements, steps.length);
            for (int i = 0; i < steps.length; i++) {
                assertEquals(i * QUICK.evaluateEvery(), steps[i]);
            }
        }
    }

    /** Every digit starts at z = 15: the accuracy is the share of 9s, the loss 15 for a 4 and e^-15 for a 9. */
    @Test
    void allLossesStartFromTheSameConfidentlyWrongOutput() {
        int[] heldOut = mnist.test().onlyClasses(4, 9).classCounts();
        double shareOfNines = (double) heldOut[9] / (heldOut[4] + heldOut[9]);
        int[] train = mnist.train().onlyClasses(4, 9).first(QUICK.trainingDigits()).classCounts();
        double startLoss = (train[4] * (15 + Math.log1p(Math.exp(-15))) + train[9] * Math.log1p(Math.exp(-15))) / (train[4] + train[9]);
        for (OutputLoss loss : OutputLoss.values()) {
            Table start = rows(at15, loss).where(rows(at15, loss).intColumn("step").isEqualTo(0));
            assertEquals(shareOfNines, start.doubleColumn("heldout_accuracy").get(0), 1e-12, loss.id);
            assertEquals(startLoss, start.doubleColumn("train_loss").get(0), 1e-9, loss.id);
        }
    }

    @Test
    void fromFifteenTheFusedLossRecoversFirstDl4jLaterAndTheQuadraticCostNot() {
        Table steps = Recovery.stepsToRecover(at15);
        int fused = stepsOf(steps, OutputLoss.FUSED);
        int dl4j = stepsOf(steps, OutputLoss.DL4J_XENT);
        assertTrue(fused > 0 && fused < dl4j, "fused " + fused + ", dl4j-xent " + dl4j);
        assertTrue(steps.where(steps.stringColumn("loss").isEqualTo("quadratic")).intColumn("steps_to_recover").isMissing(0));
        double start = rows(at15, OutputLoss.QUADRATIC).doubleColumn("heldout_accuracy").get(0);
        for (double accuracy : rows(at15, OutputLoss.QUADRATIC).doubleColumn("heldout_accuracy").asDoubleArray()) {
            assertEquals(start, accuracy);
        }
    }

    /** Beyond 24 ln 2 sigma(z) is 1 in FLOAT, so DL4J's XENT and the quadratic cost give exactly zero gradients: nothing moves. */
    @Test
    void fromTwentyOnlyTheFusedLossMovesAtAll() {
        for (OutputLoss frozen : List.of(OutputLoss.DL4J_XENT, OutputLoss.QUADRATIC)) {
            Table rows = rows(at20, frozen);
            assertEquals(1, rows.doubleColumn("train_loss").unique().size(), frozen.id);
            assertEquals(1, rows.doubleColumn("heldout_accuracy").unique().size(), frozen.id);
        }
        assertTrue(stepsOf(Recovery.stepsToRecover(at20), OutputLoss.FUSED) > 0);

        INDArray start = Recovery.startingParameters(1, 20);
        DataSet batch = task.train().getRange(0, 32);
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

    /** The spread's seed-1 runs stop early but must agree with the full run of seed 1. */
    @Test
    void spreadAgreesWithTheFullRunAndSummarises() {
        Table spread = Recovery.spread(task, QUICK, 15, List.of(OutputLoss.DL4J_XENT, OutputLoss.FUSED));
        assertEquals(List.of("loss", "seed", "steps_to_recover"), spread.columnNames());
        assertEquals(2 * QUICK.seeds(), spread.rowCount());
        Table seed1 = spread.where(spread.intColumn("seed").isEqualTo(1));
        Table fromRun = Recovery.stepsToRecover(at15);
        for (OutputLoss loss : List.of(OutputLoss.DL4J_XENT, OutputLoss.FUSED)) {
            assertEquals(stepsOf(fromRun, loss), stepsOf(seed1, loss), loss.id);
        }
        Table summary = Recovery.spreadSummary(spread);
        assertEquals(List.of("dl4j-xent", "fused"), summary.stringColumn("loss").asList());
        assertArrayEquals(new int[]{QUICK.seeds(), QUICK.seeds()}, summary.intColumn("runs").asIntArray());
    }

    /** At the page's full size, over every seed: the fused loss recovers from z = 15, and before DL4J's XENT. */
    @Test
    void atFullSizeTheFusedLossRecoversFirstInEverySeed() {
        Recovery.Setup full = Recovery.Setup.full();
        Table spread = Recovery.spread(Recovery.Task.of(mnist, full), full, 15, List.of(OutputLoss.DL4J_XENT, OutputLoss.FUSED));
        for (int seed = 1; seed <= full.seeds(); seed++) {
            Table runs = spread.where(spread.intColumn("seed").isEqualTo(seed));
            int dl4j = stepsOf(runs, OutputLoss.DL4J_XENT);
            int fused = stepsOf(runs, OutputLoss.FUSED);
            assertTrue(fused < dl4j, "seed " + seed + ": fused " + fused + ", dl4j-xent " + dl4j);
        }
    }

    @Test
    void stepsToRecoverIsTheFirstMeasuredStepAtNinetyPercent() {
        Table recovery = Table.create("recovery", StringColumn.create("loss", "fused", "fused", "fused", "quadratic", "quadratic"),
                IntColumn.create("step", 0, 5, 10, 0, 5), DoubleColumn.create("train_loss", 1, 1, 1, 1, 1),
                DoubleColumn.create("heldout_accuracy", 0.5, 0.9, 0.95, 0.5, 0.899));
        Table steps = Recovery.stepsToRecover(recovery);
        assertEquals(List.of("fused", "quadratic"), steps.stringColumn("loss").asList());
        assertEquals(5, steps.intColumn("steps_to_recover").get(0));
        assertTrue(steps.intColumn("steps_to_recover").isMissing(1));
    }

    @Test
    void spreadSummaryCountsRecoveredRunsAndTakesMedianMinMax() {
        IntColumn steps = IntColumn.create("steps_to_recover", 40, 30, 36);
        steps.appendMissing();
        Table spread = Table.create("spread", StringColumn.create("loss", "fused", "fused", "fused", "fused"),
                IntColumn.create("seed", 1, 2, 3, 4), steps);
        Table summary = Recovery.spreadSummary(spread);
        assertEquals(4, summary.intColumn("runs").get(0));
        assertEquals(3, summary.intColumn("recovered").get(0));
        assertEquals(36.0, summary.doubleColumn("median_steps").get(0));
        assertEquals(30, summary.intColumn("min_steps").get(0));
        assertEquals(40, summary.intColumn("max_steps").get(0));
    }

    /** The logits behind a sigmoid output, pushed through the sigmoid, are DL4J's own output. */
    @Test
    void logitsAreTheOutputUnitsPreActivation() {
        MultiLayerNetwork net = Recovery.network(OutputLoss.DL4J_XENT, 3);
        INDArray features = task.heldOut().getFeatures();
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
        Table first = Recovery.run(small, tiny, 15, 7);
        Table second = Recovery.run(small, tiny, 15, 7);
        assertEquals(first.stringColumn("loss").asList(), second.stringColumn("loss").asList());
        assertArrayEquals(first.intColumn("step").asIntArray(), second.intColumn("step").asIntArray());
        assertArrayEquals(first.doubleColumn("train_loss").asDoubleArray(), second.doubleColumn("train_loss").asDoubleArray());
        assertArrayEquals(first.doubleColumn("heldout_accuracy").asDoubleArray(), second.doubleColumn("heldout_accuracy").asDoubleArray());
    }

    private static Table rows(Table table, OutputLoss loss) {
        return table.where(table.stringColumn("loss").isEqualTo(loss.id));
    }

    private static int stepsOf(Table steps, OutputLoss loss) {
        IntColumn column = steps.where(steps.stringColumn("loss").isEqualTo(loss.id)).intColumn("steps_to_recover");
        assertFalse(column.isMissing(0), loss.id + " did not recover");
        return column.get(0);
    }
}
