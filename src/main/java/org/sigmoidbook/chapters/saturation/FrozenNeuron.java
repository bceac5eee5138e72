package org.sigmoidbook.chapters.saturation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

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
 * neuron creeps until it leaves the flat region; with cross-entropy the factor cancels at once. Each
 * seed draws its own initial weights and order of minibatches, shared by its three neurons.
 */
final class FrozenNeuron {

    static final double LEARNING_RATE = 0.5;
    static final int BATCH = 10;
    static final double SATURATING_BIAS = 10.0;
    /** A neuron "has learned" 0 vs 1 once its mean squared error on all those digits is below this. */
    static final double LEARNED_ERROR = 0.05;
    /** The findings compare how far each neuron moved in this many steps. */
    static final int EARLY = 100;

    record Neuron(String name, LossFunction loss, double bias) {
    }

    static final List<Neuron> NEURONS = List.of(
            new Neuron("unsaturated (b = 0), squared error", LossFunction.MSE, 0.0),
            new Neuron("saturated (b = " + (int) SATURATING_BIAS + "), squared error", LossFunction.MSE, SATURATING_BIAS),
            new Neuron("saturated (b = " + (int) SATURATING_BIAS + "), cross-entropy", LossFunction.XENT, SATURATING_BIAS));

    /** A row of frozen-neuron.csv: one neuron of one seed after one SGD step. */
    record Step(String neuron, long seed, int step, double weightDistanceMoved, double weightGradNorm, double meanSigmaPrime,
                double squaredError) {
    }

    /** One neuron's run from one seed: the recorded rows and the first step at which it had learned (-1 if never). */
    record Run(Neuron neuron, long seed, List<Step> rows, int learnedAt) {
    }

    private record Draw(Neuron neuron, long seed) {
    }

    /** What a recorded step measured before the gradients are read from the recorder. */
    private record Measured(int step, double moved, double meanSigmaPrime, double squaredError) {
    }

    private FrozenNeuron() {
    }

    /** Every neuron from each of {@code seeds} seeds (lab.seed(), lab.seed() + 1, ...), seed by seed. */
    static List<Run> measure(Lab lab, Mnist.Split mnist, int seeds) throws Exception {
        int steps = lab.size(120, 1000);
        DataSet digits = mnist.train().onlyClasses(0, 1).binary(1, DataType.FLOAT);
        List<Draw> draws = new ArrayList<>();
        for (long s = 0; s < seeds; s++) {
            for (Neuron neuron : NEURONS) {
                draws.add(new Draw(neuron, lab.seed() + s));
            }
        }
        return lab.parallel(draws, draw -> train(draw.neuron(), digits, steps, draw.seed()));
    }

    /** Steps 1 to 10, every 5th to {@link #EARLY}, then every 25th, and the last: enough for a log step axis. */
    static boolean recorded(int step, int steps) {
        return step <= 10 || (step <= EARLY && step % 5 == 0) || step % 25 == 0 || step == steps;
    }

    /**
     * Trains one neuron; the three neurons of a seed cut the same minibatches. The squared error on all
     * the digits is what costs (one pass over them), so it is computed at every step only until the
     * neuron has learned, and then at recorded steps.
     */
    private static Run train(Neuron neuron, DataSet digits, int steps, long seed) {
        MultiLayerNetwork net = Networks.mlp(Digits.PIXELS).output(1, Activation.SIGMOID, neuron.loss())
                .sgd(LEARNING_RATE).seed(seed).build();
        net.getParam("0_b").assign(neuron.bias());
        INDArray start = net.getParam("0_W").dup();
        GradientRecorder recorder = new GradientRecorder();
        net.setListeners(recorder);
        Minibatches batches = new Minibatches(digits, BATCH, seed);
        List<Measured> measured = new ArrayList<>();
        int learned = -1;
        for (int s = 1; s <= steps; s++) {
            net.fit(batches.next());
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
        List<Step> rows = measured.stream().map(m -> new Step(neuron.name(), seed, m.step(), m.moved(), gradients[m.step() - 1],
                m.meanSigmaPrime(), m.squaredError())).toList();
        return new Run(neuron, seed, rows, learned);
    }

    /** The rows of {@code neuron} from {@code seed}, in step order. */
    static List<Step> rows(List<Step> table, Neuron neuron, long seed) {
        return table.stream().filter(row -> row.neuron().equals(neuron.name()) && row.seed() == seed).toList();
    }

    /** The seeds of the runs, ascending. */
    static long[] seeds(List<Step> table) {
        return table.stream().mapToLong(Step::seed).distinct().sorted().toArray();
    }

    /** Per neuron over the seeds: the distance moved in the first {@link #EARLY} steps, and the steps until it learned. */
    static void record(Lab lab, List<Run> runs) {
        lab.table("frozen-neuron", runs.stream().flatMap(run -> run.rows().stream()).toList());
        int steps = runs.get(0).rows().get(runs.get(0).rows().size() - 1).step();
        for (Neuron neuron : NEURONS) {
            List<Run> ofNeuron = runs.stream().filter(run -> run.neuron().equals(neuron)).toList();
            lab.overSeeds(neuron.name() + ": distance moved in the first " + EARLY + " steps", ofNeuron.stream()
                    .mapToDouble(run -> run.rows().stream().filter(row -> row.step() == EARLY).findFirst().orElseThrow().weightDistanceMoved())
                    .toArray());
            String label = neuron.name() + ": steps until the squared error on all 0/1 digits is below " + LEARNED_ERROR;
            int[] learnedAt = ofNeuron.stream().mapToInt(Run::learnedAt).toArray();
            if (Arrays.stream(learnedAt).allMatch(step -> step > 0) && Arrays.stream(learnedAt).distinct().count() > 1) {
                lab.medianOverSeeds(label, Arrays.stream(learnedAt).asDoubleStream().toArray());
            } else {
                lab.finding(label, stepsText(learnedAt, steps));
            }
        }
    }

    /**
     * Steps to learn that an interval cannot summarise: the same in every seed, or not reached in some
     * seeds within the run ("-1"): "2 in each of the 5 seeds", "not within the 120 steps run in any of the 2 seeds".
     */
    static String stepsText(int[] learnedAt, int steps) {
        long learned = Arrays.stream(learnedAt).filter(step -> step > 0).count();
        if (learned == 0) {
            return "not within the " + steps + " steps run in any of the " + learnedAt.length + " seeds";
        }
        if (learned == learnedAt.length) {
            return learnedAt[0] + " in each of the " + learnedAt.length + " seeds";
        }
        return "within the " + steps + " steps run in " + learned + " of the " + learnedAt.length + " seeds, at steps "
                + Arrays.stream(learnedAt).filter(step -> step > 0).sorted().mapToObj(Integer::toString).collect(Collectors.joining(", "));
    }
}
