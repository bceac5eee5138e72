package org.sigmoidbook.chapters.vanishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sigmoidbook.ChapterData;
import org.sigmoidbook.book.Finding;
import org.sigmoidbook.chapters.vanishing.NielsenRuns.EpochSpeed;
import org.sigmoidbook.chapters.vanishing.NielsenRuns.InitSpeed;
import org.sigmoidbook.chapters.vanishing.NielsenRuns.WeightChange;

/** The full-size claims of chapter 3's page, on the committed tables: every seed of every network. */
class VanishingCommittedTest {

    private static final ChapterData COMMITTED = ChapterData.committed("vanishing");

    /** "At initialisation the sigmoid loses about a factor of four per layer"; "He's factor is still below 1". */
    @Test
    void theFactorsPerLayerSupportThePage() {
        Finding sigmoid = COMMITTED.results().get("sigmoid: factor per layer, (ratio at L = 10)^(1/9)");
        assertTrue(sigmoid.seeds() >= 10, sigmoid.toString());
        assertTrue(sigmoid.low() > 0.2 && sigmoid.high() < 0.3, sigmoid.toString());
        Finding he = COMMITTED.results().get("relu-he: factor per layer, (ratio at L = 10)^(1/9)");
        assertTrue(he.high() < 1, he.toString());
        Finding times4 = COMMITTED.results().get("sigmoid-x4: factor per layer, (ratio at L = 10)^(1/9)");
        assertTrue(times4.low() > sigmoid.high() && times4.high() < 1, times4.toString());
    }

    /** "Every published value lies inside the spread over seeds." */
    @Test
    void everyPublishedSpeedLiesBetweenTheTenthAndNinetiethPercentiles() {
        for (InitSpeed row : COMMITTED.rows("speed-at-init", InitSpeed.class)) {
            assertTrue(row.p10Norm() <= row.publishedNorm() && row.publishedNorm() <= row.p90Norm(),
                    row.hiddenLayers() + " hidden layers, layer " + row.layer());
        }
    }

    /** "In every run and at every recorded epoch each hidden layer learns more slowly than the one above it." */
    @Test
    void everyRunKeepsTheOrderingAtEveryRecordedEpoch() {
        List<EpochSpeed> table = COMMITTED.rows("speed-during-training", EpochSpeed.class);
        long[] seeds = NielsenRuns.seeds(table);
        assertEquals((int) COMMITTED.finding("training: seeds per network"), seeds.length);
        for (long seed : seeds) {
            for (int depth : NielsenRuns.DEPTHS) {
                List<List<EpochSpeed>> layers = new ArrayList<>();
                for (int layer = 1; layer <= depth; layer++) {
                    layers.add(NielsenRuns.rows(table, depth, seed, layer));
                }
                for (int i = 0; i < layers.get(0).size(); i++) {
                    for (int layer = 1; layer < depth; layer++) {
                        assertTrue(layers.get(layer - 1).get(i).speed() < layers.get(layer).get(i).speed(),
                                "seed " + seed + ", " + depth + " hidden layers, epoch " + layers.get(0).get(i).epoch() + ", layer " + layer);
                    }
                }
            }
        }
    }

    /** "In the deepest network ... the last layer moves most, in every seed." */
    @Test
    void theLastHiddenLayerOfTheDeepestNetworkMovesMostInEverySeed() {
        List<WeightChange> changes = COMMITTED.rows("weight-change", WeightChange.class);
        for (long seed : changes.stream().mapToLong(WeightChange::seed).distinct().toArray()) {
            List<WeightChange> hidden = NielsenRuns.hiddenLayers(changes, 4, seed);
            double last = hidden.get(3).relativeChangeFromGradient();
            for (int layer = 0; layer < 3; layer++) {
                assertTrue(hidden.get(layer).relativeChangeFromGradient() < last, "seed " + seed + ", layer " + (layer + 1));
            }
        }
    }
}
