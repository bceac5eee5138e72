package org.sigmoidbook.chapters.outputlayer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.sigmoidbook.book.Lab;
import org.sigmoidbook.chapters.outputlayer.Training.Trace;
import org.sigmoidbook.toolkit.nn.HiddenUnit;

/**
 * Output heads on the same hidden stack: each seed starts every head from the same hidden weights
 * and trains it on the same minibatches, so two heads are compared seed by seed (paired).
 */
final class HeadsExperiment {

    /** One head on one hidden stack after training: held-out accuracy, calibration and loss (in the head's own loss). */
    record HeadRun(HiddenUnit hidden, Head head, String loss, int seed, int epochs, double heldoutAccuracy, Double heldoutEce,
                   Double heldoutLoss) {

        boolean diverged() {
            return heldoutLoss == null;
        }
    }

    private HeadsExperiment() {
    }

    static void measure(Lab lab, Grid grid, Runs runs) {
        List<HeadRun> rows = new ArrayList<>();
        for (Configuration stack : Grid.HEAD_STACKS) {
            for (Head head : Grid.HEADS) {
                for (int seed : grid.seeds()) {
                    Trace trace = runs.get(grid.head(stack, head, seed));
                    rows.add(new HeadRun(stack.hidden(), head, head.loss(), seed, trace.lastEpoch(), trace.finalAccuracy(),
                            Cells.orMissing(trace.ece()), Cells.orMissing(trace.finalLoss())));
                }
            }
        }
        lab.table("heads", rows);
        List<String> diverged = new ArrayList<>();
        for (Configuration stack : Grid.HEAD_STACKS) {
            double[] xentAccuracy = column(rows, stack.hidden(), Head.SIGMOID_XENT, false);
            double[] xentEce = column(rows, stack.hidden(), Head.SIGMOID_XENT, true);
            for (Head head : Grid.HEADS) {
                String cell = stack.hidden().id() + ", " + head.id();
                double[] accuracy = column(rows, stack.hidden(), head, false);
                double[] ece = column(rows, stack.hidden(), head, true);
                lab.overSeeds("heads: held-out accuracy, " + cell, accuracy, 0, 1);
                Cells.medianOverFinite(lab, "heads: ECE, " + cell, ece);
                if (head != Head.SIGMOID_XENT) {
                    lab.overSeeds("heads: accuracy minus sigmoid-xent's, " + cell, difference(accuracy, xentAccuracy));
                    Cells.meanOverFinite(lab, "heads: ECE minus sigmoid-xent's, " + cell, difference(ece, xentEce), -1, 1);
                }
                long count = rows.stream().filter(r -> r.hidden() == stack.hidden() && r.head() == head && r.diverged()).count();
                if (count > 0) {
                    diverged.add(String.format(Locale.ROOT, "%s on %s: %d of %d seeds", head.label(), stack.label(), count, accuracy.length));
                }
            }
        }
        lab.finding("heads: runs whose weights diverged", diverged.isEmpty() ? "none" : String.join("; ", diverged));
    }

    /** Held-out accuracy (or ECE, NaN where the run diverged) of one stack and head, in seed order. */
    static double[] column(List<HeadRun> rows, HiddenUnit hidden, Head head, boolean ece) {
        return rows.stream().filter(r -> r.hidden() == hidden && r.head() == head)
                .mapToDouble(r -> ece ? (r.diverged() ? Double.NaN : r.heldoutEce()) : r.heldoutAccuracy()).toArray();
    }

    /** Seed by seed, a − b. */
    static double[] difference(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }
}
