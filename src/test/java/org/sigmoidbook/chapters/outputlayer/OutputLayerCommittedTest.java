package org.sigmoidbook.chapters.outputlayer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sigmoidbook.BookTest;
import org.sigmoidbook.ChapterData;
import org.sigmoidbook.QuickBook;
import org.sigmoidbook.chapters.outputlayer.RemediesExperiment.Configuration;
import org.sigmoidbook.chapters.outputlayer.RemediesExperiment.LongRunEpoch;
import org.sigmoidbook.chapters.outputlayer.RemediesExperiment.Outcome;
import org.sigmoidbook.chapters.outputlayer.TrainingTables.EpochResult;
import org.sigmoidbook.toolkit.nn.HiddenUnit;

/**
 * The claims of the page, checked on the committed tables of the full run (seed 42) that the page
 * is written from: regenerating the chapter with results that no longer support the text fails here.
 */
class OutputLayerCommittedTest {

    private static final ChapterData COMMITTED = ChapterData.committed(OutputLayerQuickRunTest.ID);

    private static List<Outcome> rows(HiddenUnit hidden, Remedy remedy) {
        return RemediesExperiment.rows(COMMITTED.rows("remedies", Outcome.class), hidden, remedy);
    }

    private static double[] accuracy(HiddenUnit hidden, Remedy remedy) {
        return rows(hidden, remedy).stream().mapToDouble(Outcome::heldoutAccuracy).toArray();
    }

    private static double[] firstLayerGradNorms(HiddenUnit hidden) {
        return COMMITTED.rows("results", EpochResult.class).stream().filter(r -> r.hidden() == hidden)
                .mapToDouble(EpochResult::firstLayerGradNorm).toArray();
    }

    @Test
    void everyConfigurationHasFiveSeedsAndTheLongRunThree() throws IOException {
        assertEquals("hidden,remedy,seed,epochs,heldout_accuracy,heldout_loss,first_epoch_above_0_9",
                Files.readAllLines(COMMITTED.data("remedies.csv")).get(0));
        for (Remedy remedy : List.of(Remedy.NONE, Remedy.XAVIER, Remedy.X4, Remedy.ADAM)) {
            assertTrue(accuracy(HiddenUnit.SIGMOID, remedy).length >= 5, remedy.id());
        }
        assertTrue(accuracy(HiddenUnit.TANH, Remedy.NONE).length >= 5);
        assertTrue(accuracy(HiddenUnit.RELU, Remedy.NONE).length >= 5);
        assertTrue(accuracy(HiddenUnit.SIGMOID, Remedy.LONG).length >= 3);
    }

    /** The book's setup and DL4J's Xavier init: exactly the class prior for every seed, the loss at ln 2. */
    @Test
    void theBooksSetupAndXavierStayAtChanceForEverySeed() {
        for (Remedy remedy : List.of(Remedy.NONE, Remedy.XAVIER)) {
            for (Outcome outcome : rows(HiddenUnit.SIGMOID, remedy)) {
                assertEquals(0.5, outcome.heldoutAccuracy(), 1e-12, remedy.id());
                assertEquals(Math.log(2), outcome.heldoutLoss(), 0.005, remedy.id());
            }
        }
    }

    /** Weights x4 and Adam, within the same 10 epochs: every seed past 0.9; so are tanh and ReLU, within 3 epochs. */
    @Test
    void weightsTimesFourAndAdamGetEverySeedPastNinetyPercent() {
        for (Configuration group : List.of(new Configuration(HiddenUnit.SIGMOID, Remedy.X4), new Configuration(HiddenUnit.SIGMOID, Remedy.ADAM),
                new Configuration(HiddenUnit.TANH, Remedy.NONE), new Configuration(HiddenUnit.RELU, Remedy.NONE))) {
            for (double accuracy : accuracy(group.hidden(), group.remedy())) {
                assertTrue(accuracy > 0.9, group.hidden().id() + " " + group.remedy().id() + ": " + accuracy);
            }
        }
        for (HiddenUnit hidden : List.of(HiddenUnit.TANH, HiddenUnit.RELU)) {
            int latest = rows(hidden, Remedy.NONE).stream().filter(Outcome::learned).mapToInt(Outcome::firstEpochAbove09).max().orElseThrow();
            assertTrue(latest <= 3, hidden.id() + " learns in the first epochs");
        }
    }

    /**
     * Every long run escaped, after hundreds of epochs. The NumPy re-run of the same setup
     * escaped between epochs 190 and 280 in 5 of 5 seeds; other random weights and minibatches, so
     * the DL4J runs are held to that range widened by a factor of 1.5 either way.
     */
    @Test
    void everyLongRunEscapesAfterHundredsOfEpochsAsTheIndependentReRunDid() {
        List<Outcome> longRuns = rows(HiddenUnit.SIGMOID, Remedy.LONG);
        for (Outcome longRun : longRuns) {
            assertNotNull(longRun.firstEpochAbove09(), "seed " + longRun.seed() + " never escaped");
            int escape = longRun.firstEpochAbove09();
            assertTrue(escape >= 190 / 1.5 && escape <= 280 * 1.5, "escape at epoch " + escape);
            assertEquals(escape + Training.EPOCHS_AFTER_LEARNING, longRun.epochs(), "stopped 20 epochs after");
            assertTrue(longRun.heldoutAccuracy() > 0.9);
        }
        assertEquals(longRuns.stream().mapToInt(Outcome::firstEpochAbove09).min().orElseThrow(),
                COMMITTED.finding("long runs: earliest epoch above 0.9"));
        assertEquals(longRuns.stream().mapToInt(Outcome::firstEpochAbove09).max().orElseThrow(),
                COMMITTED.finding("long runs: latest epoch above 0.9"));
        assertEquals(longRuns.size(), COMMITTED.finding("long runs that passed 0.9"));
    }

    /**
     * "The loss sits at ln 2 for hundreds of epochs, then falls within a few": within 0.02 of ln 2
     * up to 30 epochs before the escape, and below 0.3 within 10 epochs after it.
     */
    @Test
    void theLossSitsAtLnTwoThenFallsWithinAFewEpochs() {
        List<LongRunEpoch> plateau = COMMITTED.rows("plateau", LongRunEpoch.class);
        for (Outcome longRun : rows(HiddenUnit.SIGMOID, Remedy.LONG)) {
            int seed = longRun.seed();
            int escape = longRun.firstEpochAbove09();
            double[] loss = plateau.stream().filter(e -> e.seed() == seed).mapToDouble(LongRunEpoch::heldoutLoss).toArray();
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
        double[] sigmoid = firstLayerGradNorms(HiddenUnit.SIGMOID);
        for (HiddenUnit hidden : List.of(HiddenUnit.TANH, HiddenUnit.RELU)) {
            double[] other = firstLayerGradNorms(hidden);
            for (int epoch = 0; epoch < sigmoid.length; epoch++) {
                assertTrue(other[epoch] / sigmoid[epoch] > 100, hidden.id() + " epoch " + epoch);
            }
        }
    }

    /**
     * The signal is measured at initialisation on the held-out digits alone, so the quick run, whose
     * signal table {@link OutputLayerQuickRunTest} checks, measures the same.
     */
    @BookTest
    void theCommittedSignalTableIsTheOneTheQuickRunChecks() throws IOException {
        Path quick = QuickBook.chapter(OutputLayerQuickRunTest.ID).data("signal.csv");
        assertArrayEquals(Files.readAllBytes(COMMITTED.data("signal.csv")), Files.readAllBytes(quick));
    }
}
