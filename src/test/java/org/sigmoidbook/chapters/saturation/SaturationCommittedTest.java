package org.sigmoidbook.chapters.saturation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sigmoidbook.ChapterData;
import org.sigmoidbook.book.Finding;
import org.sigmoidbook.chapters.saturation.FrozenNeuron.Step;
import org.sigmoidbook.chapters.saturation.GlorotRun.Probe;

/** The full-size claims of chapter 4's page, on the committed tables: every seed of the Glorot runs and of the frozen neuron. */
class SaturationCommittedTest {

    private static final ChapterData COMMITTED = ChapterData.committed("saturation");

    /** "The top hidden layer ... fell below 0.2"; "The order layer 3 > layer 2 > layer 1 > top layer held"; "still falls". */
    @Test
    void everyGlorotRunEndsWithTheTopLayerSaturatedAndTheOthersInThePapersOrder() {
        List<Probe> probes = COMMITTED.rows("activations-during-training", Probe.class);
        long[] seeds = GlorotRun.seeds(probes);
        assertTrue(seeds.length >= 5, seeds.length + " seeds");
        int last = GlorotRun.lastStep(probes);
        for (long seed : seeds) {
            List<Probe> run = GlorotRun.run(probes, seed);
            assertTrue(GlorotRun.orderedAsInThePaper(run, last), "seed " + seed);
            assertTrue(GlorotRun.mean(run, last, GlorotRun.LAYERS) < 0.2, "seed " + seed);
            assertTrue(GlorotRun.topLayerTrend(run).exponent() < 0, "seed " + seed);
        }
        assertEquals(seeds.length + " of " + seeds.length, COMMITTED.text("seeds ending with layer 3 above layer 2 above layer 1 above layer 4"));
        Finding slope = COMMITTED.results().get("top layer: slope of log mean against log step over the last decade of steps");
        assertTrue(slope.high() < 0, slope.toString());
    }

    /**
     * "The saturated neuron creeps ... learns at once": in every seed the saturated squared-error neuron
     * moves less than 5% as far in 100 steps as the unsaturated one and learns last, and cross-entropy
     * learns within a few steps.
     */
    @Test
    void inEverySeedTheSaturatedSquaredErrorNeuronCreepsAndCrossEntropyDoesNot() {
        List<Step> table = COMMITTED.rows("frozen-neuron", Step.class);
        long[] seeds = FrozenNeuron.seeds(table);
        assertEquals((int) COMMITTED.finding("frozen neuron: seeds"), seeds.length);
        List<FrozenNeuron.Neuron> neurons = FrozenNeuron.NEURONS;
        for (long seed : seeds) {
            double free = movedEarly(table, neurons.get(0), seed);
            double frozen = movedEarly(table, neurons.get(1), seed);
            assertTrue(frozen < 0.05 * free, "seed " + seed + ": " + frozen + " vs " + free);
            int freeLearned = learnedAt(table, neurons.get(0), seed);
            int frozenLearned = learnedAt(table, neurons.get(1), seed);
            int rescuedLearned = learnedAt(table, neurons.get(2), seed);
            assertTrue(frozenLearned > 100 * Math.max(freeLearned, rescuedLearned),
                    "seed " + seed + ": learned at " + freeLearned + ", " + frozenLearned + ", " + rescuedLearned);
        }
    }

    private static double movedEarly(List<Step> table, FrozenNeuron.Neuron neuron, long seed) {
        return FrozenNeuron.rows(table, neuron, seed).stream().filter(row -> row.step() == FrozenNeuron.EARLY).findFirst().orElseThrow()
                .weightDistanceMoved();
    }

    private static int learnedAt(List<Step> table, FrozenNeuron.Neuron neuron, long seed) {
        return FrozenNeuron.rows(table, neuron, seed).stream().filter(row -> row.squaredError() < FrozenNeuron.LEARNED_ERROR)
                .mapToInt(Step::step).min().orElse(Integer.MAX_VALUE);
    }
}
