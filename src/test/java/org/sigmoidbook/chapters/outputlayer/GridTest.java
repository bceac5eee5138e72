package org.sigmoidbook.chapters.outputlayer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.toolkit.nn.HiddenUnit;

/** The declared grid: every cell trained once, and in full mode the cells experiments share are one run. */
class GridTest {

    private static Grid grid(boolean quick) {
        return Grid.of(new Lab("output-layer", 42, quick, null));
    }

    /**
     * Per seed, counted by hand: 10 remedies cells; heads 2 stacks × 5 heads, of which the two
     * sigmoid-XENT heads are remedies cells; the sweep 2 units × 5 rates, of which lr 0.1 is the
     * book's setup; depth 6 configurations × 2 depths, of which depth 5 is a remedies cell.
     */
    @Test
    void inFullModeSharedCellsAreOneRun() {
        Grid full = grid(false);
        assertEquals(List.of(42, 43, 44, 45, 46), full.seeds());
        int perSeed = 10 + (10 - 2) + (10 - 2) + (12 - 6);
        assertEquals(5 * perSeed, full.setups().size());
        assertEquals(full.remedy(new Configuration(HiddenUnit.RELU, Remedy.NONE), 43), full.head(Grid.HEAD_STACKS.get(0), Head.SIGMOID_XENT, 43));
        assertEquals(full.remedy(new Configuration(HiddenUnit.TANH, Remedy.NONE), 44), full.learningRate(HiddenUnit.TANH, 0.1, 44));
        assertEquals(full.remedy(new Configuration(HiddenUnit.SIGMOID, Remedy.BATCHNORM), 45),
                full.depth(new Configuration(HiddenUnit.SIGMOID, Remedy.BATCHNORM), 5, 45));
    }

    @Test
    void everySetupIsListedOnceAndEveryCellHasOne() {
        for (boolean quick : new boolean[]{true, false}) {
            Grid grid = grid(quick);
            List<Setup> setups = grid.setups();
            assertEquals(setups.size(), new HashSet<>(setups).size());
            for (int seed : grid.seeds()) {
                Grid.REMEDIES.forEach(c -> assertTrue(setups.contains(grid.remedy(c, seed))));
                Grid.HEAD_STACKS.forEach(s -> Grid.HEADS.forEach(h -> assertTrue(setups.contains(grid.head(s, h, seed)))));
                Grid.SWEPT_UNITS.forEach(u -> Grid.LEARNING_RATES.forEach(r -> assertTrue(setups.contains(grid.learningRate(u, r, seed)))));
                Grid.DEEP.forEach(c -> grid.depths().forEach(d -> assertTrue(setups.contains(grid.depth(c, d, seed)))));
            }
        }
    }

    /** The long runs train at the sweep's largest learning rate; the other remedies cells at the book's. */
    @Test
    void theLongRunsUseTheLargestLearningRateOfTheSweep() {
        Grid full = grid(false);
        assertEquals(Grid.LEARNING_RATES.get(Grid.LEARNING_RATES.size() - 1), full.remedy(new Configuration(HiddenUnit.SIGMOID, Remedy.LONG), 42).learningRate());
        assertEquals(OutputLayerChapter.LEARNING_RATE, full.remedy(new Configuration(HiddenUnit.SIGMOID, Remedy.X4), 42).learningRate());
        assertEquals(80, full.longBudget().epochs());
    }

    @Test
    void theGridTableNamesEveryLevel() {
        List<Grid.Factor> factors = grid(false).factors(392);
        String all = factors.toString();
        for (Remedy remedy : Remedy.values()) {
            assertTrue(all.contains(remedy.label()), remedy.label());
        }
        for (Head head : Head.values()) {
            assertTrue(all.contains(head.label()), head.label());
        }
        assertTrue(all.contains("0.1; 0.5; 1; 2; 4"), all);
        assertTrue(all.contains("5; 10"), all);
        assertTrue(all.contains("42; 43; 44; 45; 46"), all);
        assertTrue(all.contains("1024 training digits, 10 epochs"), all);
    }

    /**
     * The workers start on the costliest runs: cost in layer-epochs, training digits × epochs ×
     * hidden layers, a batch-normalised layer counted three times.
     */
    @Test
    void setupsComeCostliestFirst() {
        for (boolean quick : new boolean[]{true, false}) {
            List<Setup> setups = grid(quick).setups();
            for (int i = 1; i < setups.size(); i++) {
                assertTrue(layerEpochs(setups.get(i - 1)) >= layerEpochs(setups.get(i)), setups.get(i - 1) + " before " + setups.get(i));
            }
        }
        List<Setup> full = grid(false).setups();
        assertEquals(Remedy.LONG, full.get(0).remedy(), "1,024 digits × 80 epochs × 5 layers comes first");
        Setup deepBatchNorm = full.get(5);
        assertEquals(Remedy.BATCHNORM, deepBatchNorm.remedy(), "after the 5 seeds' long runs: 1,024 × 10 × 10 layers × 3");
        assertEquals(Grid.DEEP_LAYERS, deepBatchNorm.hiddenLayers());
    }

    private static long layerEpochs(Setup setup) {
        long perLayer = setup.remedy() == Remedy.BATCHNORM ? 3 : 1;
        return (long) setup.budget().trainingDigits() * setup.budget().epochs() * setup.hiddenLayers() * perLayer;
    }

    /** Quick mode: 2 seeds from the lab's, 480 digits for the remedies and 64 for the rest; the most is 480. */
    @Test
    void quickModeTrainsLessOnFewerSeeds() {
        Grid quick = grid(true);
        assertEquals(List.of(42, 43), quick.seeds());
        assertEquals(42, quick.firstSeed());
        assertEquals(480, quick.trainingDigits());
        assertEquals(1024, grid(false).trainingDigits());
        String all = quick.factors(392).toString();
        assertTrue(all.contains("480 training digits, 3 epochs"), all);
        assertTrue(all.contains("64 training digits, 1 epochs"), all);
        assertFalse(all.contains("as the remedies"), all);
        assertTrue(grid(false).factors(392).toString().contains("as the remedies"));
    }

    /** Gradients are recorded for the book's setup (no remedy) with each of the three hidden units, every seed. */
    @Test
    void theRecordedRunsAreTheBooksSetupPerUnitAndSeed() {
        Grid full = grid(false);
        Set<Setup> recorded = full.recorded();
        assertEquals(3 * 5, recorded.size());
        for (int seed = 42; seed <= 46; seed++) {
            for (HiddenUnit unit : List.of(HiddenUnit.SIGMOID, HiddenUnit.TANH, HiddenUnit.RELU)) {
                assertTrue(recorded.contains(full.remedy(new Configuration(unit, Remedy.NONE), seed)), unit + ", seed " + seed);
            }
        }
    }
}
