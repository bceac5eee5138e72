package org.sigmoidbook.chapters.today;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

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
import org.sigmoidbook.toolkit.nn.Minibatches;

/**
 * The sigmoid as a gate. A DL4J LSTM reads the sequences of the {@link RecallTask} and a linear
 * output reads the marked value from its last step, trained on the squared error. Its three gates are
 * sigmoids that multiply a signal by a number between 0 (shut) and 1 (open): the input gate scales
 * what is written into the cell, the forget gate what the cell keeps, the output gate what it shows.
 * Two initialisations are compared: DL4J's, whose forget bias of 1 starts every forget gate near
 * sigma(1), and the chrono initialisation of Tallec and Ollivier (2018), which starts them near 1.
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

    public static final int HIDDEN = 8;
    public static final int BATCH_SIZE = 32;
    public static final double LEARNING_RATE = 0.01;
    public static final double NEAR_SHUT = 0.1;
    public static final double NEAR_OPEN = 0.9;
    /** DL4J's default initial bias of the forget gate (AbstractLSTM.Builder's forgetGateBiasInit). */
    public static final double DL4J_FORGET_BIAS = 1;
    /** A run has learnt the recall task when its relative error is below this: it explains 90% of the target's variance. */
    public static final double LEARNT_BELOW = 0.1;

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

        /** The first column of this gate's block in DL4J's [.., 4H] parameters. */
        long firstColumn(int hidden) {
            return (long) block * hidden;
        }
    }

    /** How the gates' biases start. */
    public enum Init {
        /** DL4J's: forget bias 1, the other biases 0. */
        DL4J("dl4j-default"),
        /**
         * Tallec and Ollivier's chrono initialisation: forget bias log u with u uniform on [1, T - 1],
         * input-gate bias its negative, for dependencies up to T steps long; here T is the sequence length.
         */
        CHRONO("chrono");

        private final String id;

        Init(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /**
     * The length of the sequences, the minibatch updates, how often the gates are read and on how
     * many held-out sequences, and how many held-out sequences score the end.
     */
    public record Budget(int steps, int updates, int recordEvery, int probeSequences, int heldoutSequences) {
        /** One pass: every training sequence is seen once. */
        public int trainingSequences() {
            return updates * BATCH_SIZE;
        }
    }

    private LstmGates() {
    }

    /** LSTM(2 -> {@value #HIDDEN}, tanh, sigmoid gates), its last step into one linear output; Adam; gate biases as {@code init} says. */
    public static MultiLayerNetwork network(Init init, int steps, long seed) {
        LSTM lstm = new LSTM.Builder().nIn(RecallTask.INPUTS).nOut(HIDDEN).activation(Activation.TANH)
                .gateActivationFunction(Activation.SIGMOID).build();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).updater(new Adam(LEARNING_RATE)).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new LastTimeStep(lstm))
                .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(HIDDEN).nOut(1).activation(Activation.IDENTITY).build())
                .build());
        net.init();
        if (init == Init.CHRONO) {
            INDArray bias = net.getParam("0_" + LSTMParamInitializer.BIAS_KEY);
            SplittableRandom random = new SplittableRandom(seed);
            for (int unit = 0; unit < HIDDEN; unit++) {
                double forget = Math.log(1 + random.nextDouble() * (steps - 2));
                bias.putScalar(Gate.FORGET.firstColumn(HIDDEN) + unit, forget);
                bias.putScalar(Gate.INPUT.firstColumn(HIDDEN) + unit, -forget);
            }
            net.setParam("0_" + LSTMParamInitializer.BIAS_KEY, bias);
        }
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

    /** Recomputes the LSTM layer of {@code net} on {@code sequences} [n, n_in, T] from its parameters. */
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
        long from = gate.firstColumn(h) - h;
        return gates.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(from, from + h));
    }

    /**
     * A row of the table {@code gates}: one gate of one run read at one update, over every probe
     * sequence, time step and unit: its mean and the shares of its values below {@value #NEAR_SHUT}
     * and above {@value #NEAR_OPEN}.
     */
    public record GateReading(Init init, long seed, int step, Gate gate, double mean,
                              @CsvColumn("fraction_below_0_1") double fractionNearShut,
                              @CsvColumn("fraction_above_0_9") double fractionNearOpen) {
    }

    /** A row of the table {@code recall-error}: one run's {@link RecallTask#relativeError} on the probe sequences at one update. */
    public record ProbeError(Init init, long seed, int step, double relativeError) {
    }

    /**
     * A row of the table {@code lstm}: one run's relative error on every held-out sequence at the end,
     * and {@link #rebuildError} on the probe sequences.
     */
    public record LstmRun(Init init, long seed, int updates, double heldoutRelativeError, double largestRebuildError) {
    }

    /** One training run: the gate statistics and the probe error whenever the gates are read, and its row of {@code lstm}. */
    public record Result(List<GateReading> gates, List<ProbeError> errors, LstmRun run) {
    }

    /**
     * Trains the network with one seed for {@code budget.updates()} minibatch updates, one pass over
     * the training sequences, and reads the gates on the first {@code probeSequences} held-out
     * sequences at update 0 and every {@code recordEvery} updates; the statistics run over every
     * probe sequence, time step and unit.
     */
    public static Result run(Init init, long seed, Budget budget, RecallTask.Data data) {
        MultiLayerNetwork net = network(init, data.steps(), seed);
        DataSet probe = new DataSet(
                data.test().getFeatures().get(NDArrayIndex.interval(0, budget.probeSequences()), NDArrayIndex.all(), NDArrayIndex.all()),
                data.test().getLabels().get(NDArrayIndex.interval(0, budget.probeSequences()), NDArrayIndex.all()));
        List<GateReading> gates = new ArrayList<>();
        List<ProbeError> errors = new ArrayList<>();
        Minibatches batches = new Minibatches(data.train(), BATCH_SIZE, seed);
        for (int step = 0; step <= budget.updates(); step++) {
            if (step % budget.recordEvery() == 0 || step == budget.updates()) {
                gates.addAll(read(init, seed, step, trace(net, probe.getFeatures())));
                errors.add(new ProbeError(init, seed, step, RecallTask.relativeError(net, probe)));
            }
            if (step < budget.updates()) {
                net.fit(batches.next());
            }
        }
        LstmRun run = new LstmRun(init, seed, budget.updates(), RecallTask.relativeError(net, data.test()),
                rebuildError(net, probe.getFeatures()));
        return new Result(gates, errors, run);
    }

    private static List<GateReading> read(Init init, long seed, int step, Trace trace) {
        List<GateReading> readings = new ArrayList<>();
        for (Gate gate : Gate.values()) {
            INDArray values = trace.gate(gate).castTo(DataType.DOUBLE);
            double n = values.length();
            readings.add(new GateReading(init, seed, step, gate, values.meanNumber().doubleValue(),
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
