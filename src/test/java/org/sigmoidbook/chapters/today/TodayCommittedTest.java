package org.sigmoidbook.chapters.today;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sigmoidbook.ChapterData;
import org.sigmoidbook.chapters.today.HiddenUnits.EpochScore;
import org.sigmoidbook.chapters.today.HiddenUnits.Hidden;
import org.sigmoidbook.chapters.today.LstmGates.Gate;
import org.sigmoidbook.chapters.today.LstmGates.GateReading;
import org.sigmoidbook.chapters.today.MultiLabel.Model;
import org.sigmoidbook.chapters.today.Summaries.HiddenSummary;
import org.sigmoidbook.chapters.today.Summaries.LabelSummary;

/** The page's claims in words about the full-size run, on the committed tables. */
class TodayCommittedTest {

    private static final ChapterData COMMITTED = ChapterData.committed("today");

    @Test
    void theSoftmaxWinsOnEveryLabelAndOnlyTheSigmoidsGetANineRightWithoutNines() {
        List<LabelSummary> summary = COMMITTED.rows("multilabel-summary", LabelSummary.class);
        for (String label : List.of("even", "greater_than_4", "closed_loop", "all_three")) {
            double sigmoids = Summaries.find(summary, Model.SIGMOIDS, "all", label).mean();
            double softmax = Summaries.find(summary, Model.SOFTMAX_MOST_LIKELY, "all", label).mean();
            double marginal = Summaries.find(summary, Model.SOFTMAX_MARGINALS, "all", label).mean();
            assertTrue(softmax > sigmoids, "the softmax wins on " + label);
            assertEquals(softmax, marginal, 0.03, "reading the softmax by marginals changes little on " + label);
        }
        assertEquals(0.0, Summaries.find(summary, Model.SOFTMAX_MOST_LIKELY, "only 9", "all_three").max());
        assertTrue(Summaries.find(summary, Model.SIGMOIDS, "only 9", "all_three").min() > 0);
    }

    @Test
    void trainingOpensTheGatesForgetFirst() {
        List<GateReading> gates = COMMITTED.rows("gates", GateReading.class);
        int last = gates.stream().mapToInt(GateReading::step).max().orElseThrow();
        double[] open = new double[3];
        for (int g = 0; g < 3; g++) {
            Gate gate = List.of(Gate.FORGET, Gate.OUTPUT, Gate.INPUT).get(g);
            List<GateReading> rows = gates.stream().filter(r -> r.gate() == gate).toList();
            GateReading end = rows.stream().filter(r -> r.step() == last).findFirst().orElseThrow();
            open[g] = end.fractionNearOpen();
            assertTrue(open[g] > rows.get(0).fractionNearOpen(), gate.id() + ": training opens gates");
            assertTrue(end.fractionNearShut() < open[g], gate.id() + ": shut gates are rarer");
        }
        assertTrue(open[0] > open[1] && open[1] > open[2], "the forget gate leads, then output, then input");
    }

    @Test
    void siluNeedsHesInitialisationToKeepUp() {
        List<EpochScore> silu = COMMITTED.rows("activations", EpochScore.class).stream()
                .filter(s -> s.hidden() == Hidden.SILU && s.epoch() < 3).toList();
        for (EpochScore score : silu) {
            assertEquals(Math.log(2), score.heldoutLoss(), 0.05, "SiLU under N(0, 1/n_in) stays near ln 2 for the first epochs");
        }
        List<HiddenSummary> end = COMMITTED.rows("activations-summary", HiddenSummary.class);
        double siluHe = row(end, Hidden.SILU_HE).min();
        for (Hidden other : List.of(Hidden.TANH, Hidden.RELU_HE)) {
            assertTrue(siluHe >= row(end, other).min() - 0.01, "SiLU with He trains as well as " + other.id());
            assertTrue(row(end, Hidden.SILU).max() < row(end, other).min(), "SiLU under N(0, 1/n_in) is behind " + other.id());
        }
    }

    private static HiddenSummary row(List<HiddenSummary> summary, Hidden hidden) {
        return summary.stream().filter(s -> s.hidden() == hidden).findFirst().orElseThrow();
    }
}
