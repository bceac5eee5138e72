package org.sigmoidbook.chapters.crossentropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sigmoidbook.ChapterData;
import org.sigmoidbook.chapters.crossentropy.Recovery.Run;

/** The full-size claims of chapter 8's page, on the committed tables: every seed, both starts. */
class CrossEntropyCommittedTest {

    @Test
    void committedRecoveryTablesSupportThePage() {
        ChapterData committed = ChapterData.committed("cross-entropy");
        List<Run> spread = committed.rows("recovery-spread", Run.class);
        int seeds = (int) committed.finding("seeds");
        assertTrue(seeds >= 5, "the spread is over " + seeds + " seeds");
        assertEquals(2 * 3 * seeds, spread.size());
        for (Run run : spread) {
            boolean recovered = run.stepsToRecover() != null;
            boolean expected = run.loss() == OutputLoss.FUSED || (run.loss() == OutputLoss.DL4J_XENT && run.startLogit() == 15);
            assertEquals(expected, recovered, run.loss().id() + " from " + run.startLogit() + ", seed " + run.seed());
        }
        List<Run> from15 = spread.stream().filter(run -> run.startLogit() == 15).toList();
        for (long seed : from15.stream().mapToLong(Run::seed).distinct().toArray()) {
            int fused = stepsToRecover(from15, seed, OutputLoss.FUSED);
            int dl4j = stepsToRecover(from15, seed, OutputLoss.DL4J_XENT);
            assertTrue(fused < dl4j, "seed " + seed + ": fused " + fused + ", dl4j-xent " + dl4j);
        }
        assertEquals(Recovery.summary(spread).get(1).medianSteps(), committed.finding("from z = 15, fused: steps to recover"));
        assertEquals(committed.finding("from z = 20: training cross-entropy at the start"),
                committed.finding("from z = 20, dl4j-xent: training cross-entropy after the last step"), "nothing moved from 20");
        String change = committed.text("from z = 15, quadratic: training cross-entropy change");
        assertTrue(Math.abs(Double.parseDouble(change.substring(0, change.indexOf(' ')))) < 1e-3, "the quadratic cost barely moved: " + change);
        for (String never : List.of("from z = 15, quadratic", "from z = 20, dl4j-xent", "from z = 20, quadratic")) {
            assertEquals("never (0 of " + seeds + " runs within " + (int) committed.finding("SGD steps at most") + " steps)",
                    committed.text(never + ": steps to recover"));
        }
    }

    private static int stepsToRecover(List<Run> runs, long seed, OutputLoss loss) {
        return runs.stream().filter(run -> run.seed() == seed && run.loss() == loss).findFirst().orElseThrow().stepsToRecover();
    }
}
