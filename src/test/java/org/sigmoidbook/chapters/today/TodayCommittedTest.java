package org.sigmoidbook.chapters.today;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sigmoidbook.ChapterData;
import org.sigmoidbook.book.Finding;
import org.sigmoidbook.chapters.today.HiddenUnits.EpochScore;
import org.sigmoidbook.chapters.today.HiddenUnits.Hidden;
import org.sigmoidbook.chapters.today.LstmGates.Init;
import org.sigmoidbook.chapters.today.LstmGates.LstmRun;

/** The page's claims in words about the full-size run, on the committed findings and tables. */
class TodayCommittedTest {

    private static final ChapterData COMMITTED = ChapterData.committed("today");
    private static final Map<String, Finding> FINDINGS = COMMITTED.results().findings();

    private static Finding finding(String name) {
        Finding finding = FINDINGS.get(name);
        assertTrue(finding != null, "no finding " + name);
        return finding;
    }

    /** The whole 95% interval of {@code above} lies above that of {@code below}. */
    private static void assertAbove(String above, String below) {
        assertTrue(finding(above).low() > finding(below).high(), above + " = " + finding(above).text() + " vs " + below + " = "
                + finding(below).text());
    }

    /** Trained on all digits, the softmax beats the three sigmoids on every label, beyond the seeds' spread. */
    @Test
    void theSoftmaxWinsOnEveryLabel() {
        for (String label : List.of("even", "greater_than_4", "closed_loop", "all_three")) {
            assertAbove("softmax-8-argmax " + label, "sigmoid-3 " + label);
            assertEquals(finding("softmax-8-argmax " + label).value(), finding("softmax-8-marginal " + label).value(), 0.03,
                    "reading the softmax label by label changes little on " + label);
        }
        assertEquals(0, finding("softmax-8-argmax impossible combinations predicted").value());
        assertTrue(finding("sigmoid-3 impossible combinations predicted").low() > 0);
    }

    /**
     * The replaced statement on the unseen 9s: trained without 9s, the three sigmoids get fewer 9s
     * fully right than three coin flips would (1/8), and each label is at chance: the interval of
     * the mean holds 1/2 or lies below it. The softmax gets none.
     */
    @Test
    void theSigmoidsDidNotLearnTheUnseenNines() {
        assertTrue(finding("sigmoid-3 unseen 9s all_three").high() < 0.125, finding("sigmoid-3 unseen 9s all_three").text());
        assertTrue(finding("sigmoid-3 unseen 9s all_three").value() > 0, "but they can name it");
        for (String label : List.of("even", "greater_than_4", "closed_loop")) {
            Finding accuracy = finding("sigmoid-3 unseen 9s " + label);
            assertTrue(accuracy.low() < 0.5 && accuracy.high() < 0.7, label + ": " + accuracy.text());
        }
        assertEquals(0, finding("softmax-8-argmax unseen 9s all_three").value());
    }

    /** Why: both heads give most 9s the labels of a 7 or of a 4, and few their own. */
    @Test
    void mostNinesAreReadAsSevensOrFours() {
        for (String model : List.of("sigmoid-3", "softmax-8-argmax")) {
            double asSeven = finding(model + " 9s read as greater_than_4").value();
            double asFour = finding(model + " 9s read as even+closed_loop").value();
            assertTrue(asSeven + asFour > 0.5, model + ": " + asSeven + " + " + asFour);
            assertTrue(finding(model + " 9s read as greater_than_4").low() > finding(model + " 9s read as greater_than_4+closed_loop").high());
            assertTrue(finding(model + " 9s read as even+closed_loop").low() > finding(model + " 9s read as greater_than_4+closed_loop").high());
        }
    }

    /**
     * The triplets: on the seen combinations the heads are level; on the unseen one the softmax names
     * none while the sigmoids name some, fewer than on the seen ones, with an interval that reaches
     * down to coin flips; every label falls, greater than 4 to chance on average.
     */
    @Test
    void onTripletsTheSigmoidsNameSomeUnseenCombinationsAndFewerThanSeenOnes() {
        assertEquals(finding("sigmoid-3 seen triplets all_three").value(), finding("softmax-8-argmax seen triplets all_three").value(), 0.05);
        assertEquals(0, finding("softmax-8-argmax unseen triplets all_three").value());
        Finding unseen = finding("sigmoid-3 unseen triplets all_three");
        assertTrue(unseen.low() > 0 && unseen.low() < 0.125, unseen.text());
        assertAbove("sigmoid-3 seen triplets all_three", "sigmoid-3 unseen triplets all_three");
        for (String label : List.of("even", "greater_than_4", "closed_loop")) {
            assertTrue(finding("sigmoid-3 unseen triplets " + label).value() < finding("sigmoid-3 seen triplets " + label).value(), label);
        }
        Finding greater = finding("sigmoid-3 unseen triplets greater_than_4");
        assertTrue(greater.low() < 0.5 && greater.high() > 0.5, "chance on average: " + greater.text());
    }

    /**
     * The replaced gate statement: on the recall task every chrono-initialised seed learns, with most
     * forget gates above 0.9 and most input gates below 0.1 at the end; most DL4J-initialised seeds
     * learn nothing, and those that learn do so to a larger error than every chrono run and without
     * saturated forget gates.
     */
    @Test
    void chronoGatesLearnTheRecallTaskInEverySeed() {
        assertEquals(1, finding("chrono seeds that learnt").value());
        assertTrue(finding("dl4j-default seeds that learnt").value() < 0.5);
        assertTrue(finding("dl4j-default relative error at end").value() > 0.9, "the median DL4J run learns nothing");
        assertTrue(finding("chrono forget gate above 0.9 at end").value() > 0.5);
        assertTrue(finding("chrono input gate below 0.1 at end").value() > 0.5);
        assertTrue(finding("dl4j-default forget gate above 0.9 at end").high() < 0.01);
        assertTrue(finding("dl4j-default input gate below 0.1 at end").high() < 0.01);
        assertEquals(finding("sigma(1)").value(), finding("dl4j-default forget gate mean at end").value(), 0.05,
                "DL4J's forget gates stay near where they start");
        List<LstmRun> runs = COMMITTED.rows("lstm", LstmRun.class);
        double worstChrono = runs.stream().filter(r -> r.init() == Init.CHRONO).mapToDouble(LstmRun::heldoutRelativeError).max().orElseThrow();
        runs.stream().filter(r -> r.init() == Init.DL4J && r.heldoutRelativeError() < LstmGates.LEARNT_BELOW)
                .forEach(r -> assertTrue(r.heldoutRelativeError() > worstChrono, "seed " + r.seed()));
    }

    @Test
    void siluNeedsHesInitialisationToKeepUp() {
        List<EpochScore> silu = COMMITTED.rows("activations", EpochScore.class).stream()
                .filter(s -> s.hidden() == Hidden.SILU && s.epoch() < 3).toList();
        for (EpochScore score : silu) {
            assertEquals(Math.log(2), score.heldoutLoss(), 0.05, "SiLU under N(0, 1/n_in) stays near ln 2 for the first epochs");
        }
        for (String other : List.of("tanh", "relu-he")) {
            Finding siluHe = finding("silu-he accuracy");
            assertTrue(siluHe.high() > finding(other + " accuracy").low() && siluHe.low() < finding(other + " accuracy").high(),
                    "SiLU with He trains as well as " + other + ": the intervals overlap");
            assertTrue(finding(other + " accuracy").value() > finding("silu accuracy").value(), "SiLU under N(0, 1/n_in) is behind " + other);
        }
    }
}
