package org.sigmoidbook.chapters.outputlayer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.sigmoidbook.book.Lab;
import org.sigmoidbook.chapters.outputlayer.Training.Recording;
import org.sigmoidbook.chapters.outputlayer.Training.Trace;
import org.sigmoidbook.toolkit.nn.HiddenUnit;
import org.sigmoidbook.toolkit.numerics.Stats;

/**
 * The recorded runs (one per hidden unit, the first seed, the book's setup) as tables: the state
 * after every epoch, and the first hidden layer's gradient at every update.
 */
final class TrainingTables {

    /** A recorded run after one epoch (0: the initial network), with the median first-layer gradient norm over its updates. */
    record EpochResult(HiddenUnit hidden, int epoch, double heldoutAccuracy, double heldoutLoss, double trainLoss,
                       double firstLayerGradNorm) {
    }

    /**
     * ||dC/dW1|| (the mean over the minibatch) at one update of a recorded run: epoch 0 at the
     * initial weights on the first epoch's minibatches, epoch e > 0 at the updates of epoch e.
     */
    record Update(HiddenUnit hidden, int epoch, int batch, double firstLayerGradNorm) {
    }

    private TrainingTables() {
    }

    /** One row per run and epoch, from the initial network (epoch 0) to the last recorded epoch. */
    static List<EpochResult> results(List<Trace> recorded) {
        List<EpochResult> rows = new ArrayList<>();
        for (Trace trace : recorded) {
            Recording recording = trace.recording();
            for (int e = 0; e < recording.trainLoss().length; e++) {
                rows.add(new EpochResult(trace.run().hidden(), e, trace.accuracy()[e], trace.loss()[e], recording.trainLoss()[e],
                        Stats.median(recording.firstLayerNorms()[e])));
            }
        }
        return rows;
    }

    /** One row per run, epoch and minibatch. */
    static List<Update> firstLayerGradient(List<Trace> recorded) {
        List<Update> rows = new ArrayList<>();
        for (Trace trace : recorded) {
            double[][] norms = trace.recording().firstLayerNorms();
            for (int e = 0; e < norms.length; e++) {
                for (int b = 0; b < norms[e].length; b++) {
                    rows.add(new Update(trace.run().hidden(), e, b + 1, norms[e][b]));
                }
            }
        }
        return rows;
    }

    /** Held-out results of the recorded runs, and how much larger tanh's and ReLU's first-layer gradients are than sigmoid's. */
    static void gradientFindings(Lab lab, List<Trace> recorded) {
        for (Trace trace : recorded) {
            lab.finding("final held-out accuracy, " + trace.run().hidden().id() + " hidden", trace.accuracy()[lastRecorded(trace)], "%.4f");
        }
        for (Trace trace : recorded) {
            lab.finding("final held-out loss, " + trace.run().hidden().id() + " hidden", trace.loss()[lastRecorded(trace)], "%.4f");
        }
        Recording sigmoid = recorded.get(0).recording();
        for (Trace trace : recorded.subList(1, recorded.size())) {
            Recording other = trace.recording();
            lab.finding("first-layer gradient norm at init, " + trace.run().hidden().id() + " / sigmoid",
                    Stats.median(other.firstLayerNorms()[0]) / Stats.median(sigmoid.firstLayerNorms()[0]), "%.1f");
            lab.finding("first-layer gradient norm during training (median), " + trace.run().hidden().id() + " / sigmoid",
                    Stats.median(updates(other)) / Stats.median(updates(sigmoid)), "%.1f");
        }
    }

    private static int lastRecorded(Trace trace) {
        return trace.recording().trainLoss().length - 1;
    }

    /** The gradient norms at every update (epoch 0, the initial weights, left out). */
    private static double[] updates(Recording recording) {
        return Arrays.stream(recording.firstLayerNorms()).skip(1).flatMapToDouble(Arrays::stream).toArray();
    }
}
