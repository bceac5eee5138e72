package org.sigmoidbook.chapters.crossentropy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.chapters.crossentropy.OutputNumerics.GridPoint;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/** The findings read from small tables written by hand, where the answer is known before they are read. */
class OutputFindingsTest {

    private static final double[] Z = {-40, -15, 0, 15, 40};

    /**
     * Every way exact (dL/dz = σ(z) for label 0, −σ(−z) for label 1) except SameDiff at one point of one
     * type, which is off by half its value there.
     */
    private static List<GridPoint> tableWithSameDiffOffAt(double offZ, int offLabel, DataType offType) {
        List<GridPoint> table = new ArrayList<>();
        for (DataType type : OutputNumerics.TYPES) {
            for (int label : OutputNumerics.LABELS) {
                for (double z : Z) {
                    double exact = label == 0 ? Sigmoid.of(z) : -Sigmoid.of(-z);
                    boolean off = z == offZ && label == offLabel && type == offType;
                    table.add(new GridPoint(z, label, type, exact, exact, exact, off ? 1.5 * exact : exact));
                }
            }
        }
        return table;
    }

    /**
     * SameDiff's error counts only where the example is on the wrong side or undecided: label 0 with
     * z ≥ 0, label 1 with z ≤ 0, in FLOAT; z = 0 belongs to both labels.
     */
    @Test
    void sameDiffsWorstErrorCountsOnlyWrongOrUndecidedExamplesInFloat() {
        for (int label : OutputNumerics.LABELS) {
            for (double z : Z) {
                boolean wrongOrUndecided = label == 0 ? z >= 0 : z <= 0;
                List<GridPoint> table = tableWithSameDiffOffAt(z, label, DataType.FLOAT);
                assertEquals(wrongOrUndecided ? 0.5 : 0, OutputFindings.from(table, table).sameDiffWorstErrorWhereWrongFloat(), 1e-15,
                        "label " + label + ", z = " + z);
            }
        }
        List<GridPoint> offInDouble = tableWithSameDiffOffAt(15, 0, DataType.DOUBLE);
        assertEquals(0, OutputFindings.from(offInDouble, offInDouble).sameDiffWorstErrorWhereWrongFloat(), "an error in DOUBLE is not FLOAT's");
    }
}
