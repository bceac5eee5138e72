package org.sigmoidbook.chapters.outputlayer;

import java.util.Arrays;

import org.sigmoidbook.book.Lab;

/**
 * The findings every cell of the grid gets, named alike across the experiments. A run whose
 * weights diverged has a NaN loss: its tables leave the cell empty and its cell's findings leave it
 * out, and say over how many seeds they are.
 */
final class Cells {

    private Cells() {
    }

    /** {@code value}, or null (an empty cell) where a diverged run left NaN. */
    static Double orMissing(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /**
     * The mean over the seeds whose value is finite, with its 95% interval within [{@code lowest},
     * {@code highest}]; where fewer than two are, says how many diverged.
     */
    static void meanOverFinite(Lab lab, String name, double[] values, double lowest, double highest) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).toArray();
        if (finite.length >= 2) {
            lab.overSeeds(name, finite, lowest, highest);
        } else {
            lab.finding(name, "diverged in " + (values.length - finite.length) + " of " + values.length + " seeds");
        }
    }

    /**
     * The median and range over the seeds whose value is finite, for a skewed value such as a
     * calibration error, which one poorly trained seed can multiply; where none is finite, says so.
     */
    static void medianOverFinite(Lab lab, String name, double[] values) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).toArray();
        if (finite.length >= 1) {
            lab.medianOverSeeds(name, finite);
        } else {
            lab.finding(name, "diverged in " + values.length + " of " + values.length + " seeds");
        }
    }

    /**
     * "{experiment}: held-out accuracy, {cell}" (mean over the seeds with its 95% interval) and
     * "{experiment}: passed 0.9, {cell}" (the share of seeds whose held-out accuracy passed 0.9 at
     * some epoch, with Wilson's interval).
     */
    static void accuracyAndLearned(Lab lab, String experiment, String cell, double[] accuracy, long learned) {
        lab.overSeeds(experiment + ": held-out accuracy, " + cell, accuracy, 0, 1);
        lab.proportion(experiment + ": passed 0.9, " + cell, learned, accuracy.length, accuracy.length);
    }
}
