package org.sigmoidbook.chapters.outputlayer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sigmoidbook.QuickBook;
import org.sigmoidbook.book.Results;
import org.sigmoidbook.runtime.ProjectRoot;
import tech.tablesaw.api.Table;

/**
 * The claims of the page, checked on the committed tables of the full run (seed 42) that the page
 * is written from: regenerating the chapter with results that no longer support the text fails here.
 */
@Tag("book")
class OutputLayerFullRunTest {

    private static final Path DATA = ProjectRoot.get().resolve("data").resolve(OutputLayerChapterTest.ID);
    private static final Results RESULTS = new Results(DATA);

    private static Table remedies() {
        return RESULTS.table("remedies");
    }

    private static double[] accuracy(String hidden, Remedy remedy) {
        return RemediesExperiment.rows(remedies(), hidden, remedy).numberColumn("heldout_accuracy").asDoubleArray();
    }

    @Test
    void everyConfigurationHasFiveSeedsAndTheLongRunThree() {
        assertEquals(List.of("hidden", "remedy", "seed", "epochs", "heldout_accuracy", "heldout_loss", "first_epoch_above_0_9"),
                remedies().columnNames());
        for (Remedy remedy : List.of(Remedy.NONE, Remedy.XAVIER, Remedy.X4, Remedy.ADAM)) {
            assertTrue(accuracy("sigmoid", remedy).length >= 5, remedy.id());
        }
        assertTrue(accuracy("tanh", Remedy.NONE).length >= 5);
        assertTrue(accuracy("relu", Remedy.NONE).length >= 5);
        assertTrue(accuracy("sigmoid", Remedy.LONG).length >= 3);
    }

    /** The book's setup and DL4J's Xavier init: exactly the class prior for every seed, the loss at ln 2. */
    @Test
    void theBooksSetupAndXavierStayAtChanceForEverySeed() {
        for (Remedy remedy : List.of(Remedy.NONE, Remedy.XAVIER)) {
            Table rows = RemediesExperiment.rows(remedies(), "sigmoid", remedy);
            for (int row = 0; row < rows.rowCount(); row++) {
                assertEquals(0.5, rows.numberColumn("heldout_accuracy").getDouble(row), 1e-12, remedy.id());
                assertEquals(Math.log(2), rows.numberColumn("heldout_loss").getDouble(row), 0.005, remedy.id());
            }
        }
    }

    /** Weights x4 and Adam, within the same 10 epochs: every seed past 0.9; so are tanh and ReLU, within 3 epochs. */
    @Test
    void weightsTimesFourAndAdamGetEverySeedPastNinetyPercent() {
        for (String[] group : new String[][]{{"sigmoid", "x4"}, {"sigmoid", "adam"}, {"tanh", "none"}, {"relu", "none"}}) {
            for (double accuracy : accuracy(group[0], Remedy.byId(group[1]))) {
                assertTrue(accuracy > 0.9, String.join(" ", group) + ": " + accuracy);
            }
        }
        for (String hidden : List.of("tanh", "relu")) {
            Table rows = RemediesExperiment.rows(remedies(), hidden, Remedy.NONE);
            assertTrue(rows.intColumn("first_epoch_above_0_9").max() <= 3, hidden + " learns in the first epochs");
        }
    }

    /**
     * Every long run escaped, after hundreds of epochs. The NumPy re-run of the same setup
     * escaped between epochs 190 and 280 in 5 of 5 seeds; other random weights and minibatches, so
     * the DL4J runs are held to that range widened by a factor of 1.5 either way.
     */
    @Test
    void everyLongRunEscapesAfterHundredsOfEpochsAsTheIndependentReRunDid() {
        Table longRuns = RemediesExperiment.rows(remedies(), "sigmoid", Remedy.LONG);
        for (int row = 0; row < longRuns.rowCount(); row++) {
            assertTrue(!longRuns.column("first_epoch_above_0_9").isMissing(row), "seed " + longRuns.intColumn("seed").get(row) + " never escaped");
            int escape = longRuns.intColumn("first_epoch_above_0_9").get(row);
            assertTrue(escape >= 190 / 1.5 && escape <= 280 * 1.5, "escape at epoch " + escape);
            assertEquals(escape + Training.EPOCHS_AFTER_LEARNING, longRuns.intColumn("epochs").get(row), "stopped 20 epochs after");
            assertTrue(longRuns.numberColumn("heldout_accuracy").getDouble(row) > 0.9);
        }
        assertEquals(longRuns.intColumn("first_epoch_above_0_9").min(), RESULTS.value("long runs: earliest epoch above 0.9"));
        assertEquals(longRuns.intColumn("first_epoch_above_0_9").max(), RESULTS.value("long runs: latest epoch above 0.9"));
        assertEquals(longRuns.rowCount(), RESULTS.value("long runs that passed 0.9"));
    }

    /**
     * "The loss sits at ln 2 for hundreds of epochs, then falls within a few": within 0.02 of ln 2
     * up to 30 epochs before the escape, and below 0.3 within 10 epochs after it.
     */
    @Test
    void theLossSitsAtLnTwoThenFallsWithinAFewEpochs() {
        Table plateau = RESULTS.table("plateau");
        Table longRuns = RemediesExperiment.rows(remedies(), "sigmoid", Remedy.LONG);
        for (int row = 0; row < longRuns.rowCount(); row++) {
            int seed = longRuns.intColumn("seed").get(row);
            int escape = longRuns.intColumn("first_epoch_above_0_9").get(row);
            double[] loss = plateau.where(plateau.intColumn("seed").isEqualTo(seed)).numberColumn("heldout_loss").asDoubleArray();
            for (int epoch = 1; epoch <= escape - 30; epoch++) {
                assertEquals(Math.log(2), loss[epoch], 0.02, "seed " + seed + " epoch " + epoch);
            }
            boolean fell = false;
            for (int epoch = escape; epoch <= escape + 10; epoch++) {
                fell |= loss[epoch] < 0.3;
            }
            assertTrue(fell, "seed " + seed + ": the loss falls below 0.3 within 10 epochs of the escape");
        }
    }

    @Test
    void theFirstLayerGradientIsHundredsOfTimesLargerWithTanhAndRelu() {
        Table results = RESULTS.table("results");
        double[] sigmoid = results.where(results.stringColumn("activation").isEqualTo("sigmoid")).numberColumn("first_layer_grad_norm").asDoubleArray();
        for (String activation : List.of("tanh", "relu")) {
            double[] other = results.where(results.stringColumn("activation").isEqualTo(activation)).numberColumn("first_layer_grad_norm").asDoubleArray();
            for (int epoch = 0; epoch < sigmoid.length; epoch++) {
                assertTrue(other[epoch] / sigmoid[epoch] > 100, activation + " epoch " + epoch);
            }
        }
    }

    /** The signal is measured at initialisation on the held-out digits alone, so the quick run, which {@link SignalTest} checks, measures the same. */
    @Test
    void theCommittedSignalTableIsTheOneTheSignalTestsCheck() throws IOException {
        assertArrayEquals(Files.readAllBytes(DATA.resolve("signal.csv")),
                Files.readAllBytes(QuickBook.book().data(OutputLayerChapterTest.ID, "signal.csv")));
    }
}
