package org.sigmoidbook.chapters.zerocentering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sigmoidbook.QuickBook;
import tech.tablesaw.api.Table;

@Tag("book")
class ConvergenceTest {

    private static final String ID = "zero-centering";

    private static double lossOf(Table end, String unit, double scale) {
        return end.where(end.stringColumn("hidden_unit").isEqualTo(unit)
                .and(end.doubleColumn("hidden_weight_scale").isEqualTo(scale))).doubleColumn("train_loss").get(0);
    }

    @Test
    void tanhUnitsTrainFasterAndCentringHelpsAtEqualSlope() {
        Table t = QuickBook.book().table(ID, "convergence.csv");
        int last = (int) t.intColumn("epoch").max();
        Table end = t.where(t.intColumn("epoch").isEqualTo(last));
        double sigmoid = lossOf(end, HiddenUnits.SIGMOID, 1);
        assertTrue(lossOf(end, HiddenUnits.TANH, 1) < 0.5 * sigmoid);
        assertTrue(lossOf(end, HiddenUnits.LECUN_TANH, 1) < 0.5 * sigmoid);
        assertTrue(lossOf(end, HiddenUnits.CENTRED_SIGMOID, 4) < lossOf(end, HiddenUnits.SIGMOID, 4) - 0.2,
                "same slope, same weights: only the centring differs");
    }

    /** Glorot's factor for the sigmoid is 1/σ'(0) = 4: σ(z) ≈ ½ + z/4 near 0, against tanh(z) ≈ z. */
    @Test
    void glorotsFactorForTheSigmoidIsFour() {
        assertEquals(4.0, Convergence.GLOROT_SIGMOID_FACTOR, 0.0);
        double h = 1e-6;
        assertEquals(1 / Convergence.GLOROT_SIGMOID_FACTOR, (1 / (1 + Math.exp(-h)) - 1 / (1 + Math.exp(h))) / (2 * h), 1e-9);
    }

    /** The training length the page states: epochs from the table, steps = epochs × ceil(digits / batch). */
    @Test
    void theStatedTrainingLengthIsTheTablesAndTheMinibatchArithmetic() {
        QuickBook.Output run = QuickBook.book();
        Table t = run.table(ID, "convergence.csv");
        int epochs = (int) run.finding(ID, "convergence epochs");
        assertEquals(t.intColumn("epoch").max(), epochs);
        int perEpoch = (int) run.finding(ID, "convergence SGD steps per epoch");
        int digits = (int) run.finding(ID, "convergence training digits");
        assertEquals((digits + Convergence.BATCH - 1) / Convergence.BATCH, perEpoch);
        assertEquals(epochs * perEpoch, run.finding(ID, "convergence SGD steps in all"), 0.0);
        assertEquals(Convergence.LEARNING_RATE, run.finding(ID, "convergence learning rate"), 0.0);
    }
}
