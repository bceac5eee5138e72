package org.sigmoidbook.chapters.saturation;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.GradientRecorder;
import org.sigmoidbook.toolkit.nn.Minibatches;
import org.sigmoidbook.toolkit.nn.Networks;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/**
 * Single sigmoid neurons on "is it a 1?" (digits 0 and 1), same data, same initial weights, same
 * learning rate. One starts at z = 0; the others start with a bias that puts every digit at z of
 * about +10, where sigma' is about 5e-5. With squared error the gradient carries that factor and the
 * neuron creeps until it leaves the flat region; with cross-entropy the factor cancels at once.
 */
final class FrozenNeuron {

    static final double LEARNING_RATE = 0.5;
    static final int BATCH = 10;
    static final double SATURATING_BIAS = 10.0;
    /** A neuron "has learned" 0 vs 1 once its mean squared error on all those digits is below this. */
    static final double LEARNED_ERROR = 0.05;
    /** The findings compare how far each neuron moved in this many steps. */
    static final int EARLY = 100;
    /** Every step is recorded up to {@link #EARLY}, then every this many steps, and the step a neuron learned at. */
    static final int RECORD_EVERY = 10;

    record Neuron(String name, LossFunction loss, double bias) {
    }

    static final List<Neuron> NEURONS = List.of(
            new Neuron("unsaturated (b = 0), squared error", LossFunction.MSE, 0.0),
            new Neuron("saturated (b = " + (int) SATURATING_BIAS + "), squared error", LossFunction.MSE, SATURATING_BIAS),
            new Neuron("saturated (b = " + (int) SATURATING_BIAS + "), cross-entropy", LossFunction.XENT, SATURATING_BIAS));

    /** A row of frozen-neuron.csv: one neuron after one SGD step. */
    record Step(String neuron, int step, double weightDistanceMoved, double weightGradNorm, double meanSigmaPrime, double squaredError) {
    }

    /** One neuron's run: the recorded rows and the first step at which it had learned (-1 if never). */
    record Run(Neuron neuron, List<Step> rows, int learnedAt) {
    }

    /** What a recorded step measured before the gradients are read from the recorder. */
    private record Measured(int step, double moved, double meanSigmaPrime, double squaredError) {
    }

    private FrozenNeuron() {
    }

    static List<Run> measure(Lab lab, Mnist.Split mnist) throws Exception {
        int steps = lab.size(120, 1000);
        DataSet digits = mnist.train().onlyClasses(0, 1).binary(1, DataType.FLOAT);
        // every neuron sees the same minibatches: cut them once, read-only from here on
        Minibatches minibatches = new Minibatches(digits, BATCH, lab.seed());
        List<DataSet> batches = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            batches.add(minibatches.next());
        }
        return lab.parallel(NEURONS, neuron -> train(neuron, digits, batches, lab.seed()));
    }

    static boolean recorded(int step, int steps) {
        return step <= EARLY || step % RECORD_EVERY == 0 || step == steps;
    }

    /**
     * Trains one neuron. The squared error on all the digits is what costs (one pass over them), so
     * it is computed at every step only until the neuron has learned, and then at recorded steps.
     */
    private static Run train(Neuron neuron, DataSet digits, List<DataSet> batches, long seed) {
        MultiLayerNetwork net = Networks.mlp(Digits.PIXELS).output(1, Activation.SIGMOID, neuron.loss())
                .sgd(LEARNING_RATE).seed(seed).build();
        net.getParam("0_b").assign(neuron.bias());
        INDArray start = net.getParam("0_W").dup();
        GradientRecorder recorder = new GradientRecorder();
        net.setListeners(recorder);
        List<Measured> measured = new ArrayList<>();
        int steps = batches.size();
        int learned = -1;
        for (int s = 1; s <= steps; s++) {
            net.fit(batches.get(s - 1));
            if (learned > 0 && !recorded(s, steps)) {
                continue;
            }
            INDArray output = net.output(digits.getFeatures());
            double error = output.squaredDistance(digits.getLabels()) / digits.numExamples();
            if (learned < 0 && error < LEARNED_ERROR) {
                learned = s;
            }
            if (learned == s || recorded(s, steps)) {
                measured.add(new Measured(s, net.getParam("0_W").distance2(start),
                        Sigmoid.derivativeFromOutput(output).meanNumber().doubleValue(), error));
            }
        }
        double[] gradients = recorder.updates().stream().mapToDouble(GradientRecorder.Update::weightGradNorm).toArray();
        List<Step> rows = measured.stream().map(m -> new Step(neuron.name(), m.step(), m.moved(), gradients[m.step() - 1],
                m.meanSigmaPrime(), m.squaredError())).toList();
        return new Run(neuron, rows, learned);
    }

    /** The rows of {@code neuron}, in step order. */
    static List<Step> rows(List<Step> table, Neuron neuron) {
        return table.stream().filter(row -> row.neuron().equals(neuron.name())).toList();
    }

    static void record(Lab lab, List<Run> runs) {
        List<Step> table = new ArrayList<>();
        for (Run run : runs) {
            List<Step> rows = run.rows();
            table.addAll(rows);
            double moved = rows.stream().filter(row -> row.step() == EARLY).findFirst().orElseThrow().weightDistanceMoved();
            lab.finding(run.neuron().name() + ": distance moved in the first " + EARLY + " steps", moved, "%.3g");
            String label = run.neuron().name() + ": steps until the squared error on all 0/1 digits is below " + LEARNED_ERROR;
            if (run.learnedAt() > 0) {
                lab.finding(label, run.learnedAt(), "%.0f");
            } else {
                lab.finding(label, "not within the " + rows.get(rows.size() - 1).step() + " steps run");
            }
        }
        lab.table("frozen-neuron", table);
    }
}
