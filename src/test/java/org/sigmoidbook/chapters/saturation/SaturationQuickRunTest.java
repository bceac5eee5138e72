package org.sigmoidbook.chapters.saturation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.sigmoidbook.BookTest;
import org.sigmoidbook.ChapterData;
import org.sigmoidbook.QuickBook;
import org.sigmoidbook.book.Finding;
import org.sigmoidbook.chapters.saturation.FrozenNeuron.Step;
import org.sigmoidbook.chapters.saturation.GlorotRun.Probe;
import org.sigmoidbook.chapters.saturation.InitScale.LayerAtScale;
import org.sigmoidbook.chapters.saturation.Tails.DerivativePoint;
import org.sigmoidbook.chapters.saturation.Tails.LeftTailPoint;
import org.sigmoidbook.chapters.saturation.Tails.Threshold;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.Minibatches;
import org.sigmoidbook.toolkit.nn.Networks;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/** Checks the claims of the saturation chapter on the outputs of its quick run. */
class SaturationQuickRunTest {

    private static final double LN2 = Math.log(2);

    private static ChapterData run() {
        return QuickBook.chapter("saturation");
    }

    private static double finding(String name) {
        return run().finding(name);
    }

    // ---- Glorot and Bengio's Figure 2

    private static List<Probe> activations() {
        return run().rows("activations-during-training", Probe.class);
    }

    @BookTest
    void everyLayerStartsAtOneHalfAndTheTopLayerCollapsesInEverySeed() throws Exception {
        List<String> lines = Files.readAllLines(run().data("activations-during-training.csv"));
        assertEquals("seed,step,layer,mean,std", lines.get(0));
        List<Probe> t = activations();
        int last = GlorotRun.lastStep(t);
        long[] seeds = GlorotRun.seeds(t);
        assertTrue(seeds.length >= 2, "seeds " + Arrays.toString(seeds));
        double[] tops = new double[seeds.length];
        double[] firstBelow = new double[seeds.length];
        for (int s = 0; s < seeds.length; s++) {
            List<Probe> run = GlorotRun.run(t, seeds[s]);
            List<Probe> start = run.stream().filter(probe -> probe.step() == 0).toList();
            assertEquals(GlorotRun.LAYERS, start.size());
            for (Probe probe : start) {
                assertEquals(0.5, probe.mean(), 0.02, "zero biases and symmetric weights start every layer at 1/2");
            }
            tops[s] = GlorotRun.mean(run, last, GlorotRun.LAYERS);
            assertTrue(tops[s] < 0.2, "seed " + seeds[s] + ": top hidden layer mean " + tops[s]);
            firstBelow[s] = GlorotRun.layer(run, GlorotRun.LAYERS).stream().filter(probe -> probe.mean() < 0.2)
                    .mapToInt(Probe::step).min().orElseThrow();
        }
        Finding top = run().results().get("layer 4: mean activation at the last step");
        assertEquals(Finding.Basis.SEEDS_MEAN, top.basis());
        assertEquals(seeds.length, top.seeds());
        assertEquals(Arrays.stream(tops).average().orElseThrow(), top.value(), 1e-12);
        Finding below = run().results().get("first probed step with the top layer's mean below 0.2");
        assertEquals(Finding.Basis.SEEDS_MEDIAN, below.basis());
        assertEquals(medianOfWholeNumbers(firstBelow), below.value(), 0.0);
        assertEquals(Arrays.stream(firstBelow).min().orElseThrow(), below.low(), 0.0);
        assertEquals(Arrays.stream(firstBelow).max().orElseThrow(), below.high(), 0.0);
    }

    /** Glorot and Bengio: below the top layer, the means are larger the nearer a layer is to the output, in every seed. */
    @BookTest
    void theLowerLayersAreOrderedAsInThePaperAndLayerOneBarelyMoves() {
        List<Probe> t = activations();
        int last = GlorotRun.lastStep(t);
        long[] seeds = GlorotRun.seeds(t);
        double[][] means = new double[GlorotRun.LAYERS + 1][seeds.length];
        double[] changes = new double[seeds.length];
        for (int s = 0; s < seeds.length; s++) {
            List<Probe> run = GlorotRun.run(t, seeds[s]);
            double[] mean = new double[GlorotRun.LAYERS + 1];
            for (int l = 1; l <= GlorotRun.LAYERS; l++) {
                mean[l] = GlorotRun.mean(run, last, l);
                means[l][s] = mean[l];
            }
            assertTrue(mean[3] > mean[2] && mean[2] > mean[1] && mean[1] > mean[4],
                    "seed " + seeds[s] + ": expected layer 3 > layer 2 > layer 1 > layer 4: " + Arrays.toString(mean));
            assertTrue(GlorotRun.orderedAsInThePaper(run, last));
            List<Probe> first = GlorotRun.layer(run, 1);
            double start = first.get(0).mean();
            changes[s] = first.stream().mapToDouble(probe -> Math.abs(probe.mean() - start)).max().orElseThrow();
            assertTrue(changes[s] < 0.01, "seed " + seeds[s] + ": layer 1 moved by " + changes[s]);
        }
        for (int l = 1; l <= GlorotRun.LAYERS; l++) {
            assertEquals(Arrays.stream(means[l]).average().orElseThrow(), finding("layer " + l + ": mean activation at the last step"), 1e-12,
                    "finding for layer " + l);
        }
        assertEquals(Arrays.stream(changes).average().orElseThrow(), finding("layer 1: largest change of its mean activation from step 0"), 1e-12);
        assertEquals(seeds.length + " of " + seeds.length, run().text("seeds ending with layer 3 above layer 2 above layer 1 above layer 4"));
    }

    /** The table holds every layer at every probed step of every seed's run. */
    @BookTest
    void everyProbedStepHasARowPerLayerAndSeed() {
        assertEquals(GlorotRun.probeSteps(GlorotRun.lastStep(activations())).size() * GlorotRun.LAYERS * GlorotRun.seeds(activations()).length,
                activations().size());
    }

    /** The trend finding is the mean over the seeds of the least-squares slope of each run's top layer on log-log axes. */
    @BookTest
    void topLayerTrendFindingIsTheMeanFittedExponent() {
        List<Probe> t = activations();
        double[] exponents = Arrays.stream(GlorotRun.seeds(t)).mapToDouble(seed -> GlorotRun.topLayerTrend(GlorotRun.run(t, seed)).exponent())
                .toArray();
        double trend = finding("top layer: slope of log mean against log step over the last decade of steps");
        assertEquals(Arrays.stream(exponents).average().orElseThrow(), trend, 1e-12);
        for (double exponent : exponents) {
            assertTrue(exponent < 0, "the quick run's top layer is still sinking in every seed: " + Arrays.toString(exponents));
        }
    }

    // ---- initial weight scale

    @BookTest
    void largerInitialWeightsSaturateMoreUnitsAndSmallOnesFollowTheLinearRegime() {
        List<LayerAtScale> t = run().rows("init-scale", LayerAtScale.class);
        double smallest = t.stream().mapToDouble(LayerAtScale::weightScale).min().orElseThrow();
        double largest = t.stream().mapToDouble(LayerAtScale::weightScale).max().orElseThrow();
        assertEquals(0.1, smallest, 1e-12);
        assertEquals(100, largest, 1e-9);
        double[] small = t.stream().filter(row -> row.weightScale() == smallest).mapToDouble(LayerAtScale::saturatedFraction).toArray();
        double[] large = t.stream().filter(row -> row.weightScale() == largest).mapToDouble(LayerAtScale::saturatedFraction).toArray();
        assertEquals(0.0, Arrays.stream(small).max().orElseThrow(), 0.0);
        assertTrue(Arrays.stream(large).average().orElseThrow() > 0.5);
        // with sigma' = 1/4 everywhere, dC/dW1 scales as s^4 (four weight matrices above layer 1)
        List<LayerAtScale> first = InitScale.firstLayer(t);
        double s0 = first.get(0).weightScale();
        double s1 = first.get(1).weightScale();
        double ratio = first.get(1).weightGradNorm() / first.get(0).weightGradNorm();
        assertEquals(Math.pow(s1 / s0, 4), ratio, Math.pow(s1 / s0, 4) * 0.05);
        double atLargest = first.get(first.size() - 1).weightGradNorm();
        double extrapolated = first.get(0).weightGradNorm() * Math.pow(largest / smallest, 4);
        assertTrue(atLargest < extrapolated / 100, "saturation must cost the first layer most of its gradient");
    }

    // ---- a saturated neuron

    private static List<Step> frozenNeuron() {
        return run().rows("frozen-neuron", Step.class);
    }

    private static List<Step> neuron(List<Step> t, String name, long seed) {
        return t.stream().filter(row -> row.neuron().equals(name) && row.seed() == seed).toList();
    }

    /** In every seed's run. */
    @BookTest
    void aSaturatedNeuronWithSquaredErrorBarelyMovesWhileCrossEntropyRescuesIt() {
        List<Step> t = frozenNeuron();
        int last = t.stream().mapToInt(Step::step).max().orElseThrow();
        long[] seeds = FrozenNeuron.seeds(t);
        assertTrue(seeds.length >= 2, "seeds " + Arrays.toString(seeds));
        for (long seed : seeds) {
            double free = moved(t, "unsaturated (b = 0), squared error", seed, last);
            double frozen = moved(t, "saturated (b = 10), squared error", seed, last);
            double rescued = moved(t, "saturated (b = 10), cross-entropy", seed, last);
            assertTrue(frozen < 0.05 * free, "seed " + seed + ": saturated neuron moved " + frozen + " vs " + free);
            assertTrue(rescued > 0.5 * free, "seed " + seed + ": cross-entropy cancels sigma': moved " + rescued + " vs " + free);
        }
    }

    /** Squared error on all 0/1 digits, in every seed's run: the unsaturated and the cross-entropy neurons learn, the other does not. */
    @BookTest
    void onlyTheSaturatedSquaredErrorNeuronFailsToLearnInTheQuickRun() {
        List<Step> t = frozenNeuron();
        double limit = FrozenNeuron.LEARNED_ERROR;
        for (long seed : FrozenNeuron.seeds(t)) {
            assertTrue(minError(t, "unsaturated (b = 0), squared error", seed) < limit);
            assertTrue(minError(t, "saturated (b = 10), cross-entropy", seed) < limit);
            assertTrue(minError(t, "saturated (b = 10), squared error", seed) > limit);
            assertTrue(neuron(t, "saturated (b = 10), squared error", seed).stream().mapToDouble(Step::meanSigmaPrime).max().orElseThrow() < 0.01,
                    "seed " + seed + ": it stays saturated throughout");
        }
        assertEquals("not within the 120 steps run in any of the " + FrozenNeuron.seeds(t).length + " seeds",
                run().text("saturated (b = 10), squared error: steps until the squared error on all 0/1 digits is below 0.05"));
    }

    /**
     * Rows: the recorded steps, plus the step a neuron learned at, which is the first row below the
     * error limit; the findings are the mean distance moved over the seeds and the median step, or
     * the steps themselves where they do not vary.
     */
    @BookTest
    void theLearnedStepIsTheFirstRecordedStepBelowTheErrorLimit() {
        List<Step> t = frozenNeuron();
        long[] seeds = FrozenNeuron.seeds(t);
        int last = t.stream().mapToInt(Step::step).max().orElseThrow();
        for (FrozenNeuron.Neuron neuron : FrozenNeuron.NEURONS) {
            double[] moved = new double[seeds.length];
            int[] learnedAt = new int[seeds.length];
            for (int s = 0; s < seeds.length; s++) {
                List<Step> rows = neuron(t, neuron.name(), seeds[s]);
                List<Step> learned = rows.stream().filter(row -> row.squaredError() < FrozenNeuron.LEARNED_ERROR).toList();
                learnedAt[s] = learned.isEmpty() ? -1 : learned.get(0).step();
                for (Step row : rows) {
                    assertTrue(FrozenNeuron.recorded(row.step(), last) || row.step() == learnedAt[s], neuron.name() + " step " + row.step());
                }
                for (int step = 1; step <= last; step++) {
                    int at = step;
                    assertEquals(FrozenNeuron.recorded(step, last), rows.stream().anyMatch(row -> row.step() == at), neuron.name() + " step " + step);
                }
                moved[s] = rows.stream().filter(row -> row.step() == FrozenNeuron.EARLY).findFirst().orElseThrow().weightDistanceMoved();
            }
            Finding distance = run().results().get(neuron.name() + ": distance moved in the first " + FrozenNeuron.EARLY + " steps");
            assertEquals(Arrays.stream(moved).average().orElseThrow(), distance.value(), 1e-12);
            assertEquals(seeds.length, distance.seeds());
            String finding = neuron.name() + ": steps until the squared error on all 0/1 digits is below " + FrozenNeuron.LEARNED_ERROR;
            if (Arrays.stream(learnedAt).allMatch(step -> step > 0) && Arrays.stream(learnedAt).distinct().count() > 1) {
                assertEquals(medianOfWholeNumbers(Arrays.stream(learnedAt).asDoubleStream().toArray()), finding(finding), 0.0, neuron.name());
            } else {
                assertEquals(FrozenNeuron.stepsText(learnedAt, last), run().text(finding), neuron.name());
            }
        }
    }

    private static double minError(List<Step> t, String neuron, long seed) {
        return neuron(t, neuron, seed).stream().mapToDouble(Step::squaredError).min().orElseThrow();
    }

    private static double moved(List<Step> t, String neuron, long seed, int step) {
        return neuron(t, neuron, seed).stream().filter(row -> row.step() == step).findFirst().orElseThrow().weightDistanceMoved();
    }

    /** The saturated neuron's first gradient, by hand: mean over the batch of 2 (a - y) a (1 - a) x. */
    @BookTest
    void theFrozenNeuronsFirstGradientCarriesTheTinySigmaPrime() throws Exception {
        double recorded = neuron(frozenNeuron(), "saturated (b = 10), squared error", QuickBook.SEED).stream().filter(row -> row.step() == 1)
                .findFirst().orElseThrow().weightGradNorm();
        DataSet digits = Mnist.load().train().onlyClasses(0, 1).binary(1, DataType.FLOAT);
        DataSet batch = new Minibatches(digits, FrozenNeuron.BATCH, QuickBook.SEED).next();
        MultiLayerNetwork net = Networks.mlp(Digits.PIXELS).output(1, Activation.SIGMOID, LossFunction.MSE)
                .sgd(FrozenNeuron.LEARNING_RATE).seed(QuickBook.SEED).build();
        double[] w = net.getParam("0_W").toDoubleVector();
        double[][] x = batch.getFeatures().toDoubleMatrix();
        double[] y = batch.getLabels().toDoubleVector();
        double[] gradient = new double[w.length];
        for (int n = 0; n < x.length; n++) {
            double z = FrozenNeuron.SATURATING_BIAS;
            for (int i = 0; i < w.length; i++) {
                z += w[i] * x[n][i];
            }
            double a = Sigmoid.of(z);
            for (int i = 0; i < w.length; i++) {
                gradient[i] += 2 * (a - y[n]) * a * (1 - a) * x[n][i] / x.length;
            }
        }
        double norm = Math.sqrt(Arrays.stream(gradient).map(g -> g * g).sum());
        assertEquals(norm, recorded, norm * 1e-3);
        assertTrue(norm < 1e-3, "sigma'(10) = 4.5e-5 makes the gradient tiny: " + norm);
    }

    // ---- the floating-point tails: thresholds against closed forms and against walks one representable number at a time

    private static double threshold(String implementation, String quantity) {
        List<Threshold> rows = run().rows("thresholds", Threshold.class).stream()
                .filter(row -> row.implementation().equals(implementation) && row.quantity().equals(quantity)).toList();
        assertEquals(1, rows.size(), implementation + " / " + quantity);
        return rows.get(0).thresholdZ();
    }

    private static void assertNear(double expected, double z, boolean isFloat, String what) {
        double ulp = isFloat ? Math.ulp((float) z) : Math.ulp(z);
        assertEquals(expected, z, 2 * ulp, what);
    }

    /**
     * Every threshold against its closed form, computed here: the right tail at 24 ln 2 and 53 ln 2
     * (e^-z at half an ulp of 1); the naive form's left tail at -ln of the largest value (e^-z
     * overflows); the stable form's at ln of half the smallest subnormal (e^z rounds to 0).
     */
    @BookTest
    void everyThresholdSitsAtItsClosedForm() {
        String[] implementations = {"ND4J FLOAT", "ND4J DOUBLE", "Java float", "Java double",
                "Java float, stable form", "Java double, stable form"};
        for (String implementation : implementations) {
            boolean isFloat = implementation.contains("FLOAT") || implementation.contains("float");
            boolean stable = implementation.endsWith("stable form");
            double right = isFloat ? 24 * LN2 : 53 * LN2;
            double left = stable
                    ? Math.log(isFloat ? Float.MIN_VALUE : Double.MIN_VALUE) - LN2
                    : -Math.log(isFloat ? Float.MAX_VALUE : Double.MAX_VALUE);
            for (String quantity : new String[]{"sigma == 1 from z", "sigma' == 0 from z"}) {
                assertNear(right, threshold(implementation, quantity), isFloat, implementation + " / " + quantity);
            }
            for (String quantity : new String[]{"sigma == 0 up to z", "sigma' == 0 up to z"}) {
                assertNear(left, threshold(implementation, quantity), isFloat, implementation + " / " + quantity);
            }
        }
        assertEquals(-88.72, threshold("ND4J FLOAT", "sigma == 0 up to z"), 0.005);
        assertEquals(-709.78, threshold("ND4J DOUBLE", "sigma == 0 up to z"), 0.005);
        assertEquals(-103.97, threshold("Java float, stable form", "sigma == 0 up to z"), 0.005);
        assertEquals(-745.13, threshold("Java double, stable form", "sigma == 0 up to z"), 0.005);
    }

    /**
     * sigma(z) sigma(-z) from ND4J's sigmoid: sigma is 1 where ND4J's is, but sigma' is 0 only where
     * sigma(-z) = 1 / (1 + e^z) is, once e^z overflows at ln of the largest value; on the left where
     * sigma(z) is 0.
     */
    @BookTest
    void theProductFormIsZeroOnlyWhereAnExponentialOverflows() {
        for (String type : new String[]{"FLOAT", "DOUBLE"}) {
            boolean isFloat = type.equals("FLOAT");
            String implementation = "ND4J " + type + ", sigma(z) sigma(-z)";
            double overflow = Math.log(isFloat ? Float.MAX_VALUE : Double.MAX_VALUE);
            assertNear(isFloat ? 24 * LN2 : 53 * LN2, threshold(implementation, "sigma == 1 from z"), isFloat, implementation);
            assertNear(overflow, threshold(implementation, "sigma' == 0 from z"), isFloat, implementation);
            assertNear(-overflow, threshold(implementation, "sigma' == 0 up to z"), isFloat, implementation);
            assertEquals(threshold("ND4J " + type, "sigma' == 0 up to z"), threshold(implementation, "sigma' == 0 up to z"), 0.0);
        }
    }

    private static float floatSigma(float z) {
        return 1f / (1f + (float) Math.exp(-z));
    }

    /** The naive float form, walked float by float: the first z with sigma = 1, and the last with sigma = 0. */
    @BookTest
    void naiveFloatThresholdsMatchAFloatByFloatWalk() {
        float z = 16f;
        while (floatSigma(z) != 1f) {
            z = Math.nextUp(z);
        }
        for (float after = z; after < z + 1; after = Math.nextUp(after)) {
            assertEquals(1f, floatSigma(after), "sigma must stay 1 above the threshold, at " + after);
        }
        assertEquals(z, threshold("Java float", "sigma == 1 from z"), 0.0);
        float s = floatSigma(z);
        assertEquals(0f, s * (1f - s), "sigma' from the output is 0 where sigma is 1");

        float left = -80f;
        while (floatSigma(left) != 0f) {
            left = Math.nextDown(left);
        }
        for (float below = left; below > left - 1; below = Math.nextDown(below)) {
            assertEquals(0f, floatSigma(below));
        }
        assertEquals(left, threshold("Java float", "sigma == 0 up to z"), 0.0);
    }

    /** The stable float form keeps returning subnormals below -88.72; walked down float by float to its first 0. */
    @BookTest
    void stableFloatFormReachesZeroOnlyWhereEToTheZRoundsToZero() {
        float z = -100f;
        while (Tails.stableFloat(z) != 0f) {
            assertTrue(Tails.stableFloat(z) < Float.MIN_NORMAL, "below -100 every value is subnormal: " + z);
            z = Math.nextDown(z);
        }
        assertEquals(z, threshold("Java float, stable form", "sigma == 0 up to z"), 0.0);
        assertEquals(Float.MIN_VALUE, Tails.stableFloat(Math.nextUp(z)), 0.0, "the last value before 0 is the smallest subnormal");
    }

    @BookTest
    void nd4jIsTheNaiveFormAndMatchesJavaToTheBit() {
        for (String quantity : new String[]{"sigma == 1 from z", "sigma == 0 up to z", "sigma' == 0 up to z"}) {
            assertEquals(threshold("Java float", quantity), threshold("ND4J FLOAT", quantity), 0.0, quantity);
            assertEquals(threshold("Java double", quantity), threshold("ND4J DOUBLE", quantity), 0.0, quantity);
        }
        INDArray between = Sigmoid.forward(Sigmoid.vector(DataType.FLOAT, Tails.BETWEEN_FLOAT_THRESHOLDS));
        assertEquals(0.0, between.getDouble(0), 0.0, "ND4J's FLOAT sigmoid at -95 is exactly 0: e^95 overflowed");
        double exact = Math.exp(Tails.BETWEEN_FLOAT_THRESHOLDS);
        assertEquals(exact, finding("sigma(-95) in FLOAT, exact"), exact * 1e-3);
        assertEquals(exact, finding("sigma(-95) in FLOAT, stable form"), exact * 0.01,
                "the stable form's subnormal carries about 2 significant digits there");
        assertEquals(0.0, finding("sigma(-95) in FLOAT, ND4J"), 0.0);
        // at z = -ln(FLT_MAX), sigma'(z) = e^z / (1 + e^z)^2 is e^z = 1 / FLT_MAX to many digits
        double largest = Float.MAX_VALUE;
        assertEquals(1 / largest, finding("exact sigma' where ND4J's FLOAT sigma becomes 0"), 0.01 / largest);
    }

    /** left-tail.csv: ND4J is 0 exactly from its threshold down, the stable form only from its own; the exact curve is e^z. */
    @BookTest
    void leftTailShowsBothFormsEndingAtTheirThresholds() {
        List<LeftTailPoint> tail = run().rows("left-tail", LeftTailPoint.class);
        for (DataType dataType : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            String type = dataType.name();
            List<LeftTailPoint> rows = tail.stream().filter(row -> row.dataType() == dataType).toList();
            double overflow = threshold("ND4J " + type, "sigma == 0 up to z");
            double underflow = threshold(dataType == DataType.FLOAT ? "Java float, stable form" : "Java double, stable form",
                    "sigma == 0 up to z");
            int zerosBetween = 0;
            for (LeftTailPoint row : rows) {
                double z = row.z();
                double nd4j = row.nd4jSigma();
                double stable = row.stableFormSigma();
                assertEquals(z <= overflow, nd4j == 0, type + " ND4J at z = " + z);
                assertEquals(z <= underflow, stable == 0, type + " stable form at z = " + z);
                // for z this negative, ln sigma(z) = z - ln(1 + e^z) = z to double precision
                assertEquals(z / Math.log(10), row.exactLog10Sigma(), 1e-12, "exact at " + z);
                zerosBetween += z > underflow && z <= overflow ? 1 : 0;
            }
            assertTrue(zerosBetween > 100, type + ": the grid must cover the stretch where only ND4J is 0");
        }
    }

    /**
     * derivative-tail.csv: DL4J's sigma' and the product form equal the exact one where none is tiny,
     * and each is exactly 0 beyond its thresholds; the z are floats, so that every column describes the
     * same z.
     */
    @BookTest
    void derivativeCurvesFollowTheExactSlopeUntilTheyHitZero() {
        List<DerivativePoint> curves = run().rows("derivative-tail", DerivativePoint.class);
        double floatLeft = threshold("ND4J FLOAT", "sigma' == 0 up to z");
        double floatRight = threshold("ND4J FLOAT", "sigma' == 0 from z");
        double doubleRight = threshold("ND4J DOUBLE", "sigma' == 0 from z");
        double productRight = threshold("ND4J FLOAT, sigma(z) sigma(-z)", "sigma' == 0 from z");
        for (DerivativePoint point : curves) {
            double z = point.z();
            assertEquals((float) z, z, 0.0, "a float grid");
            double e = Math.exp(-Math.abs(z));
            double exact = e / ((1 + e) * (1 + e));
            assertEquals(exact, point.exactSigmaPrime(), exact * 1e-14, "exact at " + z);
            double flt = point.dl4jFloatSigmaPrime();
            double dbl = point.dl4jDoubleSigmaPrime();
            double product = point.productFloatSigmaPrime();
            assertEquals(z <= floatLeft || z >= floatRight, flt == 0, "FLOAT at z = " + z);
            assertEquals(z >= doubleRight, dbl == 0, "DOUBLE at z = " + z);
            assertEquals(z <= floatLeft || z >= productRight, product == 0, "product at z = " + z);
            if (Math.abs(z) < 5) {
                assertEquals(exact, flt, exact * 1e-4, "FLOAT at z = " + z);
                assertEquals(exact, dbl, exact * 1e-12, "DOUBLE at z = " + z);
            }
        }
        assertNotEquals(0, curves.size());
        assertEquals(Tails.largestRelativeError(curves, DerivativePoint::productFloatSigmaPrime, Tails.FLOAT_NORMAL_LIMIT),
                finding("largest relative error of FLOAT sigma(z) sigma(-z), |z| up to 126 ln 2"), 0.0);
        assertTrue(finding("largest relative error of FLOAT sigma(z) sigma(-z), |z| up to 126 ln 2") < 8 * 0x1p-24);
    }

    /** The median of whole numbers, from the sorted middle: the mean of the two middle values where n is even. */
    private static double medianOfWholeNumbers(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2;
    }
}
