package org.sigmoidbook.chapters.outputlayer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.dataset.DataSet;
import org.sigmoidbook.chapters.equation.Calibration;
import org.sigmoidbook.toolkit.nn.Accuracy;
import org.sigmoidbook.toolkit.nn.HiddenUnit;

/** Scoring a network on the held-out digits in one forward pass, against DL4J's own score and the book's accuracy. */
class DigitTaskTest {

    private static DigitTask task;

    @BeforeAll
    static void load() throws IOException {
        task = DigitTask.load(64);
    }

    /** The loss from the output layer's weighted sum is what MultiLayerNetwork.score computes, for every head. */
    @ParameterizedTest
    @EnumSource(Head.class)
    void theHeldOutLossIsDl4jsScoreAndTheAccuracyTheBooksAccuracy(Head head) {
        MultiLayerNetwork net = new Setup(HiddenUnit.TANH, Remedy.NONE, head, 5, 0.1, new Budget(64, 1), 3).build();
        DataSet heldOut = new DataSet(task.heldOut().getFeatures(), head.labels(task.heldOut().getLabels()));
        DigitTask.Score score = task.score(net, head);
        assertEquals(net.score(heldOut), score.loss(), 1e-6 * Math.abs(net.score(heldOut)));
        double[] probability = head.probability(net.output(heldOut.getFeatures(), false));
        assertEquals(Accuracy.ofProbabilities(probability, task.heldOutLabels()), score.accuracy(), 0);
        int[] outcomes = new int[probability.length];
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = (int) task.heldOutLabels()[i];
        }
        assertEquals(Calibration.of(probability, outcomes, 10).expectedCalibrationError(), score.ece(), 1e-12);
    }

    /** Batch normalisation scores in inference mode: the same held-out digits give the same loss twice. */
    @ParameterizedTest
    @EnumSource(value = Remedy.class, names = {"BATCHNORM"})
    void batchNormalisedNetworksScoreInInferenceMode(Remedy remedy) {
        MultiLayerNetwork net = new Setup(HiddenUnit.SIGMOID, remedy, Head.SIGMOID_XENT, 5, 0.1, new Budget(64, 1), 3).build();
        assertEquals(net.score(task.heldOut()), task.score(net, Head.SIGMOID_XENT).loss(), 1e-6);
        assertEquals(task.score(net, Head.SIGMOID_XENT).loss(), task.score(net, Head.SIGMOID_XENT).loss(), 0);
    }

    @Test
    void aSmallerTaskKeepsTheFirstTrainingDigitsAndEveryHeldOutOne() {
        DigitTask small = task.first(32);
        assertEquals(32, small.train().numExamples());
        assertEquals(task.train().getFeatures().getRow(31), small.train().getFeatures().getRow(31));
        assertEquals(task.heldOut(), small.heldOut());
    }
}
