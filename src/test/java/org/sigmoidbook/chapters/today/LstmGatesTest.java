package org.sigmoidbook.chapters.today;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sigmoidbook.BookTest;
import org.sigmoidbook.book.Rows;
import org.sigmoidbook.chapters.today.LstmGates.Gate;
import org.sigmoidbook.chapters.today.LstmGates.GateReading;
import org.sigmoidbook.chapters.today.LstmGates.ProbeAccuracy;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.nn.Accuracy;
import org.sigmoidbook.toolkit.nn.Minibatches;

class LstmGatesTest {

    private static final LstmGates.Budget TINY = new LstmGates.Budget(500, 30, 10, 50);
    private static LstmGates.Data data;
    private static LstmGates.Result result;

    private static synchronized LstmGates.Data data() {
        if (data == null) {
            data = LstmGates.Data.of(TodayTesting.digits(), TINY.trainingDigits());
        }
        return data;
    }

    /** One training run with seed 3, for every test that reads it. */
    private static synchronized LstmGates.Result result() {
        if (result == null) {
            result = LstmGates.run(3, TINY, data());
        }
        return result;
    }

    private static List<GateReading> initialReadings() {
        return result().gates().stream().filter(r -> r.step() == 0).toList();
    }

    /** Pixel (row r, column c) of a halved digit is the mean of the full digit's 2 x 2 block, and sits at [c, r]. */
    @Test
    void sequencesAreHalvedDigitsReadRowByRow() {
        Digits two = TodayTesting.digits().test().first(2);
        double[] full = two.features(DataType.DOUBLE).getRow(1).toDoubleVector();
        INDArray sequence = LstmGates.sequences(two).getFeatures();
        assertArrayEquals(new long[]{2, 14, 14}, sequence.shape());
        for (int r = 0; r < 14; r++) {
            for (int c = 0; c < 14; c++) {
                double mean = (full[2 * r * 28 + 2 * c] + full[2 * r * 28 + 2 * c + 1]
                        + full[(2 * r + 1) * 28 + 2 * c] + full[(2 * r + 1) * 28 + 2 * c + 1]) / 4;
                assertEquals(mean, sequence.getDouble(1, c, r), 1e-6, "row " + r + ", column " + c);
            }
        }
        assertEquals(two.label(1), LstmGates.sequences(two).getLabels().getRow(1).argMax().getInt(0));
    }

    /**
     * The test of the gate arithmetic: h_t rebuilt from the parameters (DL4J's block order: block
     * input, forget, output, input gate) equals the LSTM layer's own output at every time step, to
     * float precision, on a network trained a little so that no block still looks like another.
     */
    @BookTest
    void hiddenStatesRebuiltFromTheGatesMatchTheLayersOwnOutput() {
        MultiLayerNetwork net = LstmGates.network(11);
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
        assertTrue(largest < 1e-5, "largest difference " + largest);
        // The network's own last-step output is the last hidden state.
        INDArray last = net.feedForward(probe, false).get(1);
        INDArray rebuiltLast = trace.hidden().get(NDArrayIndex.point(LstmGates.ROWS - 1), NDArrayIndex.all(), NDArrayIndex.all());
        assertTrue(last.equalsWithEps(rebuiltLast, 1e-5), "last time step");
        // And h is not trivially small: the comparison means something.
        assertTrue(Transforms.abs(own, true).maxNumber().doubleValue() > 0.1);
    }

    @BookTest
    void gatesTableHasTheIssuesColumnsAndARowPerGateAndReading() {
        List<GateReading> gates = result().gates();
        assertEquals(List.of("step", "gate", "mean", "fraction_below_0_1", "fraction_above_0_9"), Rows.columns(GateReading.class));
        assertEquals(List.of(0, 10, 20, 30), gates.stream().map(GateReading::step).distinct().sorted().toList());
        assertEquals(4 * 3, gates.size());
        assertEquals(List.of(Gate.INPUT, Gate.FORGET, Gate.OUTPUT), gates.subList(0, 3).stream().map(GateReading::gate).toList());
        assertEquals(List.of("step", "probe_accuracy"), Rows.columns(ProbeAccuracy.class));
    }

    /** The statistics, recomputed in plain Java from the rebuilt gates of the same network on the same probe. */
    @BookTest
    void statisticsAreMeansAndShareBeyondPointOneAndPointNine() {
        MultiLayerNetwork net = LstmGates.network(3);
        INDArray probe = data().test().getFeatures()
                .get(NDArrayIndex.interval(0, TINY.probeDigits()), NDArrayIndex.all(), NDArrayIndex.all());
        LstmGates.Trace trace = LstmGates.trace(net, probe);
        for (Gate gate : Gate.values()) {
            double[] values = trace.gate(gate).dup().data().asDouble();
            assertEquals(14L * TINY.probeDigits() * LstmGates.HIDDEN, values.length);
            double sum = 0;
            int below = 0;
            int above = 0;
            for (double v : values) {
                sum += v;
                below += v < 0.1 ? 1 : 0;
                above += v > 0.9 ? 1 : 0;
            }
            GateReading row = initialReadings().stream().filter(r -> r.gate() == gate).findFirst().orElseThrow();
            assertEquals(sum / values.length, row.mean(), 1e-6, gate.id());
            assertEquals((double) below / values.length, row.fractionNearShut(), 1e-12, gate.id());
            assertEquals((double) above / values.length, row.fractionNearOpen(), 1e-12, gate.id());
        }
    }

    /**
     * DL4J starts the forget gate's bias at 1 and the others at 0, so at initialisation the forget
     * gate sits near sigma(1) = 0.731 and the others near 1/2, with no unit saturated.
     */
    @BookTest
    void atInitialisationTheForgetGateLeansOpenAndNoGateSaturates() {
        for (GateReading row : initialReadings()) {
            String gate = row.gate().id();
            double expected = gate.equals("forget") ? 1 / (1 + Math.exp(-1)) : 0.5;
            assertEquals(expected, row.mean(), 0.03, gate);
            assertTrue(row.fractionNearShut() < 0.01, gate);
            assertTrue(row.fractionNearOpen() < 0.01, gate);
        }
    }

    /** Even 30 updates lift accuracy well above chance (1/10). */
    @BookTest
    void theLstmLearns() {
        assertTrue(result().heldOutAccuracy() > 0.3, "held-out accuracy " + result().heldOutAccuracy());
        double first = result().accuracy().get(0).probeAccuracy();
        assertTrue(first < 0.25, "probe accuracy at initialisation " + first);
    }

    /** The accuracy the chapter reports, against a count in plain Java of the rows whose largest output is the label. */
    @BookTest
    void accuracyIsTheShareOfDigitsWhoseLargestOutputIsTheirLabel() {
        MultiLayerNetwork net = LstmGates.network(3);
        Minibatches batches = new Minibatches(data().train(), LstmGates.BATCH_SIZE, 3);
        for (int i = 0; i < 10; i++) {
            net.fit(batches.next());
        }
        double[][] outputs = net.output(data().test().getFeatures(), false).toDoubleMatrix();
        double[][] labels = data().test().getLabels().toDoubleMatrix();
        int right = 0;
        for (int row = 0; row < outputs.length; row++) {
            int best = 0;
            for (int k = 1; k < outputs[row].length; k++) {
                best = outputs[row][k] > outputs[row][best] ? k : best;
            }
            right += labels[row][best] == 1 ? 1 : 0;
        }
        assertEquals((double) right / outputs.length, Accuracy.of(net, data().test()), 1e-12);
    }
}
