package org.sigmoidbook.chapters.crossentropy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.Accuracy;
import org.sigmoidbook.toolkit.nn.HiddenUnit;
import org.sigmoidbook.toolkit.nn.Minibatches;
import org.sigmoidbook.toolkit.nn.Networks;
import org.sigmoidbook.toolkit.numerics.Stats;

/**
 * A network whose output unit starts confidently wrong, trained back with each {@link OutputLoss}.
 * The task is "is this digit a 9 or a 4?" on the book's MNIST digits (as in chapters 1 and 7); the
 * network has one hidden layer of sigmoid units. At the start the output weights are 0 and the output
 * bias is {@code startLogit}, so that every digit gets the logit z = startLogit: the 9s are confidently
 * right, the 4s confidently wrong, and the held-out accuracy is the share of 9s. All runs of one seed
 * start from the same parameters and see the same minibatches; only the output activation and the loss
 * differ. Everything is in FLOAT, DL4J's default.
 */
public final class Recovery {

    public static final int HIDDEN_UNITS = 30;
    public static final int BATCH_SIZE = 32;
    /** Nielsen's learning rate for his [784, 30, 10] network with the cross-entropy cost (Neural Networks and Deep Learning, ch. 3). */
    public static final double LEARNING_RATE = 0.5;
    /** The held-out accuracy at which a run counts as recovered. */
    public static final double RECOVERED_ACCURACY = 0.9;
    /**
     * The confidently wrong starts: z = 15, where DL4J's XENT gradient is small but not 0 in FLOAT, and
     * z = 20, beyond 24 ln 2, where sigma(z) is 1 in FLOAT.
     */
    public static final double[] START_LOGITS = {15, 20};

    /**
     * How many training digits (of the 4s and 9s) at most, how many SGD steps at most, how often to
     * measure, and how many seeds the spread is taken over (the chapter's seed and those after it).
     */
    public record Setup(int trainingDigits, int steps, int evaluateEvery, int seeds) {
        /** The chapter's setup; a quick run has fewer digits, measures less often and trains the chapter's seed alone. */
        public static Setup of(Lab lab) {
            return new Setup(lab.size(400, Integer.MAX_VALUE), 60, lab.size(4, 2), lab.size(1, 5));
        }
    }

    /**
     * One measurement of a run: the loss it trains with, the SGD step (0 is the start, before any
     * update), the mean binary cross-entropy on the training digits and the held-out accuracy.
     */
    public record Measurement(OutputLoss loss, int step, double trainLoss, double heldoutAccuracy) {
    }

    /**
     * One seed's run from one start with one loss: the first measured step with held-out accuracy at
     * least {@link #RECOVERED_ACCURACY}, null when the run has not recovered.
     */
    public record Run(double startLogit, OutputLoss loss, long seed, Integer stepsToRecover) {
    }

    /**
     * The runs of one start and loss over the seeds: how many there were, how many recovered, and the
     * median, fewest and most steps to recover of those that did (null if none did).
     */
    public record Summary(double startLogit, OutputLoss loss, int runs, int recovered, Double medianSteps, Integer minSteps,
                          Integer maxSteps) {
    }

    /** The 4s and 9s to train on (label 1 for a 9) and the held-out 4s and 9s, in FLOAT. */
    public record Task(DataSet train, DataSet heldOut) {
        public static Task of(Mnist.Split mnist, Setup setup) {
            Digits trainDigits = mnist.train().onlyClasses(Digits.NEGATIVE_DIGIT, Digits.POSITIVE_DIGIT);
            trainDigits = trainDigits.first(Math.min(setup.trainingDigits(), trainDigits.size()));
            return new Task(trainDigits.binary(Digits.POSITIVE_DIGIT, DataType.FLOAT),
                    mnist.test().onlyClasses(Digits.NEGATIVE_DIGIT, Digits.POSITIVE_DIGIT).binary(Digits.POSITIVE_DIGIT, DataType.FLOAT));
        }
    }

    /** Called at step 0 and after every {@code evaluateEvery} steps; returns true to end the run there. */
    private interface Observer {
        boolean observe(int step, MultiLayerNetwork net);
    }

    private Recovery() {
    }

    /**
     * The training curves of one seed, every loss. The training loss is the mean binary cross-entropy
     * for every loss (the quadratic cost's run included), computed in double from the logits, so that
     * the three curves are comparable and none is capped.
     */
    public static List<Measurement> curves(Task task, Setup setup, double startLogit, long seed) {
        List<Measurement> curves = new ArrayList<>();
        INDArray start = startingParameters(seed, startLogit);
        SharedBatches batches = new SharedBatches(task, seed);
        double[] trainLabels = task.train().getLabels().data().asDouble();
        double[] heldOutLabels = task.heldOut().getLabels().data().asDouble();
        for (OutputLoss loss : OutputLoss.values()) {
            train(loss, start, batches, setup, (step, net) -> {
                curves.add(new Measurement(loss, step, crossEntropy(logits(net, task.train().getFeatures()), trainLabels),
                        Accuracy.ofLogits(logits(net, task.heldOut().getFeatures()), heldOutLabels)));
                return false;
            });
        }
        return curves;
    }

    /**
     * Steps to recover for one seed and start, every loss, each run ending once it has recovered or
     * after {@code setup.steps()} steps; only the held-out digits are evaluated.
     */
    public static List<Run> stepsToRecover(Task task, Setup setup, double startLogit, long seed) {
        List<Run> runs = new ArrayList<>();
        double[] heldOutLabels = task.heldOut().getLabels().data().asDouble();
        INDArray start = startingParameters(seed, startLogit);
        SharedBatches batches = new SharedBatches(task, seed);
        for (OutputLoss loss : OutputLoss.values()) {
            Integer[] recoveredAt = {null};
            train(loss, start, batches, setup, (step, net) -> {
                if (Accuracy.ofLogits(logits(net, task.heldOut().getFeatures()), heldOutLabels) >= RECOVERED_ACCURACY) {
                    recoveredAt[0] = step;
                }
                return recoveredAt[0] != null;
            });
            runs.add(new Run(startLogit, loss, seed, recoveredAt[0]));
        }
        return runs;
    }

    /** The same runs read from a seed's {@link #curves}: per loss, the first measurement at the recovered accuracy. */
    public static List<Run> stepsToRecover(List<Measurement> curves, double startLogit, long seed) {
        List<Run> runs = new ArrayList<>();
        for (OutputLoss loss : lossesIn(curves.stream().map(Measurement::loss).toList())) {
            Integer recovered = curves.stream().filter(m -> m.loss() == loss && m.heldoutAccuracy() >= RECOVERED_ACCURACY)
                    .map(Measurement::step).min(Integer::compare).orElse(null);
            runs.add(new Run(startLogit, loss, seed, recovered));
        }
        return runs;
    }

    /** Per start (in the order of the runs) and loss, the spread of the runs over the seeds. */
    public static List<Summary> summary(List<Run> spread) {
        List<Summary> summary = new ArrayList<>();
        for (double start : spread.stream().mapToDouble(Run::startLogit).distinct().toArray()) {
            List<Run> fromStart = spread.stream().filter(run -> run.startLogit() == start).toList();
            for (OutputLoss loss : lossesIn(fromStart.stream().map(Run::loss).toList())) {
                List<Run> runs = fromStart.stream().filter(run -> run.loss() == loss).toList();
                double[] recovered = runs.stream().map(Run::stepsToRecover).filter(Objects::nonNull).mapToDouble(steps -> steps).sorted().toArray();
                summary.add(recovered.length == 0
                        ? new Summary(start, loss, runs.size(), 0, null, null, null)
                        : new Summary(start, loss, runs.size(), recovered.length, Stats.median(recovered), (int) recovered[0],
                                (int) recovered[recovered.length - 1]));
            }
        }
        return summary;
    }

    /** The losses among {@code present}, in {@link OutputLoss} order. */
    private static List<OutputLoss> lossesIn(List<OutputLoss> present) {
        return Arrays.stream(OutputLoss.values()).filter(present::contains).toList();
    }

    /**
     * The confidently wrong start, the same for every loss: the seed's hidden layer, output weights 0
     * and output bias {@code startLogit}, so that every digit's logit is {@code startLogit}.
     */
    public static INDArray startingParameters(long seed, double startLogit) {
        MultiLayerNetwork net = network(OutputLoss.FUSED, seed);
        net.getParam("1_W").assign(0.0);
        net.getParam("1_b").assign(startLogit);
        return net.params().dup();
    }

    /** 784 inputs, {@link #HIDDEN_UNITS} sigmoid units, one output unit with the given loss; SGD. */
    public static MultiLayerNetwork network(OutputLoss loss, long seed) {
        return Networks.mlp(Digits.PIXELS).hidden(HIDDEN_UNITS).activation(HiddenUnit.SIGMOID.activation())
                .output(1, loss.activation(), loss.loss()).sgd(LEARNING_RATE).seed(seed).build();
    }

    /** The output unit's pre-activation z for every row of {@code features}, whatever the output activation. */
    public static double[] logits(MultiLayerNetwork net, INDArray features) {
        INDArray hidden = net.feedForwardToLayer(0, features, false).get(1);
        return hidden.mmul(net.getParam("1_W")).addiRowVector(net.getParam("1_b")).data().asDouble();
    }

    /** Mean binary cross-entropy from the logits, computed stably in double: max(z, 0) - z y + log(1 + e^-|z|). */
    public static double crossEntropy(double[] z, double[] labels) {
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            sum += Math.max(z[i], 0) - z[i] * labels[i] + Math.log1p(Math.exp(-Math.abs(z[i])));
        }
        return sum / z.length;
    }

    /**
     * The minibatches of one seed, shared by the runs of every loss: cut when a run first needs them,
     * so that runs that end early cost no more batches than they use.
     */
    private static final class SharedBatches {
        private final Minibatches order;
        private final List<DataSet> cut = new ArrayList<>();

        SharedBatches(Task task, long seed) {
            order = new Minibatches(task.train(), BATCH_SIZE, seed);
        }

        /** The batch of step {@code step} (1, 2, ...). */
        DataSet forStep(int step) {
            while (cut.size() < step) {
                cut.add(order.next());
            }
            return cut.get(step - 1);
        }
    }

    /** Trains a network with {@code loss} from {@code start}, one step per minibatch. */
    private static void train(OutputLoss loss, INDArray start, SharedBatches batches, Setup setup, Observer observer) {
        // The seed only initialises parameters, and setParams replaces them all.
        MultiLayerNetwork net = network(loss, 0);
        net.setParams(start);
        if (observer.observe(0, net)) {
            return;
        }
        for (int step = 1; step <= setup.steps(); step++) {
            net.fit(batches.forStep(step));
            if (step % setup.evaluateEvery() == 0 && observer.observe(step, net)) {
                return;
            }
        }
    }
}
