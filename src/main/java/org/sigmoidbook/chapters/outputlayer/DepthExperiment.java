package org.sigmoidbook.chapters.outputlayer;

import java.util.ArrayList;
import java.util.List;

import org.sigmoidbook.book.CsvColumn;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.chapters.outputlayer.Training.Trace;
import org.sigmoidbook.toolkit.nn.HiddenUnit;

/** The remedies at the chapter's depth and in a deeper stack, where they are easier to tell apart. */
final class DepthExperiment {

    /** One run after training, with the first epoch whose held-out accuracy passed 0.9 (null if none did). */
    record DepthRun(HiddenUnit hidden, Remedy remedy, int hiddenLayers, int seed, int epochs, double heldoutAccuracy, Double heldoutLoss,
                    @CsvColumn("first_epoch_above_0_9") Integer firstEpochAbove09) {
    }

    private DepthExperiment() {
    }

    static void measure(Lab lab, Grid grid, Runs runs) {
        List<DepthRun> rows = new ArrayList<>();
        for (Configuration configuration : Grid.DEEP) {
            for (int layers : grid.depths()) {
                double[] accuracy = new double[grid.seeds().size()];
                long learned = 0;
                for (int k = 0; k < accuracy.length; k++) {
                    int seed = grid.seeds().get(k);
                    Trace trace = runs.get(grid.depth(configuration, layers, seed));
                    rows.add(new DepthRun(configuration.hidden(), configuration.remedy(), layers, seed, trace.lastEpoch(), trace.finalAccuracy(),
                            Cells.orMissing(trace.finalLoss()), trace.firstLearned()));
                    accuracy[k] = trace.finalAccuracy();
                    learned += trace.firstLearned() == null ? 0 : 1;
                }
                Cells.accuracyAndLearned(lab, "depth", configuration.id() + ", " + layers + " layers", accuracy, learned);
            }
        }
        lab.table("depth", rows);
    }
}
