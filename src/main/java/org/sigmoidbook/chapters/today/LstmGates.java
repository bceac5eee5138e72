package org.sigmoidbook.chapters.today;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sigmoidbook.book.CsvColumn;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.Accuracy;
import org.sigmoidbook.toolkit.nn.Minibatches;

/**
 * The sigmoid as a gate. A DL4J LSTM reads a digit row by row and a softmax classifies it from the
 * last step. The digits are halved to 14 x 14 (each pixel the mean of a 2 x 2 block), so the LSTM
 * reads 14 rows of 14 pixels: DL4J's LSTM costs about 35 ms of CPU per update on 28 rows of a
 * minibatch of 32 here and about half that on 14, and the book has seconds, not minutes.
 * <p>
 * Its three gates are sigmoids that multiply a signal by a number between 0 (shut) and 1 (open): the
 * input gate scales what is written into the cell, the forget gate what the cell keeps, the output
 * gate what it shows. Here saturation is the point.
 * <p>
 * DL4J does not expose gate activations, so they are recomputed from the layer's parameters. In
 * {@link LSTMParamInitializer}'s layout the input weights W [n_in, 4H], recurrent weights RW [H, 4H]
 * and bias b [1, 4H] hold four blocks of H columns (LSTMHelpers' order): the block input (tanh), the
 * forget gate, the output gate, and the gate that scales the block input, which DL4J calls the input
 * modulation gate and the literature the input gate. Per time step t:
 * <pre>
 * a = x_t W + h_{t-1} RW + b           (four blocks)
 * c_t = f * c_{t-1} + i * tanh(a_block)
 * h_t = o * tanh(c_t)
 * </pre>
 * with f, o, i the sigmoids of their blocks; h_0 = c_0 = 0.
 */
public final class LstmGates {

    /** Rows of a halved digit, and pixels per row. */
    public static final int ROWS = 14;
    public static final int HIDDEN = 32;
    public static final int CLASSES = 10;
    public static final int BATCH_SIZE = 32;
    public static final double LEARNING_RATE = 0.01;
    public static final double NEAR_SHUT = 0.1;
    public static final double NEAR_OPEN = 0.9;

    /** The three gates, with the block of columns each has in DL4J's parameters. */
    public enum Gate {
        INPUT("input", 3), FORGET("forget", 1), OUTPUT("output", 2);

        private final String id;
        private final int block;

        Gate(String id, int block) {
            this.id = id;
            this.block = block;
        }

        public String id() {
            return id;
        }
    }

    /** Training digits, minibatch updates, how often the gates are read, and on how many held-out digits. */
    public record Budget(int trainingDigits, int updates, int recordEvery, int probeDigits) {
    }

    /** Sequences and labels every run shares, read-only. */
    public record Data(DataSet train, DataSet test) {
        public static Data of(Mnist.Split split, int trainingDigits) {
            return new Data(sequences(split.train().first(trainingDigits)), sequences(split.test()));
        }
    }

    /**
     * Each digit halved to 14 x 14 and laid out as a sequence of its rows: [n, 14 pixels, 14 steps],
     * DL4J's recurrent layout (examples, features, time).
     */
    public static DataSet sequences(Digits digits) {
        double[] full = digits.features(DataType.DOUBLE).data().asDouble();
        int side = 2 * ROWS;
        double[] halved = new double[digits.size() * ROWS * ROWS];
        for (int d = 0; d < digits.size(); d++) {
            for (int row = 0; row < ROWS; row++) {
                for (int col = 0; col < ROWS; col++) {
                    int topLeft = d * Digits.PIXELS + 2 * row * side + 2 * col;
                    double sum = full[topLeft] + full[topLeft + 1] + full[topLeft + side] + full[topLeft + side + 1];
                    // Pixel col of time step row.
                    halved[(d * ROWS + col) * ROWS + row] = sum / 4;
                }
            }
        }
        INDArray sequences = Nd4j.createFromArray(halved).reshape(digits.size(), ROWS, ROWS).castTo(DataType.FLOAT);
        return new DataSet(sequences, digits.oneHot(DataType.FLOAT));
    }

    private LstmGates() {
    }

    /** LSTM(14 -> {@value #HIDDEN}, tanh, sigmoid gates), its last step into a softmax over the ten digits; Adam. */
    public static MultiLayerNetwork network(long seed) {
        LSTM lstm = new LSTM.Builder().nIn(ROWS).nOut(HIDDEN).activation(Activation.TANH)
                .gateActivationFunction(Activation.SIGMOID).build();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).updater(new Adam(LEARNING_RATE)).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new LastTimeStep(lstm))
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(HIDDEN).nOut(CLASSES).activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    /** What the LSTM computed on some sequences, time step by time step: each [T, n, H]. */
    public record Trace(INDArray input, INDArray forget, INDArray output, INDArray hidden) {
        public INDArray gate(Gate gate) {
            return switch (gate) {
                case INPUT -> input;
                case FORGET -> forget;
                case OUTPUT -> output;
            };
        }
    }

    /** Recomputes the LSTM layer of {@code net} on {@code sequences} [n, 14, T] from its parameters. */
    public static Trace trace(MultiLayerNetwork net, INDArray sequences) {
        INDArray w = net.getParam("0_" + LSTMParamInitializer.INPUT_WEIGHT_KEY);
        INDArray rw = net.getParam("0_" + LSTMParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray b = net.getParam("0_" + LSTMParamInitializer.BIAS_KEY);
        int n = (int) sequences.size(0);
        int steps = (int) sequences.size(2);
        int h = (int) rw.size(0);
        // All input products in one: [T * n, n_in] x [n_in, 4H].
        INDArray inputs = sequences.permute(2, 0, 1).dup('c').reshape((long) steps * n, sequences.size(1));
        INDArray preActivations = inputs.mmul(w).addiRowVector(b).reshape(steps, n, 4L * h);
        INDArray gates = Nd4j.create(sequences.dataType(), steps, n, 3L * h);
        INDArray hidden = Nd4j.create(sequences.dataType(), steps, n, h);
        INDArray hPrevious = Nd4j.zeros(sequences.dataType(), n, h);
        INDArray cell = Nd4j.zeros(sequences.dataType(), n, h);
        for (int t = 0; t < steps; t++) {
            INDArray a = preActivations.get(NDArrayIndex.point(t), NDArrayIndex.all(), NDArrayIndex.all()).add(hPrevious.mmul(rw));
            INDArray blockInput = Transforms.tanh(a.get(NDArrayIndex.all(), NDArrayIndex.interval(0, h)), true);
            INDArray sigmoids = Transforms.sigmoid(a.get(NDArrayIndex.all(), NDArrayIndex.interval(h, 4L * h)), true);
            gates.get(NDArrayIndex.point(t), NDArrayIndex.all(), NDArrayIndex.all()).assign(sigmoids);
            INDArray forget = sigmoids.get(NDArrayIndex.all(), NDArrayIndex.interval(0, h));
            INDArray output = sigmoids.get(NDArrayIndex.all(), NDArrayIndex.interval(h, 2L * h));
            INDArray input = sigmoids.get(NDArrayIndex.all(), NDArrayIndex.interval(2L * h, 3L * h));
            cell = cell.mul(forget).addi(input.mul(blockInput));
            hPrevious = Transforms.tanh(cell, true).muli(output);
            hidden.get(NDArrayIndex.point(t), NDArrayIndex.all(), NDArrayIndex.all()).assign(hPrevious);
        }
        return new Trace(block(gates, Gate.INPUT, h), block(gates, Gate.FORGET, h), block(gates, Gate.OUTPUT, h), hidden);
    }

    /** A gate's columns in the [T, n, 3H] array of sigmoid blocks 1-3. */
    private static INDArray block(INDArray gates, Gate gate, int h) {
        long from = (long) (gate.block - 1) * h;
        return gates.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(from, from + h));
    }

    /**
     * A row of the table {@code gates}: one gate read at one update, over every probe digit, time step
     * and unit: its mean and the shares of its values below {@value #NEAR_SHUT} and above {@value #NEAR_OPEN}.
     */
    public record GateReading(int step, Gate gate, double mean, @CsvColumn("fraction_below_0_1") double fractionNearShut,
                              @CsvColumn("fraction_above_0_9") double fractionNearOpen) {
    }

    /** A row of the table {@code gates-accuracy}: the accuracy on the probe digits at one update. */
    public record ProbeAccuracy(int step, double probeAccuracy) {
    }

    /** The table {@code lstm}, one row: the run's seed and updates, its held-out accuracy at the end and {@link #rebuildError}. */
    public record LstmRun(long seed, int updates, double heldoutAccuracy, double largestRebuildError) {
    }

    /**
     * One training run: the gate statistics, the accuracy on the probe digits whenever the gates are
     * read, the accuracy on all held-out digits at the end, and how far the rebuilt h_t strays from
     * the layer's own at the end ({@link #rebuildError}).
     */
    public record Result(List<GateReading> gates, List<ProbeAccuracy> accuracy, double heldOutAccuracy, double rebuildError) {
    }

    /**
     * Trains the network with one seed for {@code budget.updates()} minibatch updates and reads the
     * gates on the first {@code probeDigits} held-out digits at update 0 and every {@code recordEvery}
     * updates; the statistics run over every probe digit, time step and unit.
     */
    public static Result run(long seed, Budget budget, Data data) {
        MultiLayerNetwork net = network(seed);
        DataSet probe = new DataSet(
                data.test().getFeatures().get(NDArrayIndex.interval(0, budget.probeDigits()), NDArrayIndex.all(), NDArrayIndex.all()),
                data.test().getLabels().get(NDArrayIndex.interval(0, budget.probeDigits()), NDArrayIndex.all()));
        List<GateReading> gates = new ArrayList<>();
        List<ProbeAccuracy> accuracy = new ArrayList<>();
        Minibatches batches = new Minibatches(data.train(), BATCH_SIZE, seed);
        for (int step = 0; step <= budget.updates(); step++) {
            if (step % budget.recordEvery() == 0 || step == budget.updates()) {
                gates.addAll(read(step, trace(net, probe.getFeatures())));
                accuracy.add(new ProbeAccuracy(step, Accuracy.of(net, probe)));
            }
            if (step < budget.updates()) {
                net.fit(batches.next());
            }
        }
        return new Result(gates, accuracy, Accuracy.of(net, data.test()), rebuildError(net, probe.getFeatures()));
    }

    private static List<GateReading> read(int step, Trace trace) {
        List<GateReading> readings = new ArrayList<>();
        for (Gate gate : List.of(Gate.INPUT, Gate.FORGET, Gate.OUTPUT)) {
            INDArray values = trace.gate(gate).castTo(DataType.DOUBLE);
            double n = values.length();
            readings.add(new GateReading(step, gate, values.meanNumber().doubleValue(),
                    values.lt(NEAR_SHUT).castTo(DataType.FLOAT).sumNumber().doubleValue() / n,
                    values.gt(NEAR_OPEN).castTo(DataType.FLOAT).sumNumber().doubleValue() / n));
        }
        return readings;
    }

    /**
     * The check of the gate arithmetic: the largest difference, over every sequence, time step and
     * unit, between h_t rebuilt by {@link #trace} and the LSTM layer's own output.
     */
    public static double rebuildError(MultiLayerNetwork net, INDArray sequences) {
        Layer lstm = ((LastTimeStepLayer) net.getLayer(0)).getUnderlying();
        INDArray own = lstm.activate(sequences, false, LayerWorkspaceMgr.noWorkspaces()).permute(2, 0, 1); // [T, n, H]
        return Transforms.abs(own.sub(trace(net, sequences).hidden()), false).maxNumber().doubleValue();
    }
}
