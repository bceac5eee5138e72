package org.sigmoidbook.chapters.outputlayer;

import java.util.ArrayList;
import java.util.List;

import org.sigmoidbook.book.Lab;
import org.sigmoidbook.chapters.outputlayer.Training.Trace;
import org.sigmoidbook.toolkit.nn.HiddenUnit;

/** The book's sigmoid and tanh networks at several SGD learning rates: is the sigmoid's plateau a step-size artefact? */
final class LearningRateExperiment {

    /** One run of the sweep after training. */
    record LearningRateRun(HiddenUnit hidden, double learningRate, int seed, int epochs, double heldoutAccuracy, Double heldoutLoss) {
    }

    private LearningRateExperiment() {
    }

    static void measure(Lab lab, Grid grid, Runs runs) {
        List<LearningRateRun> rows = new ArrayList<>();
        for (HiddenUnit hidden : Grid.SWEPT_UNITS) {
            for (double learningRate : Grid.LEARNING_RATES) {
                double[] accuracy = new double[grid.seeds().size()];
                long learned = 0;
                for (int k = 0; k < accuracy.length; k++) {
                    int seed = grid.seeds().get(k);
                    Trace trace = runs.get(grid.learningRate(hidden, learningRate, seed));
                    rows.add(new LearningRateRun(hidden, learningRate, seed, trace.lastEpoch(), trace.finalAccuracy(),
                            Cells.orMissing(trace.finalLoss())));
                    accuracy[k] = trace.finalAccuracy();
                    learned += trace.firstLearned() == null ? 0 : 1;
                }
                Cells.accuracyAndLearned(lab, "lr-sweep", hidden.id() + ", lr " + Grid.number(learningRate), accuracy, learned);
            }
        }
        lab.table("lr-sweep", rows);
    }
}
