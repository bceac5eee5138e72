package org.sigmoidbook.chapters.today;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.sigmoidbook.BookTest;
import org.sigmoidbook.book.Rows;
import org.sigmoidbook.chapters.outputlayer.OutputLayerChapter;
import org.sigmoidbook.chapters.today.HiddenUnits.EpochScore;
import org.sigmoidbook.chapters.today.HiddenUnits.Hidden;
import org.sigmoidbook.chapters.today.HiddenUnits.LayerSpread;
import org.sigmoidbook.toolkit.data.Digits;

class HiddenUnitsTest {

    private static final long SEED = 1;
    private static final HiddenUnits.Budget SMALL = new HiddenUnits.Budget(800, 2);
    private static HiddenUnits.Data data;
    private static Map<Hidden, List<EpochScore>> runs;

    private static synchronized HiddenUnits.Data data() {
        if (data == null) {
            data = HiddenUnits.Data.of(TodayTesting.digits(), SMALL.trainingDigits());
        }
        return data;
    }

    /** One run of each hidden unit with the same seed, trained once for every test that needs it. */
    private static synchronized Map<Hidden, List<EpochScore>> runs() {
        if (runs == null) {
            runs = new EnumMap<>(Hidden.class);
            for (Hidden hidden : Hidden.values()) {
                runs.put(hidden, HiddenUnits.run(hidden, SEED, SMALL, data()));
            }
        }
        return runs;
    }

    private static EpochScore last(Hidden hidden) {
        List<EpochScore> run = runs().get(hidden);
        return run.get(run.size() - 1);
    }

    /** Chapter 7's network: 784 -> 5 x 32 -> 1 sigmoid, XENT; SiLU is DL4J's SWISH. */
    @Test
    void chapterSevensNetworkWithTheChosenHiddenUnits() {
        TodayTesting.startBackend();
        MultiLayerNetwork net = HiddenUnits.network(Hidden.SILU, SEED);
        assertEquals(OutputLayerChapter.HIDDEN_LAYERS + 1, net.getnLayers());
        for (int layer = 0; layer < OutputLayerChapter.HIDDEN_LAYERS; layer++) {
            BaseLayer conf = (BaseLayer) net.getLayer(layer).conf().getLayer();
            assertTrue(conf.getActivationFn() instanceof ActivationSwish, "layer " + layer);
            assertEquals(OutputLayerChapter.WIDTH, net.getParam(layer + "_W").columns());
        }
        assertTrue(((BaseLayer) net.getLayer(5).conf().getLayer()).getActivationFn() instanceof ActivationSigmoid);
        assertTrue(((BaseLayer) HiddenUnits.network(Hidden.TANH, SEED).getLayer(0).conf().getLayer()).getActivationFn()
                instanceof ActivationTanH);
        assertEquals(1, net.getParam("5_W").columns());
    }

    /** Weights N(0, 1/n_in) for chapter 7's init, N(0, 2/n_in) for He's; biases 0. */
    @Test
    void initialWeightsHaveTheChosenSpread() {
        TodayTesting.startBackend();
        double normal = HiddenUnits.network(Hidden.SILU, SEED).getParam("0_W").stdNumber().doubleValue();
        double he = HiddenUnits.network(Hidden.SILU_HE, SEED).getParam("0_W").stdNumber().doubleValue();
        assertEquals(1 / Math.sqrt(Digits.PIXELS), normal, 0.03 / Math.sqrt(Digits.PIXELS));
        assertEquals(Math.sqrt(2.0 / Digits.PIXELS), he, 0.03 * Math.sqrt(2.0 / Digits.PIXELS));
        assertEquals(0.0, HiddenUnits.network(Hidden.SILU_HE, SEED).getParam("0_b").sumNumber().doubleValue());
    }

    /**
     * SiLU's slope at 0 is 1/2: with weights N(0, 1/n_in) a small signal leaves each layer with half
     * the spread it came in with. He's doubled variance would give 1/sqrt(2) for a small signal and 1
     * for a large one, where SiLU acts like ReLU. With 32 units a layer the gain of one layer is itself
     * random, so the test takes the mean gain per layer from layer 1 to 5, (std_5 / std_1)^(1/4), for
     * three seeds.
     */
    @Test
    void siluHalvesTheSignalPerLayerUnderChapterSevensInitAndHeRestoresMostOfIt() {
        for (long seed = 1; seed <= 3; seed++) {
            double silu = meanGainPerLayer(Hidden.SILU, seed);
            double he = meanGainPerLayer(Hidden.SILU_HE, seed);
            assertEquals(0.5, silu, 0.07, "SiLU, N(0, 1/n_in), seed " + seed);
            assertTrue(he > Math.sqrt(0.5) - 0.03 && he < 1, "SiLU, He, seed " + seed + ": " + he);
        }
    }

    private static double meanGainPerLayer(Hidden hidden, long seed) {
        List<LayerSpread> scales = HiddenUnits.scales(hidden, seed, data());
        assertEquals(OutputLayerChapter.HIDDEN_LAYERS, scales.size());
        double[] std = scales.stream().mapToDouble(LayerSpread::activationStd).toArray();
        double gain = HiddenUnits.gainPerLayer(scales);
        assertEquals(std[4] / std[0], gain * gain * gain * gain, 1e-12);
        return gain;
    }

    @BookTest
    void oneRowPerEpochFromInitialisation() {
        List<EpochScore> run = runs().get(Hidden.TANH);
        assertEquals(List.of("hidden", "seed", "epoch", "heldout_accuracy", "heldout_loss"), Rows.columns(EpochScore.class));
        assertEquals(SMALL.epochs() + 1, run.size());
        assertEquals(0, run.get(0).epoch());
        assertEquals(List.of(Hidden.TANH), run.stream().map(EpochScore::hidden).distinct().toList());
    }

    /**
     * After two epochs on 800 digits, tanh, ReLU and He-initialised SiLU classify 9 against 4 well,
     * while SiLU with N(0, 1/n_in) has barely left the loss of a network that knows nothing, ln 2.
     */
    @BookTest
    void siluWithChapterSevensInitStartsSlowlyAndHeInitFixesIt() {
        for (Hidden hidden : List.of(Hidden.TANH, Hidden.RELU_HE, Hidden.SILU_HE)) {
            assertTrue(last(hidden).heldoutAccuracy() > 0.85, hidden + " accuracy " + last(hidden).heldoutAccuracy());
            assertTrue(last(hidden).heldoutLoss() < 0.5, hidden + " loss " + last(hidden).heldoutLoss());
        }
        assertEquals(Math.log(2), last(Hidden.SILU).heldoutLoss(), 0.03);
    }
}
