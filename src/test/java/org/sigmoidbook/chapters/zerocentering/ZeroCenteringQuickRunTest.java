package org.sigmoidbook.chapters.zerocentering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sigmoidbook.BookTest;
import org.sigmoidbook.ChapterData;
import org.sigmoidbook.QuickBook;
import org.sigmoidbook.chapters.zerocentering.Conditioning.Inputs;
import org.sigmoidbook.chapters.zerocentering.Conditioning.Spectrum;
import org.sigmoidbook.chapters.zerocentering.Convergence.Biases;
import org.sigmoidbook.chapters.zerocentering.Convergence.Epoch;
import org.sigmoidbook.chapters.zerocentering.Convergence.Slope;
import org.sigmoidbook.chapters.zerocentering.Convergence.Training;
import org.sigmoidbook.chapters.zerocentering.SameSign.ByBatchSize;
import org.sigmoidbook.chapters.zerocentering.SameSign.ByFanIn;
import org.sigmoidbook.chapters.zerocentering.ZigZag.Input;
import org.sigmoidbook.chapters.zerocentering.ZigZag.PathPoint;
import org.sigmoidbook.chapters.zerocentering.ZigZag.Setting;
import org.sigmoidbook.chapters.zerocentering.ZigZag.Steps;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.HiddenUnit;

/** Chapter 5's tables and findings in the shared quick run, against closed forms, bounds and recounts. */
class ZeroCenteringQuickRunTest {

    private static ChapterData run() {
        return QuickBook.chapter("zero-centering");
    }

    private static List<Spectrum> spectra(Inputs inputs) {
        return run().rows("conditioning", Spectrum.class).stream().filter(row -> row.inputs() == inputs).toList();
    }

    private static Spectrum mnistLayerOf(HiddenUnit unit, int seed) {
        return spectra(Inputs.MNIST).stream().filter(row -> row.hidden() == unit && row.seed() == seed).findFirst().orElseThrow();
    }

    /** The seed of the run, the first of every experiment's seeds. */
    private static int firstSeed() {
        return run().rows("convergence", Epoch.class).stream().mapToInt(Epoch::seed).min().orElseThrow();
    }

    /** Each drawn path ends where the steps table says, within 1% of the optimum and not a step earlier. */
    @BookTest
    void thePathsEndWhereTheStepsTableSays() {
        List<PathPoint> paths = run().rows("zigzag-paths", PathPoint.class);
        List<Steps> steps = run().rows("zigzag-steps", Steps.class);
        assertEquals(2 * ZigZag.EXAMPLES, run().rows("zigzag-inputs", Input.class).size());
        for (Setting setting : ZigZag.SETTINGS) {
            for (int angle : ZigZag.DRAWN_STARTS) {
                List<PathPoint> path = paths.stream().filter(p -> p.setting().equals(setting) && p.startAngle() == angle).toList();
                int last = path.size() - 1;
                String where = setting.label() + ", start " + angle;
                assertEquals(last, path.get(last).step(), where);
                assertTrue(ZigZag.withinTolerance(path.get(last).w1(), path.get(last).w2()), where);
                assertFalse(ZigZag.withinTolerance(path.get(last - 1).w1(), path.get(last - 1).w2()), where);
                Steps row = steps.stream().filter(r -> r.seed() == firstSeed() && r.setting().equals(setting) && r.startAngle() == angle)
                        .findFirst().orElseThrow();
                assertEquals(last, row.steps(), where);
            }
        }
    }

    /** The step findings are the median over seeds of each seed's diagonal start, median and slowest direction in the table. */
    @BookTest
    void theStepFindingsAreMediansOfTheStepsTable() {
        List<Steps> steps = run().rows("zigzag-steps", Steps.class);
        List<Integer> seeds = steps.stream().map(Steps::seed).distinct().toList();
        assertEquals(seeds.size(), run().finding("zigzag: input sets (seeds)"), 0.0);
        for (Setting setting : ZigZag.SETTINGS) {
            double[] diagonal = new double[seeds.size()];
            double[] slowest = new double[seeds.size()];
            for (int s = 0; s < seeds.size(); s++) {
                int seed = seeds.get(s);
                List<Steps> of = steps.stream().filter(r -> r.seed() == seed && r.setting().equals(setting)).toList();
                assertEquals(run().finding("zigzag: start directions"), of.size(), 0.0);
                diagonal[s] = of.stream().filter(r -> r.startAngle() == ZigZag.DIAGONAL_START).findFirst().orElseThrow().steps();
                slowest[s] = of.stream().mapToInt(Steps::steps).max().orElseThrow();
            }
            assertEquals(medianOfWholeNumbers(diagonal), run().finding("zigzag: steps from the diagonal start, " + setting.label()), 0.0);
            assertEquals(medianOfWholeNumbers(slowest), run().finding("zigzag: steps from the slowest start direction, " + setting.label()), 0.0);
        }
    }

    @BookTest
    void sigmoidFedNeuronsGetSameSignGradientsAndTanhFedOnesDoNot() {
        List<ByFanIn> rows = run().rows("same-sign", ByFanIn.class);
        List<ByFanIn> sigmoid = rows.stream().filter(row -> row.hidden() == HiddenUnit.SIGMOID).toList();
        assertTrue(sigmoid.size() >= 3);
        for (ByFanIn row : sigmoid) {
            assertEquals(1.0, row.sameSignFraction(), 0.0, "fan-in " + row.fanIn());
        }
        for (HiddenUnit unit : List.of(HiddenUnit.TANH, HiddenUnit.LECUN_TANH, HiddenUnit.CENTRED_SIGMOID)) {
            List<ByFanIn> ofUnit = rows.stream().filter(row -> row.hidden() == unit).toList();
            ByFanIn wide = ofUnit.stream().filter(row -> row.fanIn() == 30).findFirst().orElseThrow();
            assertTrue(wide.sameSignFraction() < 0.05, unit.label() + " at fan-in 30");
            ByFanIn single = ofUnit.stream().filter(row -> row.fanIn() == 1).findFirst().orElseThrow();
            assertEquals(1.0, single.sameSignFraction(), 0.0, "one input always has one sign");
        }
    }

    /**
     * Per minibatch: exact for a batch of one digit, weaker for larger batches (some neurons see mixed
     * signs in the first seed's network), and centred inputs stay mixed. The finding the page quotes
     * is the mean of the table's seeds.
     */
    @BookTest
    void minibatchesMixTheSignsOfSigmoidFedGradients() {
        List<ByBatchSize> rows = run().rows("same-sign-batches", ByBatchSize.class);
        assertEquals(List.of(1, 10, 20, 100), rows.stream().filter(row -> row.hidden() == HiddenUnit.SIGMOID && row.seed() == firstSeed())
                .map(ByBatchSize::batchSize).toList());
        for (ByBatchSize row : rows) {
            int size = row.batchSize();
            double fraction = row.sameSignFraction();
            double majority = row.majoritySignShare();
            assertTrue(majority >= 0.5 && majority <= 1, "a majority share lies in [1/2, 1]");
            assertTrue(fraction <= majority, "all of one sign implies a majority share of 1");
            if (row.hidden() == HiddenUnit.SIGMOID) {
                if (size == 1) {
                    assertEquals(1.0, fraction, 0.0, "exact for one digit");
                } else if (row.seed() == firstSeed()) {
                    assertTrue(fraction < 1, "minibatches of " + size + " mix some signs");
                }
            } else {
                assertTrue(fraction < 0.05, row.hidden().label() + " at batch size " + size);
            }
        }
        for (int size : SameSign.BATCH_SIZES) {
            double mean = rows.stream().filter(row -> row.hidden() == HiddenUnit.SIGMOID && row.batchSize() == size)
                    .mapToDouble(ByBatchSize::sameSignFraction).average().orElseThrow();
            assertEquals(mean, run().finding("same-sign fraction, sigmoid inputs, minibatches of " + size), 1e-12);
        }
    }

    /**
     * The sampled spectra against the closed form. The largest eigenvalue is estimated well; the
     * smallest eigenvalue of a sample of S rows in n dimensions sits near v (1 - sqrt(n/S))² (the
     * Marchenko–Pastur edge), give or take the sampling noise of a variance, about sqrt(2/S) relative.
     */
    @BookTest
    void sampledSpectraFollowTheClosedForm() {
        List<Spectrum> gaussian = spectra(Inputs.GAUSSIAN);
        assertTrue(gaussian.size() >= 8);
        for (Spectrum row : gaussian) {
            double[] moments = ConditioningTest.momentsByQuadrature(row.hidden()::of);
            int n = row.n();
            int samples = row.examples();
            double edge = Math.sqrt((double) n / samples);
            double largest = row.largestEigenvalue();
            double smallest = row.smallestEigenvalue();
            double closedLargest = moments[1] + n * moments[0] * moments[0];
            assertEquals(closedLargest, row.closedFormLargest(), 1e-9);
            assertEquals(moments[1], row.closedFormSmallest(), 1e-9);
            String where = row.hidden().label() + ", n = " + n;
            assertEquals(closedLargest, largest, closedLargest * 4 * (1 + edge) / Math.sqrt(samples) + moments[1] * 2.5 * edge, where);
            double noise = 3 / Math.sqrt(samples);
            assertTrue(smallest > moments[1] * (1 - edge) * (1 - edge) * (1 - noise) && smallest < moments[1] * (1 + noise),
                    where + ": smallest " + smallest);
            assertEquals(largest / smallest, row.conditionNumber(), 1e-9 * largest / smallest);
        }
    }

    /** The top eigenvalue grows like n m² with m = ½ for sigmoid inputs, and does not grow for centred ones, for every seed. */
    @BookTest
    void theLargestEigenvalueOfSigmoidInputsGrowsLikeAQuarterPerInput() {
        List<Integer> seeds = spectra(Inputs.GAUSSIAN).stream().map(Spectrum::seed).distinct().toList();
        assertTrue(seeds.size() >= 2);
        for (int seed : seeds) {
            for (HiddenUnit unit : List.of(HiddenUnit.SIGMOID, HiddenUnit.CENTRED_SIGMOID)) {
                List<Spectrum> rows = spectra(Inputs.GAUSSIAN).stream().filter(row -> row.hidden() == unit && row.seed() == seed).toList();
                Spectrum first = rows.get(0);
                Spectrum last = rows.get(rows.size() - 1);
                double slope = (last.largestEigenvalue() - first.largestEigenvalue()) / (last.n() - first.n());
                assertEquals(unit == HiddenUnit.SIGMOID ? 0.25 : 0.0, slope, 0.01, unit.label() + ", seed " + seed);
            }
        }
    }

    /**
     * The MNIST layer's largest eigenvalue, checked against bounds computed here from the same
     * layer's outputs: |E x|² ≤ λ_max ≤ E|x|² (E[xx'] - (Ex)(Ex)' is a covariance, and λ_max ≤ trace).
     */
    @BookTest
    void theMnistLayersLargestEigenvalueLiesBetweenTheSquaredMeanAndTheTrace() throws Exception {
        for (int seed : spectra(Inputs.MNIST).stream().map(Spectrum::seed).distinct().toList()) {
            theMnistLayersLargestEigenvalueLiesBetweenTheSquaredMeanAndTheTrace(
                    spectra(Inputs.MNIST).stream().filter(row -> row.seed() == seed).toList(), seed);
        }
    }

    private static void theMnistLayersLargestEigenvalueLiesBetweenTheSquaredMeanAndTheTrace(List<Spectrum> mnist, int seed) throws Exception {
        int width = mnist.get(0).n();
        int digits = mnist.get(0).examples();
        INDArray features = Mnist.load().test().first(digits).features(DataType.FLOAT);
        List<INDArray> outputs = Convergence.firstHiddenLayers(features, width, seed);
        for (int k = 0; k < outputs.size(); k++) {
            double[][] x = outputs.get(k).toDoubleMatrix();
            double[] mean = new double[width];
            double trace = 0;
            for (double[] row : x) {
                for (int i = 0; i < width; i++) {
                    mean[i] += row[i] / x.length;
                    trace += row[i] * row[i] / x.length;
                }
            }
            double meanSquared = Arrays.stream(mean).map(m -> m * m).sum();
            double largest = mnist.get(k).largestEigenvalue();
            HiddenUnit unit = mnist.get(k).hidden();
            assertTrue(meanSquared <= largest * (1 + 1e-9) && largest <= trace * (1 + 1e-9),
                    unit.label() + ": " + meanSquared + " <= " + largest + " <= " + trace);
            if (unit == HiddenUnit.SIGMOID) {
                assertEquals(width / 4.0, meanSquared, 0.1 * width / 4.0, "sigmoid outputs near one half: |E x|² near n/4");
            }
        }
    }

    @BookTest
    void sigmoidInputsAreWorseConditionedThanCentredOnesOnMnistToo() {
        for (int seed : spectra(Inputs.MNIST).stream().map(Spectrum::seed).distinct().toList()) {
            double sigmoid = mnistLayerOf(HiddenUnit.SIGMOID, seed).conditionNumber();
            double centred = mnistLayerOf(HiddenUnit.CENTRED_SIGMOID, seed).conditionNumber();
            assertTrue(sigmoid > 10 * centred, "seed " + seed + ": " + sigmoid + " vs " + centred);
        }
    }

    /**
     * The sigmoid with b = −W·½ computes the centred network's function at initialisation: the same
     * loss at epoch 0 for every seed, and the same slopes in every layer. In the first layer, fed by
     * pixels, all three networks at weights ×4 have the same pre-activations, hence the same slope.
     */
    @BookTest
    void removingTheOffsetStartsTheSigmoidWhereTheCentredNetworkStarts() {
        List<Epoch> start = run().rows("convergence", Epoch.class).stream().filter(row -> row.epoch() == 0).toList();
        List<Slope> slopes = run().rows("slopes-at-initialisation", Slope.class);
        for (int seed : start.stream().map(Epoch::seed).distinct().toList()) {
            Epoch removed = start.stream().filter(row -> row.seed() == seed && row.biases() == Biases.OFFSET_REMOVED).findFirst().orElseThrow();
            Epoch centred = start.stream().filter(row -> row.seed() == seed && row.hidden() == HiddenUnit.CENTRED_SIGMOID
                    && row.hiddenWeightScale() != 1).findFirst().orElseThrow();
            assertEquals(centred.trainLoss(), removed.trainLoss(), 1e-5, "seed " + seed);
            assertEquals(centred.heldoutAccuracy(), removed.heldoutAccuracy(), 0.0, "seed " + seed);
            for (int layer = 1; layer <= Convergence.LAYERS; layer++) {
                int l = layer;
                List<Slope> at = slopes.stream().filter(row -> row.seed() == seed && row.layer() == l).toList();
                assertEquals(3, at.size());
                double removedSlope = at.stream().filter(row -> row.biases() == Biases.OFFSET_REMOVED).findFirst().orElseThrow().meanSlope();
                double centredSlope = at.stream().filter(row -> row.hidden() == HiddenUnit.CENTRED_SIGMOID).findFirst().orElseThrow().meanSlope();
                assertEquals(centredSlope, removedSlope, 1e-5, "seed " + seed + ", layer " + layer);
                if (layer == 1) {
                    at.forEach(row -> assertEquals(centredSlope, row.meanSlope(), 1e-6, "layer 1 of " + row.training().label()));
                }
            }
        }
    }

    /** The findings are the tables' means over seeds, the differences paired by seed. */
    @BookTest
    void theConvergenceFindingsAreTheTablesMeansOverSeeds() {
        List<Epoch> rows = run().rows("convergence", Epoch.class);
        int last = rows.stream().mapToInt(Epoch::epoch).max().orElseThrow();
        Training centred = Convergence.TRAININGS.get(6);
        for (Training training : Convergence.TRAININGS) {
            List<Epoch> end = rows.stream().filter(row -> row.epoch() == last && row.training().equals(training)).toList();
            assertEquals(run().finding("convergence seeds"), end.size(), 0.0);
            assertEquals(end.stream().mapToDouble(Epoch::trainLoss).average().orElseThrow(),
                    run().finding(training.label() + ": final training loss"), 1e-12);
            assertEquals(end.stream().mapToDouble(Epoch::heldoutAccuracy).average().orElseThrow(),
                    run().finding(training.label() + ": final held-out accuracy"), 1e-12);
            if (training.hiddenWeightScale() != 1 && !training.equals(centred)) {
                double difference = end.stream().mapToDouble(row -> row.trainLoss() - rows.stream()
                        .filter(r -> r.epoch() == last && r.seed() == row.seed() && r.training().equals(centred))
                        .findFirst().orElseThrow().trainLoss()).average().orElseThrow();
                assertEquals(difference, run().finding(training.label() + " minus " + centred.label() + ": final training loss"), 1e-12);
            }
        }
    }

    /** The training length the page states: epochs from the table, steps = epochs × ceil(digits / batch). */
    @BookTest
    void theStatedTrainingLengthIsTheTablesAndTheMinibatchArithmetic() {
        int epochs = (int) run().finding("convergence epochs");
        assertEquals(run().rows("convergence", Epoch.class).stream().mapToInt(Epoch::epoch).max().orElseThrow(), epochs);
        int perEpoch = (int) run().finding("convergence SGD steps per epoch");
        int digits = (int) run().finding("convergence training digits");
        assertEquals((digits + Convergence.BATCH - 1) / Convergence.BATCH, perEpoch);
        assertEquals(epochs * perEpoch, run().finding("convergence SGD steps in all"), 0.0);
        assertEquals(Convergence.LEARNING_RATE, run().finding("convergence learning rate"), 0.0);
    }

    /** The median of whole numbers, from the sorted middle: the mean of the two middle values where n is even. */
    private static double medianOfWholeNumbers(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2;
    }
}
