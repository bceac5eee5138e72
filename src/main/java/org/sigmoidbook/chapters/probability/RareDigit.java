package org.sigmoidbook.chapters.probability;

import java.util.stream.IntStream;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.data.Mnist;

/**
 * The chapter's rare class: "is this digit a 9?" against the other nine digits, about one digit in
 * ten. Three disjoint sets: the network trains on the first {@code trainingDigits} of the book's
 * training digits; the {@code validationDigits} after them are set aside for fitting temperatures
 * and choosing thresholds; it is scored on the 2,000 held-out digits, which nothing is fitted to.
 * (The book's training file is class-balanced in every prefix, so both parts hold about one 9 in ten.)
 */
record RareDigit(DataSet train, INDArray validationFeatures, int[] validationLabels, INDArray heldoutFeatures, int[] heldoutLabels) {

    static final int POSITIVE = Digits.POSITIVE_DIGIT;

    static RareDigit load(Mnist.Split split, int trainingDigits, int validationDigits) {
        Digits used = split.train().first(trainingDigits + validationDigits);
        INDArray features = used.features(DataType.FLOAT);
        INDArray labels = used.binaryLabels(POSITIVE, DataType.FLOAT);
        DataSet train = new DataSet(rows(features, 0, trainingDigits), rows(labels, 0, trainingDigits));
        int[] validationLabels = IntStream.range(trainingDigits, used.size()).map(i -> used.label(i) == POSITIVE ? 1 : 0).toArray();
        Digits heldout = split.test();
        int[] heldoutLabels = IntStream.range(0, heldout.size()).map(i -> heldout.label(i) == POSITIVE ? 1 : 0).toArray();
        return new RareDigit(train, rows(features, trainingDigits, used.size()), validationLabels, heldout.features(DataType.FLOAT),
                heldoutLabels);
    }

    private static INDArray rows(INDArray array, int from, int to) {
        return array.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup();
    }

    int trainingPositives() {
        return (int) train.getLabels().sumNumber().doubleValue();
    }

    int trainingDigits() {
        return train.numExamples();
    }
}
