package org.sigmoidbook.chapters.outputlayer;

import java.util.ArrayList;
import java.util.List;

import org.sigmoidbook.book.CsvColumn;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.chapters.outputlayer.Training.Trace;
import org.sigmoidbook.toolkit.nn.HiddenUnit;

/**
 * The chapter's network over seeds with sigmoid, tanh and ReLU hidden units in the book's setup,
 * and with sigmoid hidden units under each {@link Remedy}: the remedies table, the long runs per
 * epoch, and a finding per cell.
 */
final class RemediesExperiment {

    /**
     * The state a run of one configuration and seed ended in, after {@code epochs} epochs, and the
     * first epoch whose held-out accuracy passed 0.9 (null if none did).
     */
    record Outcome(HiddenUnit hidden, Remedy remedy, int seed, int epochs, double heldoutAccuracy, Double heldoutLoss,
                   @CsvColumn("first_epoch_above_0_9") Integer firstEpochAbove09) {

        Configuration configuration() {
            return new Configuration(hidden, remedy);
        }

        boolean learned() {
            return firstEpochAbove09 != null;
        }
    }

    /** A long run's held-out accuracy and loss after one epoch (0: the initial network). */
    record LongRunEpoch(int seed, int epoch, double heldoutAccuracy, Double heldoutLoss) {
    }

    private RemediesExperiment() {
    }

    static void measure(Lab lab, Grid grid, Runs runs) {
        List<Outcome> remedies = new ArrayList<>();
        List<LongRunEpoch> plateau = new ArrayList<>();
        for (Configuration configuration : Grid.REMEDIES) {
            for (int seed : grid.seeds()) {
                Trace trace = runs.get(grid.remedy(configuration, seed));
                remedies.add(new Outcome(configuration.hidden(), configuration.remedy(), seed, trace.lastEpoch(),
                        trace.finalAccuracy(), Cells.orMissing(trace.finalLoss()), trace.firstLearned()));
                if (configuration.remedy() == Remedy.LONG) {
                    for (int e = 0; e <= trace.lastEpoch(); e++) {
                        plateau.add(new LongRunEpoch(seed, e, trace.accuracy()[e], Cells.orMissing(trace.loss()[e])));
                    }
                }
            }
        }
        lab.table("remedies", remedies);
        lab.table("plateau", plateau);
        for (Configuration configuration : Grid.REMEDIES) {
            List<Outcome> rows = rows(remedies, configuration.hidden(), configuration.remedy());
            Cells.accuracyAndLearned(lab, "remedies", configuration.id(), rows.stream().mapToDouble(Outcome::heldoutAccuracy).toArray(),
                    rows.stream().filter(Outcome::learned).count());
            Cells.meanOverFinite(lab, "remedies: held-out loss, " + configuration.id(),
                    rows.stream().mapToDouble(o -> o.heldoutLoss() == null ? Double.NaN : o.heldoutLoss()).toArray(), 0,
                    Double.POSITIVE_INFINITY);
        }
        List<Outcome> longRuns = rows(remedies, HiddenUnit.SIGMOID, Remedy.LONG);
        if (longRuns.stream().allMatch(Outcome::learned)) {
            lab.medianOverSeeds("long runs: first epoch above 0.9", longRuns.stream().mapToDouble(Outcome::firstEpochAbove09).toArray());
        } else {
            lab.finding("long runs: first epoch above 0.9", "not every seed passed 0.9 within " + grid.longBudget().epochs() + " epochs");
        }
    }

    /** The rows of one hidden unit and remedy. */
    static List<Outcome> rows(List<Outcome> remedies, HiddenUnit hidden, Remedy remedy) {
        return remedies.stream().filter(o -> o.hidden() == hidden && o.remedy() == remedy).toList();
    }
}
