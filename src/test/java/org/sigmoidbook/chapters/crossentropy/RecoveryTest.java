package org.sigmoidbook.chapters.crossentropy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.sigmoidbook.BookTest;
import org.sigmoidbook.QuickBook;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Rows;
import org.sigmoidbook.chapters.crossentropy.Recovery.Measurement;
import org.sigmoidbook.chapters.crossentropy.Recovery.Run;
import org.sigmoidbook.chapters.crossentropy.Recovery.Summary;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.Accuracy;

/** The pieces of the recovery experiment, on tiny inputs and small networks. */
class RecoveryTest {

    /** The setup of a quick run. */
    static final Recovery.Setup QUICK = Recovery.Setup.of(new Lab("cross-entropy", QuickBook.SEED, true, null));

    @Test
    void tablesHaveTheAgreedColumns() {
        assertEquals(List.of("loss", "step", "train_loss", "heldout_accuracy"), Rows.columns(Measurement.class));
        assertEquals(List.of("start_logit", "loss", "seed", "steps_to_recover"), Rows.columns(Run.class));
        assertEquals(List.of("start_logit", "loss", "runs", "recovered", "median_steps", "min_steps", "max_steps"), Rows.columns(Summary.class));
    }

    @Test
    void stepsToRecoverIsTheFirstMeasuredStepAtTheRecoveryLevel() {
        List<Measurement> curves = List.of(new Measurement(OutputLoss.FUSED, 0, 1, 0.5), new Measurement(OutputLoss.FUSED, 5, 1, 0.9),
                new Measurement(OutputLoss.FUSED, 10, 1, 0.95), new Measurement(OutputLoss.QUADRATIC, 0, 1, 0.5),
                new Measurement(OutputLoss.QUADRATIC, 5, 1, 0.899));
        List<Run> steps = Recovery.stepsToRecover(curves, 15, 7);
        assertEquals(List.of(OutputLoss.FUSED, OutputLoss.QUADRATIC), steps.stream().map(Run::loss).toList());
        assertEquals(5, steps.get(0).stepsToRecover());
        assertNull(steps.get(1).stepsToRecover());
        assertEquals(7L, steps.get(1).seed());
        assertEquals(15.0, steps.get(0).startLogit());
    }

    @Test
    void summaryCountsRecoveredRunsAndTakesMedianMinMaxPerStartAndLoss() {
        List<Run> spreadByHand = List.of(new Run(15, OutputLoss.FUSED, 1, 40), new Run(15, OutputLoss.FUSED, 2, 30),
                new Run(15, OutputLoss.FUSED, 3, 36), new Run(15, OutputLoss.FUSED, 4, null), new Run(20, OutputLoss.FUSED, 1, null));
        List<Summary> summary = Recovery.summary(spreadByHand);
        assertEquals(2, summary.size());
        assertEquals(4, summary.get(0).runs());
        assertEquals(3, summary.get(0).recovered());
        assertEquals(36.0, summary.get(0).medianSteps());
        assertEquals(30, summary.get(0).minSteps());
        assertEquals(40, summary.get(0).maxSteps());
        assertEquals(20.0, summary.get(1).startLogit());
        assertEquals(0, summary.get(1).recovered());
        assertNull(summary.get(1).medianSteps());
        assertNull(summary.get(1).minSteps());
    }

    /** The mean cross-entropy, and the book's accuracy on the logits: z = 0, where sigma is exactly 1/2, reads as label 1. */
    @Test
    void crossEntropyAndAccuracyByHand() {
        double[] z = {0, 2, -3, 40};
        double[] labels = {1, 0, 0, 1};
        double expected = (Math.log(2) + 2 + Math.log1p(Math.exp(-2)) + Math.log1p(Math.exp(-3)) + Math.log1p(Math.exp(-40))) / 4;
        assertEquals(expected, Recovery.crossEntropy(z, labels), 1e-15);
        assertEquals(0.75, Accuracy.ofLogits(z, labels));
    }

    /** The logits behind a sigmoid output, pushed through the sigmoid, are DL4J's own output. */
    @BookTest
    void logitsAreTheOutputUnitsPreActivation() throws Exception {
        MultiLayerNetwork net = Recovery.network(OutputLoss.DL4J_XENT, 3);
        INDArray features = Recovery.Task.of(Mnist.load(), QUICK).heldOut().getFeatures();
        double[] z = Recovery.logits(net, features);
        double[] output = net.output(features, false).data().asDouble();
        for (int i = 0; i < z.length; i++) {
            assertEquals(1 / (1 + Math.exp(-z[i])), output[i], 1e-6);
        }
    }

    /** Beyond 24 ln 2 sigma(z) is 1 in FLOAT, so DL4J's XENT and the quadratic cost give exactly zero gradients: nothing moves. */
    @BookTest
    void fromTwentyOnlyTheFusedLossChangesAParameter() throws Exception {
        Recovery.Task task = Recovery.Task.of(Mnist.load(), QUICK);
        INDArray start = Recovery.startingParameters(1, 20);
        DataSet batch = task.train().getRange(0, Recovery.BATCH_SIZE);
        float[] before = start.data().asFloat();
        for (OutputLoss loss : OutputLoss.values()) {
            MultiLayerNetwork net = Recovery.network(loss, 1);
            net.setParams(start);
            net.fit(batch);
            float[] after = net.params().data().asFloat();
            if (loss == OutputLoss.FUSED) {
                assertFalse(Arrays.equals(before, after), "the fused loss changed nothing");
            } else {
                assertArrayEquals(before, after, loss.id() + " changed a parameter");
            }
        }
    }

    @BookTest
    void sameSeedSameTable() throws Exception {
        Recovery.Setup tiny = new Recovery.Setup(100, 6, 3, 1);
        Recovery.Task small = Recovery.Task.of(Mnist.load(), tiny);
        assertEquals(Recovery.curves(small, tiny, 15, 7), Recovery.curves(small, tiny, 15, 7));
    }
}
