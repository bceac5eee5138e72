package org.sigmoidbook.chapters.outputlayer;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sigmoidbook.chapters.equation.Calibration;
import org.sigmoidbook.chapters.equation.EquationChapter;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.Accuracy;

/**
 * The chapter's binary task, "is this digit a 9 (or a 4)?": training digits, held-out digits and
 * the held-out labels as plain numbers, so that scoring a network costs one forward pass.
 */
record DigitTask(DataSet train, DataSet heldOut, double[] heldOutLabels) {

    /** The first {@code trainingDigits} 4s and 9s of the book's training digits (all of them if fewer) and every held-out 4 and 9. */
    static DigitTask load(int trainingDigits) throws IOException {
        Mnist.Split mnist = Mnist.load();
        Digits train = mnist.train().onlyClasses(Digits.NEGATIVE_DIGIT, Digits.POSITIVE_DIGIT);
        DataSet heldOut = mnist.test().onlyClasses(Digits.NEGATIVE_DIGIT, Digits.POSITIVE_DIGIT).binary(Digits.POSITIVE_DIGIT, DataType.FLOAT);
        return new DigitTask(train.first(Math.min(trainingDigits, train.size())).binary(Digits.POSITIVE_DIGIT, DataType.FLOAT),
                heldOut, heldOut.getLabels().toDoubleVector());
    }

    /** The same task on the first {@code trainingDigits} of these training digits. */
    DigitTask first(int trainingDigits) {
        if (trainingDigits >= train.numExamples()) {
            return this;
        }
        INDArrayIndex[] rows = {NDArrayIndex.interval(0, trainingDigits), NDArrayIndex.all()};
        return new DigitTask(new DataSet(train.getFeatures().get(rows).dup(), train.getLabels().get(rows).dup()), heldOut, heldOutLabels);
    }

    /** The training digits with the labels {@code head} trains on. */
    DataSet train(Head head) {
        return withLabels(train, head);
    }

    private static DataSet withLabels(DataSet data, Head head) {
        return head.outputs() == 1 ? data : new DataSet(data.getFeatures(), head.labels(data.getLabels()));
    }

    /**
     * Held-out accuracy, loss and calibration of {@code net}, whose output layer is {@code head}, as
     * it is now, from one forward pass: the loss is the head's loss function on the output layer's
     * weighted sum, which is what {@code net.score} computes too (the networks have no regularisation).
     */
    Score score(MultiLayerNetwork net, Head head) {
        List<INDArray> activations = net.feedForward(heldOut.getFeatures(), false);
        INDArray output = activations.get(activations.size() - 1);
        INDArray z = activations.get(activations.size() - 2).mmul(net.getOutputLayer().getParam("W"))
                .addiRowVector(net.getOutputLayer().getParam("b"));
        double loss = head.lossFunction().computeScore(head.labels(heldOut.getLabels()), z, head.activation().getActivationFunction(),
                null, true);
        double[] probability = head.probability(output);
        int[] outcomes = new int[heldOutLabels.length];
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = (int) heldOutLabels[i];
        }
        boolean diverged = Arrays.stream(probability).anyMatch(Double::isNaN);
        return new Score(Accuracy.ofProbabilities(probability, heldOutLabels), loss,
                diverged ? Double.NaN : Calibration.of(probability, outcomes, EquationChapter.BINS).expectedCalibrationError());
    }

    /**
     * Held-out accuracy; loss in the head's own loss (cross-entropy in nats per digit, or the mean
     * squared error); and expected calibration error with chapter 1's equal-width bins (NaN when
     * the weights have diverged and the output is NaN).
     */
    record Score(double accuracy, double loss, double ece) {
    }
}
