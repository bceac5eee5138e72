package org.sigmoidbook.chapters.outputlayer;

import java.util.Arrays;
import java.util.List;

import org.sigmoidbook.book.Lab;
import org.sigmoidbook.chapters.outputlayer.Training.Recording;
import org.sigmoidbook.chapters.outputlayer.Training.Trace;
import org.sigmoidbook.toolkit.numerics.Stats;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The recorded runs (one per hidden unit, the first seed, the book's setup) as tables: the state
 * after every epoch, and the first hidden layer's gradient at every update.
 */
final class TrainingTables {

    private TrainingTables() {
    }

    /** One row per run and epoch, from the initial network (epoch 0) to the last recorded epoch. */
    static Table results(List<Trace> recorded) {
        StringColumn activation = StringColumn.create("activation");
        IntColumn epoch = IntColumn.create("epoch");
        DoubleColumn accuracy = DoubleColumn.create("heldout_accuracy");
        DoubleColumn heldOutLoss = DoubleColumn.create("heldout_loss");
        DoubleColumn trainLoss = DoubleColumn.create("train_loss");
        DoubleColumn gradNorm = DoubleColumn.create("first_layer_grad_norm");
        for (Trace trace : recorded) {
            Recording recording = trace.recording();
            for (int e = 0; e < recording.trainLoss().length; e++) {
                activation.append(trace.run().hiddenName());
                epoch.append(e);
                accuracy.append(trace.accuracy()[e]);
                heldOutLoss.append(trace.loss()[e]);
                trainLoss.append(recording.trainLoss()[e]);
                gradNorm.append(Stats.median(recording.firstLayerNorms()[e]));
            }
        }
        return Table.create("results", activation, epoch, accuracy, heldOutLoss, trainLoss, gradNorm);
    }

    /**
     * ||dC/dW1|| (the mean over the minibatch) per run, epoch and minibatch: epoch 0 at the initial
     * weights on the first epoch's minibatches, epoch e > 0 at the updates of epoch e.
     */
    static Table firstLayerGradient(List<Trace> recorded) {
        StringColumn activation = StringColumn.create("activation");
        IntColumn epoch = IntColumn.create("epoch");
        IntColumn batch = IntColumn.create("batch");
        DoubleColumn norm = DoubleColumn.create("first_layer_grad_norm");
        for (Trace trace : recorded) {
            double[][] norms = trace.recording().firstLayerNorms();
            for (int e = 0; e < norms.length; e++) {
                for (int b = 0; b < norms[e].length; b++) {
                    activation.append(trace.run().hiddenName());
                    epoch.append(e);
                    batch.append(b + 1);
                    norm.append(norms[e][b]);
                }
            }
        }
        return Table.create("first-layer-gradient", activation, epoch, batch, norm);
    }

    /** Held-out results of the recorded runs, and how much larger tanh's and ReLU's first-layer gradients are than sigmoid's. */
    static void gradientFindings(Lab lab, List<Trace> recorded) {
        for (Trace trace : recorded) {
            lab.finding("final held-out accuracy, " + trace.run().hiddenName() + " hidden", trace.accuracy()[lastRecorded(trace)], "%.4f");
        }
        for (Trace trace : recorded) {
            lab.finding("final held-out loss, " + trace.run().hiddenName() + " hidden", trace.loss()[lastRecorded(trace)], "%.4f");
        }
        Recording sigmoid = recorded.get(0).recording();
        for (Trace trace : recorded.subList(1, recorded.size())) {
            Recording other = trace.recording();
            lab.finding("first-layer gradient norm at init, " + trace.run().hiddenName() + " / sigmoid",
                    Stats.median(other.firstLayerNorms()[0]) / Stats.median(sigmoid.firstLayerNorms()[0]), "%.1f");
            lab.finding("first-layer gradient norm during training (median), " + trace.run().hiddenName() + " / sigmoid",
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
