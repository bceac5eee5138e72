package org.sigmoidbook.chapters.probability;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.nn.BinaryCrossEntropyWithLogits;
import org.sigmoidbook.toolkit.nn.HiddenUnit;
import org.sigmoidbook.toolkit.nn.Minibatches;
import org.sigmoidbook.toolkit.nn.Networks;

/**
 * One training run of the rare-digit network: {@value #HIDDEN} ReLU hidden units (He's initial
 * weights), one output unit whose value is the logit z, the book's fused cross-entropy from the
 * logit, Adam. Trained well past the point where the held-out cross-entropy is smallest, so that
 * its outputs grow more confident than its accuracy warrants. Returns the logits it gives the
 * validation and held-out digits.
 */
final class DigitTraining {

    static final int HIDDEN = 32;
    static final HiddenUnit UNIT = HiddenUnit.RELU;
    static final int BATCH_SIZE = 200;
    static final double LEARNING_RATE = 0.01;
    /** The first this many training digits are the probe whose logits are read after every epoch. */
    static final int PROBE_DIGITS = 500;

    /** How much data and training a run gets. */
    record Budget(int trainingDigits, int validationDigits, int epochs, int seeds) {
    }

    /**
     * What a run returns: the logits of the validation and held-out digits at the end, and the mean
     * |z| over the probe digits before training (index 0) and after each epoch, for the runs that
     * compare targets (empty for the others).
     */
    record Run(Training training, long seed, double[] validationLogits, double[] heldoutLogits, double[] probeMeanAbsLogit) {
    }

    private DigitTraining() {
    }

    /** The positive-class weight: the other digits per 9 among the training digits. */
    static double positiveWeight(RareDigit data) {
        int positives = data.trainingPositives();
        return (data.trainingDigits() - positives) / (double) positives;
    }

    static MultiLayerNetwork network(Training training, long seed, double positiveWeight) {
        ILossFunction loss = training == Training.POSITIVE_WEIGHT ? new PositiveWeightedCrossEntropy(positiveWeight)
                : new BinaryCrossEntropyWithLogits();
        return Networks.mlp(Digits.PIXELS).hidden(HIDDEN).activation(UNIT.activation()).weights(WeightInit.RELU.getWeightInitFunction())
                .output(1, Activation.IDENTITY, loss).updater(new Adam(LEARNING_RATE)).seed(seed).build();
    }

    static Run run(Training training, long seed, int epochs, RareDigit data) {
        MultiLayerNetwork net = network(training, seed, positiveWeight(data));
        DataSet train = data.train();
        if (training.epsilon() > 0) {
            INDArray smoothed = train.getLabels().mul(1 - training.epsilon()).addi(training.epsilon() / 2);
            train = new DataSet(train.getFeatures(), smoothed);
        }
        INDArray probe = train.getFeatures().get(NDArrayIndex.interval(0, Math.min(PROBE_DIGITS, data.trainingDigits())), NDArrayIndex.all());
        double[] probeMeanAbsLogit = new double[training.comparesTargets() ? epochs + 1 : 0];
        if (training.comparesTargets()) {
            probeMeanAbsLogit[0] = meanAbs(net, probe);
        }
        Minibatches minibatches = Minibatches.inPlace(train, BATCH_SIZE, seed);
        Balanced balanced = training == Training.RESAMPLED ? new Balanced(train, seed) : null;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            for (DataSet batch : balanced == null ? minibatches.epoch() : balanced.epoch()) {
                net.fit(batch.getFeatures(), batch.getLabels());
            }
            if (training.comparesTargets()) {
                probeMeanAbsLogit[epoch] = meanAbs(net, probe);
            }
        }
        return new Run(training, seed, net.output(data.validationFeatures(), false).toDoubleVector(),
                net.output(data.heldoutFeatures(), false).toDoubleVector(), probeMeanAbsLogit);
    }

    private static double meanAbs(MultiLayerNetwork net, INDArray features) {
        return net.output(features, false).ameanNumber().doubleValue();
    }

    /**
     * Balanced resampling: every epoch draws as many digits as the training set holds, half from
     * the 9s and half from the others, each with replacement, in a random order.
     */
    static final class Balanced {
        private final DataSet data;
        private final int[] positives;
        private final int[] negatives;
        private final SplittableRandom random;

        Balanced(DataSet data, long seed) {
            this.data = data;
            double[] labels = data.getLabels().toDoubleVector();
            positives = IntStream.range(0, labels.length).filter(i -> labels[i] == 1).toArray();
            negatives = IntStream.range(0, labels.length).filter(i -> labels[i] == 0).toArray();
            random = new SplittableRandom(seed);
        }

        List<DataSet> epoch() {
            int n = data.numExamples();
            int[] drawn = new int[n];
            for (int i = 0; i < n; i++) {
                int[] from = i % 2 == 0 ? positives : negatives;
                drawn[i] = from[random.nextInt(from.length)];
            }
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = drawn[i];
                drawn[i] = drawn[j];
                drawn[j] = swap;
            }
            INDArray features = Nd4j.pullRows(data.getFeatures(), 1, drawn);
            INDArray labels = Nd4j.pullRows(data.getLabels(), 1, drawn);
            List<DataSet> batches = new ArrayList<>();
            for (int from = 0; from < n; from += BATCH_SIZE) {
                var rows = NDArrayIndex.interval(from, Math.min(from + BATCH_SIZE, n));
                batches.add(new DataSet(features.get(rows, NDArrayIndex.all()), labels.get(rows, NDArrayIndex.all())));
            }
            return batches;
        }
    }
}
