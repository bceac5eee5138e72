package org.sigmoidbook.chapters.outputlayer;

import java.io.IOException;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.Accuracy;

/**
 * The chapter's binary task, "is this digit a 9 (or a 4)?": training digits, held-out digits and
 * the held-out labels as plain numbers, so that scoring a network costs one forward pass.
 */
record DigitTask(DataSet train, DataSet heldOut, double[] heldOutLabels) {

    /** The 4s and 9s of the book's training digits (the first {@code trainingDigits} of them) and every held-out 4 and 9. */
    static DigitTask load(int trainingDigits) throws IOException {
        Mnist.Split mnist = Mnist.load();
        Digits train = mnist.train().onlyClasses(Digits.NEGATIVE_DIGIT, Digits.POSITIVE_DIGIT);
        DataSet heldOut = mnist.test().onlyClasses(Digits.NEGATIVE_DIGIT, Digits.POSITIVE_DIGIT).binary(Digits.POSITIVE_DIGIT, DataType.FLOAT);
        return new DigitTask(train.first(Math.min(trainingDigits, train.size())).binary(Digits.POSITIVE_DIGIT, DataType.FLOAT),
                heldOut, heldOut.getLabels().toDoubleVector());
    }

    /** Held-out accuracy and cross-entropy of {@code net} as it is now. */
    Score score(MultiLayerNetwork net) {
        return new Score(Accuracy.ofProbabilities(net.output(heldOut.getFeatures(), false).toDoubleVector(), heldOutLabels),
                net.score(heldOut));
    }

    /** Held-out accuracy and loss (DL4J's binary cross-entropy, in nats per example). */
    record Score(double accuracy, double loss) {
    }
}
