package org.sigmoidbook.chapters.probability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.sigmoidbook.BookTest;
import org.sigmoidbook.runtime.Backend;
import org.sigmoidbook.toolkit.data.Mnist;

/** The rare-digit data: three disjoint sets of the book's digits; and balanced resampling. */
class DigitTrainingTest {

    private static Mnist.Split split;

    @BeforeAll
    static void load() throws Exception {
        Backend.skipResidentMemoryCheck();
        assertNull(Backend.start());
        split = Mnist.load();
    }

    @BookTest
    void trainingValidationAndHeldOutDigitsAreDisjointAndLabelledByTheNines() {
        RareDigit data = RareDigit.load(split, 2400, 2000);
        assertEquals(2400, data.trainingDigits());
        double[] train = data.train().getLabels().toDoubleVector();
        for (int i = 0; i < train.length; i++) {
            assertEquals(split.train().label(i) == 9 ? 1.0 : 0.0, train[i]);
        }
        for (int k = 0; k < 2000; k++) {
            assertEquals(split.train().label(2400 + k) == 9 ? 1 : 0, data.validationLabels()[k]);
        }
        // The validation digits are the 2000 pixel rows after the 2400 training digits of the training file.
        INDArray pixels = split.train().first(4400).features(DataType.FLOAT);
        assertTrue(Arrays.equals(pixels.getRow(2400).toDoubleVector(), data.validationFeatures().getRow(0).toDoubleVector()));
        assertTrue(Arrays.equals(pixels.getRow(4399).toDoubleVector(), data.validationFeatures().getRow(1999).toDoubleVector()));
        assertTrue(Arrays.equals(pixels.getRow(2399).toDoubleVector(), data.train().getFeatures().getRow(2399).toDoubleVector()));
        assertEquals(split.test().size(), data.heldoutLabels().length);
        assertEquals(split.test().classCounts()[9], Arrays.stream(data.heldoutLabels()).sum());
        assertEquals((2400.0 - data.trainingPositives()) / data.trainingPositives(), DigitTraining.positiveWeight(data), 1e-15);
    }

    @BookTest
    void balancedEpochsHoldAsManyDigitsAsTheTrainingSetHalfOfThemNines() {
        RareDigit data = RareDigit.load(split, 600, 400);
        DigitTraining.Balanced balanced = new DigitTraining.Balanced(data.train(), 3);
        for (int epoch = 0; epoch < 3; epoch++) {
            List<DataSet> batches = balanced.epoch();
            int digits = batches.stream().mapToInt(DataSet::numExamples).sum();
            double nines = batches.stream().mapToDouble(b -> b.getLabels().sumNumber().doubleValue()).sum();
            assertEquals(600, digits);
            assertEquals(300, nines);
            assertTrue(batches.stream().allMatch(b -> b.numExamples() <= DigitTraining.BATCH_SIZE));
        }
    }
}
