package org.sigmoidbook.chapters.today;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sigmoidbook.BookTest;
import org.sigmoidbook.book.Rows;
import org.sigmoidbook.chapters.today.LstmGates.Gate;
import org.sigmoidbook.chapters.today.LstmGates.GateReading;
import org.sigmoidbook.chapters.today.LstmGates.Init;
import org.sigmoidbook.chapters.today.LstmGates.ProbeError;
import org.sigmoidbook.toolkit.nn.Minibatches;

class LstmGatesTest {

    private static final int STEPS = 12;
    private static final LstmGates.Budget TINY = new LstmGates.Budget(STEPS, 20, 10, 40, 100);
    private static RecallTask.Data data;

    private static synchronized RecallTask.Data data() {
        if (data == null) {
            TodayTesting.startBackend();
            data = RecallTask.Data.of(STEPS, TINY.trainingSequences(), TINY.heldoutSequences(), 7);
        }
        return data;
    }

    /** Every sequence has exactly one marker, on one of the first three steps, and its target is the value marked. */
    @Test
    void eachSequenceMarksOneOfItsFirstStepsAndAsksForThatValue() {
        DataSet sequences = data().test();
        assertArrayEquals(new long[]{TINY.heldoutSequences(), 2, STEPS}, sequences.getFeatures().shape());
        int[] markedAt = new int[RecallTask.MARKED_WITHIN];
        for (int i = 0; i < TINY.heldoutSequences(); i++) {
            int marked = -1;
            for (int t = 0; t < STEPS; t++) {
                double value = sequences.getFeatures().getDouble(i, 0, t);
                assertTrue(value >= -1 && value <= 1, "value " + value);
                double marker = sequences.getFeatures().getDouble(i, 1, t);
                assertTrue(marker == 0 || marker == 1);
                if (marker == 1) {
                    assertEquals(-1, marked, "a second marker in sequence " + i);
                    marked = t;
                }
            }
            assertTrue(marked >= 0 && marked < RecallTask.MARKED_WITHIN, "marker at " + marked);
            markedAt[marked]++;
            assertEquals(sequences.getFeatures().getDouble(i, 0, marked), sequences.getLabels().getDouble(i, 0));
        }
        for (int count : markedAt) {
            assertTrue(count > 15, "every early step is marked some of the time: " + count);
        }
    }

    /**
     * The error is measured against the variance of a uniform target on [-1, 1], 1/3: the variance of
     * many drawn targets agrees, so always answering 0 scores about 1.
     */
    @Test
    void theTargetVarianceIsAThird() {
        double[] targets = RecallTask.sequences(20_000, 4, new SplittableRandom(1)).getLabels().toDoubleVector();
        double mean = java.util.Arrays.stream(targets).average().orElseThrow();
        double variance = java.util.Arrays.stream(targets).map(t -> (t - mean) * (t - mean)).sum() / (targets.length - 1);
        assertEquals(1.0 / 3, RecallTask.TARGET_VARIANCE, 1e-15);
        assertEquals(RecallTask.TARGET_VARIANCE, variance, 0.01);
    }

    /** The relative error, against a plain Java sum over the network's own outputs. */
    @Test
    void relativeErrorIsTheMeanSquaredErrorOverAThird() {
        MultiLayerNetwork net = LstmGates.network(Init.DL4J, STEPS, 2);
        double[] output = net.output(data().test().getFeatures(), false).toDoubleVector();
        double[] target = data().test().getLabels().toDoubleVector();
        double squares = 0;
        for (int i = 0; i < output.length; i++) {
            squares += (output[i] - target[i]) * (output[i] - target[i]);
        }
        assertEquals(squares / output.length * 3, RecallTask.relativeError(net, data().test()), 1e-6);
    }

    /**
     * The test of the gate arithmetic: h_t rebuilt from the parameters (DL4J's block order: block
     * input, forget, output, input gate) equals the LSTM layer's own output at every time step, to
     * float precision, for both initialisations, on networks trained a little so that no block still
     * looks like another.
     */
    @Test
    void hiddenStatesRebuiltFromTheGatesMatchTheLayersOwnOutput() {
        for (Init init : Init.values()) {
            MultiLayerNetwork net = LstmGates.network(init, STEPS, 11);
            Minibatches batches = new Minibatches(data().train(), LstmGates.BATCH_SIZE, 11);
            for (int i = 0; i < 5; i++) {
                net.fit(batches.next());
            }
            INDArray probe = data().test().getFeatures().get(NDArrayIndex.interval(0, 40), NDArrayIndex.all(), NDArrayIndex.all());
            LstmGates.Trace trace = LstmGates.trace(net, probe);

            Layer lstm = ((LastTimeStepLayer) net.getLayer(0)).getUnderlying();
            INDArray own = lstm.activate(probe, false, LayerWorkspaceMgr.noWorkspaces()); // [n, H, T]
            INDArray ownByStep = own.permute(2, 0, 1); // [T, n, H], the trace's layout
            assertArrayEquals(ownByStep.shape(), trace.hidden().shape());
            double largest = Transforms.abs(ownByStep.sub(trace.hidden()), false).maxNumber().doubleValue();
            assertTrue(largest < 1e-5, init.id() + ": largest difference " + largest);
            assertEquals(largest, LstmGates.rebuildError(net, probe), 1e-12);
            // The network's own last-step output is the last hidden state.
            INDArray last = net.feedForward(probe, false).get(1);
            INDArray rebuiltLast = trace.hidden().get(NDArrayIndex.point(STEPS - 1), NDArrayIndex.all(), NDArrayIndex.all());
            assertTrue(last.equalsWithEps(rebuiltLast, 1e-5), init.id() + ": last time step");
            // And h is not trivially small: the comparison means something.
            assertTrue(Transforms.abs(own, true).maxNumber().doubleValue() > 0.05, init.id());
        }
    }

    /**
     * DL4J starts the forget gate's bias at 1 and every other bias at 0. The chrono initialisation
     * draws each unit's forget bias as log u, u uniform on [1, T - 1], and gives its input gate the
     * negative; the block input and the output gate keep 0.
     */
    @Test
    void biasesAtInitialisation() {
        int h = LstmGates.HIDDEN;
        double[] dl4j = LstmGates.network(Init.DL4J, STEPS, 4).getParam("0_b").toDoubleVector();
        double[] chrono = LstmGates.network(Init.CHRONO, STEPS, 4).getParam("0_b").toDoubleVector();
        assertEquals(4 * h, chrono.length);
        for (int unit = 0; unit < h; unit++) {
            assertEquals(0, dl4j[unit]);
            assertEquals(1, dl4j[h + unit]);
            assertEquals(0, dl4j[2 * h + unit]);
            assertEquals(0, dl4j[3 * h + unit]);
            double forget = chrono[h + unit];
            assertTrue(forget >= 0 && forget <= Math.log(STEPS - 1) + 1e-6, "chrono forget bias " + forget);
            assertEquals(-forget, chrono[3 * h + unit], 1e-7);
            assertEquals(0, chrono[unit]);
            assertEquals(0, chrono[2 * h + unit]);
        }
        assertEquals(LstmGates.network(Init.CHRONO, STEPS, 4).getParam("0_b"), LstmGates.network(Init.CHRONO, STEPS, 4).getParam("0_b"),
                "the same seed, the same draw");
    }

    @BookTest
    void tablesHaveTheirColumnsAndARowPerGateAndReading() {
        LstmGates.Result result = LstmGates.run(Init.DL4J, 3, TINY, data());
        assertEquals(List.of("init", "seed", "step", "gate", "mean", "fraction_below_0_1", "fraction_above_0_9"),
                Rows.columns(GateReading.class));
        assertEquals(List.of("init", "seed", "step", "relative_error"), Rows.columns(ProbeError.class));
        assertEquals(List.of(0, 10, 20), result.gates().stream().map(GateReading::step).distinct().sorted().toList());
        assertEquals(3 * 3, result.gates().size());
        assertEquals(List.of(Gate.INPUT, Gate.FORGET, Gate.OUTPUT), result.gates().subList(0, 3).stream().map(GateReading::gate).toList());
        assertEquals(3, result.errors().size());
        assertEquals(TINY.updates(), result.run().updates());
    }

    /** The statistics, recomputed in plain Java from the rebuilt gates of the same network on the same probe. */
    @BookTest
    void statisticsAreMeansAndSharesBeyondPointOneAndPointNine() {
        LstmGates.Result result = LstmGates.run(Init.CHRONO, 3, new LstmGates.Budget(STEPS, 0, 1, TINY.probeSequences(), 100), data());
        MultiLayerNetwork net = LstmGates.network(Init.CHRONO, STEPS, 3);
        INDArray probe = data().test().getFeatures()
                .get(NDArrayIndex.interval(0, TINY.probeSequences()), NDArrayIndex.all(), NDArrayIndex.all());
        LstmGates.Trace trace = LstmGates.trace(net, probe);
        for (Gate gate : Gate.values()) {
            double[] values = trace.gate(gate).dup().data().asDouble();
            assertEquals((long) STEPS * TINY.probeSequences() * LstmGates.HIDDEN, values.length);
            double sum = 0;
            int below = 0;
            int above = 0;
            for (double v : values) {
                sum += v;
                below += v < 0.1 ? 1 : 0;
                above += v > 0.9 ? 1 : 0;
            }
            GateReading row = result.gates().stream().filter(r -> r.gate() == gate).findFirst().orElseThrow();
            assertEquals(sum / values.length, row.mean(), 1e-6, gate.id());
            assertEquals((double) below / values.length, row.fractionNearShut(), 1e-12, gate.id());
            assertEquals((double) above / values.length, row.fractionNearOpen(), 1e-12, gate.id());
        }
    }

    /**
     * At initialisation DL4J's forget gates sit near sigma(1) = 0.731 and the others near 1/2, none
     * saturated; chrono's forget gates sit near u / (1 + u), whose mean over u uniform on [1, T - 1]
     * is 1 - ln(T / 2) / (T - 2), and its input gates near 1 - that.
     */
    @BookTest
    void gatesAtInitialisation() {
        LstmGates.Budget none = new LstmGates.Budget(STEPS, 0, 1, 100, 100);
        for (GateReading row : LstmGates.run(Init.DL4J, 5, none, data()).gates()) {
            double expected = row.gate() == Gate.FORGET ? 1 / (1 + Math.exp(-1)) : 0.5;
            assertEquals(expected, row.mean(), 0.05, row.gate().id());
            assertTrue(row.fractionNearShut() < 0.01 && row.fractionNearOpen() < 0.01, row.gate().id());
        }
        double forget = 1 - Math.log(STEPS / 2.0) / (STEPS - 2);
        double[] means = new double[3];
        for (long seed = 0; seed < 20; seed++) {
            for (GateReading row : LstmGates.run(Init.CHRONO, seed, none, data()).gates()) {
                means[row.gate().ordinal()] += row.mean() / 20;
            }
        }
        assertEquals(forget, means[Gate.FORGET.ordinal()], 0.03);
        assertEquals(1 - forget, means[Gate.INPUT.ordinal()], 0.03);
        assertEquals(0.5, means[Gate.OUTPUT.ordinal()], 0.03);
    }

    /** A short recall task, chrono-initialised, learns within a few dozen updates: the error falls well below always answering 0. */
    @BookTest
    void theLstmLearnsAShortRecallTask() {
        LstmGates.Budget budget = new LstmGates.Budget(6, 60, 60, 100, 300);
        LstmGates.Result result = LstmGates.run(Init.CHRONO, 1, budget, RecallTask.Data.of(6, budget.trainingSequences(), 300, 2));
        assertTrue(result.errors().get(0).relativeError() > 0.8, "error at initialisation " + result.errors().get(0));
        assertTrue(result.run().heldoutRelativeError() < 0.5, "error after training " + result.run());
    }
}
