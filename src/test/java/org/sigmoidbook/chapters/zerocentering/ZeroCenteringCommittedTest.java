package org.sigmoidbook.chapters.zerocentering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sigmoidbook.ChapterData;
import org.sigmoidbook.book.Finding;
import org.sigmoidbook.chapters.zerocentering.Convergence.Biases;
import org.sigmoidbook.chapters.zerocentering.Convergence.Epoch;
import org.sigmoidbook.chapters.zerocentering.Convergence.Training;
import org.sigmoidbook.chapters.zerocentering.ZigZag.InputSets;
import org.sigmoidbook.chapters.zerocentering.ZigZag.Inputs;
import org.sigmoidbook.chapters.zerocentering.ZigZag.Rate;
import org.sigmoidbook.chapters.zerocentering.ZigZag.Setting;
import org.sigmoidbook.chapters.zerocentering.ZigZag.Steps;
import org.sigmoidbook.chapters.zerocentering.ZigZag.Symmetric;
import org.sigmoidbook.chapters.zerocentering.ZigZag.Update;
import org.sigmoidbook.toolkit.nn.HiddenUnit;

/** The page's claims in words about the full-size run, on the committed tables and findings. */
class ZeroCenteringCommittedTest {

    private static final ChapterData COMMITTED = ChapterData.committed("zero-centering");

    private static List<Steps> steps(Setting setting, int seed) {
        return COMMITTED.rows("zigzag-steps", Steps.class).stream().filter(row -> row.setting().equals(setting) && row.seed() == seed).toList();
    }

    private static int slowest(Setting setting, int seed) {
        return steps(setting, seed).stream().mapToInt(Steps::steps).max().orElseThrow();
    }

    private static List<Integer> zigzagSeeds() {
        return COMMITTED.rows("zigzag-steps", Steps.class).stream().map(Steps::seed).distinct().toList();
    }

    /**
     * "At the positive inputs' rate they are slower, not faster": in every column of the tables (the
     * medians over seeds), for both updates; in full batches also from the slowest direction in every
     * seed, as interlacing requires. At their own rate the centred inputs are faster in every seed.
     */
    @Test
    void atThePositiveInputsRateCentredInputsAreNoFaster() {
        assertTrue(zigzagSeeds().size() >= 5);
        for (Update update : Update.values()) {
            Setting positive = new Setting(Inputs.POSITIVE, update, Rate.OWN);
            Setting centred = new Setting(Inputs.CENTRED, update, Rate.OWN);
            Setting sameRate = new Setting(Inputs.CENTRED, update, Rate.POSITIVES);
            for (int seed : zigzagSeeds()) {
                String where = update.id() + ", seed " + seed;
                if (update == Update.FULL_BATCH) {
                    assertTrue(slowest(sameRate, seed) >= slowest(positive, seed), where);
                }
                assertTrue(slowest(centred, seed) < slowest(positive, seed), where);
            }
            for (String statistic : List.of("steps from the diagonal start, ", "median steps over start directions, ",
                    "steps from the slowest start direction, ")) {
                assertTrue(COMMITTED.finding("zigzag: " + statistic + sameRate.label()) >= COMMITTED.finding("zigzag: " + statistic + positive.label()),
                        statistic + update.id());
            }
        }
    }

    /** The committed full-batch steps are the quadratic's algebra on each seed's inputs, from every start. */
    @Test
    void theCommittedFullBatchStepsAreTheQuadraticsAlgebra() {
        for (int seed : zigzagSeeds()) {
            InputSets sets = InputSets.of(seed);
            for (Setting setting : ZigZag.SETTINGS.stream().filter(s -> s.update() == Update.FULL_BATCH).toList()) {
                Symmetric moment = Symmetric.secondMoment(sets.of(setting.inputs()));
                double eta = sets.rate(setting);
                double[] factors = {1 - 2 * eta * moment.largest(), 1 - 2 * eta * moment.smallest()};
                for (Steps row : steps(setting, seed)) {
                    double fromTop = Math.toRadians(row.startAngle()) - moment.topAngle();
                    assertEquals(eta, row.learningRate(), 1e-15);
                    assertEquals(ZigZag.fullBatchSteps(factors, new double[]{Math.cos(fromTop), Math.sin(fromTop)}), row.steps(),
                            setting.label() + ", seed " + seed + ", start " + row.startAngle());
                }
            }
        }
    }

    private static List<Epoch> finals(Training training) {
        List<Epoch> rows = COMMITTED.rows("convergence", Epoch.class);
        int last = rows.stream().mapToInt(Epoch::epoch).max().orElseThrow();
        return rows.stream().filter(row -> row.epoch() == last && row.training().equals(training)).toList();
    }

    private static double finalLoss(Training training, int seed) {
        return finals(training).stream().filter(row -> row.seed() == seed).findFirst().orElseThrow().trainLoss();
    }

    /** "Tanh units train, the sigmoid and σ − ½ stay near chance": in every seed. */
    @Test
    void tanhUnitsTrainAndBothSigmoidsStayNearChance() {
        List<Training> trainings = Convergence.TRAININGS;
        List<Epoch> sigmoid = finals(trainings.get(0));
        assertTrue(sigmoid.size() >= 5);
        for (Epoch row : sigmoid) {
            int seed = row.seed();
            assertEquals(Math.log(10), row.trainLoss(), 0.05, "sigmoid, seed " + seed);
            assertEquals(Math.log(10), finalLoss(trainings.get(1), seed), 0.05, "sigmoid − ½, seed " + seed);
            assertTrue(finalLoss(trainings.get(2), seed) < 0.5 * row.trainLoss(), "tanh, seed " + seed);
            assertTrue(finalLoss(trainings.get(3), seed) < 0.5 * row.trainLoss(), "LeCun tanh, seed " + seed);
        }
    }

    /**
     * At weights ×4: the sigmoid with b = 0 ends above σ − ½ in every seed, and the interval of the
     * paired difference excludes 0; with b = −W·½ the difference is within 0.05 in every seed and its
     * interval includes 0. The offset lowers the slope at initialisation: the intervals do not overlap.
     */
    @Test
    void removingTheOffsetClosesTheGapAtEqualSlopes() {
        Training sigmoid = Convergence.TRAININGS.get(4);
        Training removed = Convergence.TRAININGS.get(5);
        Training centred = Convergence.TRAININGS.get(6);
        assertEquals(Biases.OFFSET_REMOVED, removed.biases());
        assertEquals(HiddenUnit.CENTRED_SIGMOID, centred.unit());
        for (Epoch row : finals(sigmoid)) {
            int seed = row.seed();
            assertTrue(row.trainLoss() > finalLoss(centred, seed) + 0.2, "b = 0, seed " + seed);
            assertEquals(finalLoss(centred, seed), finalLoss(removed, seed), 0.05, "b = −W·½, seed " + seed);
        }
        Finding gap = COMMITTED.results().get(sigmoid.label() + " minus " + centred.label() + ": final training loss");
        assertTrue(gap.low() > 0, gap.toString());
        Finding none = COMMITTED.results().get(removed.label() + " minus " + centred.label() + ": final training loss");
        assertTrue(none.low() < 0 && none.high() > 0, none.toString());
        Finding shifted = COMMITTED.results().get(sigmoid.label() + ": mean slope in hidden layers 2 to 4 at initialisation");
        Finding unshifted = COMMITTED.results().get(removed.label() + ": mean slope in hidden layers 2 to 4 at initialisation");
        assertTrue(shifted.high() < unshifted.low(), shifted + " vs " + unshifted);
    }
}
