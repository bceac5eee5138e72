package org.sigmoidbook.chapters.today;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sigmoidbook.chapters.today.LstmGates.Gate;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.Minibatches;
import tech.tablesaw.api.Table;

@Tag("book")
class LstmGatesTest {

    private static final LstmGates.Budget TINY = new LstmGates.Budget(500, 30, 10, 50);
    private static Mnist.Split split;
    private static LstmGates.Data data;
    private static LstmGates.Result result;

    @BeforeAll
    static void train() {
        split = TodayTesting.digits();
        data = LstmGates.Data.of(split, TINY.trainingDigits());
        result = LstmGates.run(3, TINY, data);
    }

    /** Pixel (row r, column c) of a halved digit is the mean of the full digit's 2 x 2 block, and sits at [c, r]. */
    @Test
    void sequencesAreHalvedDigitsReadRowByRow() {
        Digits two = split.test().first(2);
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
    @Test
    void hiddenStatesRebuiltFromTheGatesMatchTheLayersOwnOutput() {
        MultiLayerNetwork net = LstmGates.network(11);
        Minibatches batches = new Minibatches(data.train(), LstmGates.BATCH_SIZE, 11);
        for (int i = 0; i < 5; i++) {
            net.fit(batches.next());
        }
        INDArray probe = data.test().getFeatures().get(NDArrayIndex.interval(0, 40), NDArrayIndex.all(), NDArrayIndex.all());
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

    @Test
    void gatesTableHasTheIssuesColumnsAndARowPerGateAndReading() {
        Table gates = result.gates();
        assertEquals(List.of("step", "gate", "mean", "fraction_below_0_1", "fraction_above_0_9"), gates.columnNames());
        assertEquals(List.of(0, 10, 20, 30), gates.intColumn("step").unique().asList().stream().sorted().toList());
        assertEquals(4 * 3, gates.rowCount());
        assertEquals(List.of("input", "forget", "output"), gates.stringColumn("gate").asList().subList(0, 3));
        assertEquals(List.of("step", "probe_accuracy"), result.accuracy().columnNames());
    }

    /** The statistics, recomputed in plain Java from the rebuilt gates of the same network on the same probe. */
    @Test
    void statisticsAreMeansAndShareBeyondPointOneAndPointNine() {
        MultiLayerNetwork net = LstmGates.network(3);
        INDArray probe = data.test().getFeatures().get(NDArrayIndex.interval(0, TINY.probeDigits()), NDArrayIndex.all(), NDArrayIndex.all());
        LstmGates.Trace trace = LstmGates.trace(net, probe);
        Table initial = result.gates().where(result.gates().intColumn("step").isEqualTo(0));
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
            Table row = initial.where(initial.stringColumn("gate").isEqualTo(gate.id()));
            assertEquals(sum / values.length, row.doubleColumn("mean").get(0), 1e-6, gate.id());
            assertEquals((double) below / values.length, row.doubleColumn("fraction_below_0_1").get(0), 1e-12, gate.id());
            assertEquals((double) above / values.length, row.doubleColumn("fraction_above_0_9").get(0), 1e-12, gate.id());
        }
    }

    /**
     * DL4J starts the forget gate's bias at 1 and the others at 0, so at initialisation the forget
     * gate sits near sigma(1) = 0.731 and the others near 1/2, with no unit saturated.
     */
    @Test
    void atInitialisationTheForgetGateLeansOpenAndNoGateSaturates() {
        Table initial = result.gates().where(result.gates().intColumn("step").isEqualTo(0));
        for (int row = 0; row < initial.rowCount(); row++) {
            String gate = initial.stringColumn("gate").get(row);
            double expected = gate.equals("forget") ? 1 / (1 + Math.exp(-1)) : 0.5;
            assertEquals(expected, initial.doubleColumn("mean").get(row), 0.03, gate);
            assertTrue(initial.doubleColumn("fraction_below_0_1").get(row) < 0.01, gate);
            assertTrue(initial.doubleColumn("fraction_above_0_9").get(row) < 0.01, gate);
        }
    }

    /** Even 30 updates lift accuracy well above chance (1/10). */
    @Test
    void theLstmLearns() {
        assertTrue(result.heldOutAccuracy() > 0.3, "held-out accuracy " + result.heldOutAccuracy());
        double first = result.accuracy().doubleColumn("probe_accuracy").get(0);
        assertTrue(first < 0.25, "probe accuracy at initialisation " + first);
    }

    /** The accuracy the chapter reports, against a count in plain Java of the rows whose largest output is the label. */
    @Test
    void accuracyIsTheShareOfDigitsWhoseLargestOutputIsTheirLabel() {
        MultiLayerNetwork net = LstmGates.network(3);
        Minibatches batches = new Minibatches(data.train(), LstmGates.BATCH_SIZE, 3);
        for (int i = 0; i < 10; i++) {
            net.fit(batches.next());
        }
        double[][] outputs = net.output(data.test().getFeatures(), false).toDoubleMatrix();
        double[][] labels = data.test().getLabels().toDoubleMatrix();
        int right = 0;
        for (int row = 0; row < outputs.length; row++) {
            int best = 0;
            for (int k = 1; k < outputs[row].length; k++) {
                best = outputs[row][k] > outputs[row][best] ? k : best;
            }
            right += labels[row][best] == 1 ? 1 : 0;
        }
        assertEquals((double) right / outputs.length, LstmGates.accuracy(net, data.test()), 1e-12);
    }
}
