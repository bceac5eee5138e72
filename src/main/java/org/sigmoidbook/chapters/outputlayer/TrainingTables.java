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
 * The recorded runs (the book's setup with each hidden unit) as tables: the first seed's state
 * after every epoch and its first hidden layer's gradient at every update, for the figures; and for
 * every seed how much larger the first-layer gradient is with tanh and ReLU than with the sigmoid.
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

    /**
     * For one seed, the first-layer gradient norm of a hidden unit over the sigmoid's, both in the
     * book's setup: the medians over the initial weights' minibatches, and over every update.
     */
    record GradientRatio(HiddenUnit hidden, int seed, double atInit, double duringTraining) {
    }

    static final List<HiddenUnit> HIDDEN_UNITS = OutputLayerChapter.HIDDEN_UNITS;

    private TrainingTables() {
    }

    static void measure(Lab lab, Grid grid, Runs runs) {
        List<Trace> first = HIDDEN_UNITS.stream().map(h -> runs.get(grid.remedy(new Configuration(h, Remedy.NONE), grid.firstSeed()))).toList();
        lab.table("results", results(first));
        lab.table("first-layer-gradient", firstLayerGradient(first));
        List<GradientRatio> ratios = new ArrayList<>();
        for (HiddenUnit hidden : HIDDEN_UNITS.subList(1, HIDDEN_UNITS.size())) {
            for (int seed : grid.seeds()) {
                Recording sigmoid = runs.get(grid.remedy(new Configuration(HiddenUnit.SIGMOID, Remedy.NONE), seed)).recording();
                Recording other = runs.get(grid.remedy(new Configuration(hidden, Remedy.NONE), seed)).recording();
                ratios.add(new GradientRatio(hidden, seed, Stats.median(other.firstLayerNorms()[0]) / Stats.median(sigmoid.firstLayerNorms()[0]),
                        Stats.median(updates(other)) / Stats.median(updates(sigmoid))));
            }
        }
        lab.table("gradient-ratio", ratios);
        for (HiddenUnit hidden : HIDDEN_UNITS.subList(1, HIDDEN_UNITS.size())) {
            List<GradientRatio> rows = ratios.stream().filter(r -> r.hidden() == hidden).toList();
            lab.medianOverSeeds("first-layer gradient norm at init, " + hidden.id() + " / sigmoid",
                    rows.stream().mapToDouble(GradientRatio::atInit).toArray());
            lab.medianOverSeeds("first-layer gradient norm during training, " + hidden.id() + " / sigmoid",
                    rows.stream().mapToDouble(GradientRatio::duringTraining).toArray());
        }
    }

    /** One row per run and epoch, from the initial network (epoch 0) to the last. */
    static List<EpochResult> results(List<Trace> recorded) {
        List<EpochResult> rows = new ArrayList<>();
        for (Trace trace : recorded) {
            Recording recording = trace.recording();
            for (int e = 0; e < recording.trainLoss().length; e++) {
                rows.add(new EpochResult(trace.setup().hidden(), e, trace.accuracy()[e], trace.loss()[e], recording.trainLoss()[e],
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
                    rows.add(new Update(trace.setup().hidden(), e, b + 1, norms[e][b]));
                }
            }
        }
        return rows;
    }

    /** The gradient norms at every update (epoch 0, the initial weights, left out). */
    private static double[] updates(Recording recording) {
        return Arrays.stream(recording.firstLayerNorms()).skip(1).flatMapToDouble(Arrays::stream).toArray();
    }
}
