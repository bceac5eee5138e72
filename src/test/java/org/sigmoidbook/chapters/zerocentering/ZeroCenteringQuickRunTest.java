package org.sigmoidbook.chapters.zerocentering;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.sigmoidbook.chapters.zerocentering.Convergence.Epoch;
import org.sigmoidbook.chapters.zerocentering.SameSign.ByBatchSize;
import org.sigmoidbook.chapters.zerocentering.SameSign.ByFanIn;
import org.sigmoidbook.chapters.zerocentering.ZigZag.Input;
import org.sigmoidbook.chapters.zerocentering.ZigZag.PathPoint;
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

    private static Spectrum mnistLayerOf(HiddenUnit unit) {
        return spectra(Inputs.MNIST).stream().filter(row -> row.hidden() == unit).findFirst().orElseThrow();
    }

    /** The tables hold the whole paths: they end where the findings say, within 1% of the optimum. */
    @BookTest
    void thePathTableEndsWhereTheFindingsSay() {
        List<PathPoint> paths = run().rows("zigzag-paths", PathPoint.class);
        assertEquals(2 * ZigZag.EXAMPLES, run().rows("zigzag-inputs", Input.class).size());
        for (ZigZag.Inputs set : ZigZag.Inputs.values()) {
            List<PathPoint> path = paths.stream().filter(p -> p.inputs() == set).toList();
            int last = path.size() - 1;
            assertEquals(last, path.get(last).step());
            assertTrue(ZigZag.withinTolerance(path.get(last).w1(), path.get(last).w2()));
            assertTrue(!ZigZag.withinTolerance(path.get(last - 1).w1(), path.get(last - 1).w2()));
        }
        long positive = paths.stream().filter(p -> p.inputs() == ZigZag.Inputs.POSITIVE).count();
        assertEquals(run().finding("steps to 1% of the starting distance, inputs sigma(u) > 0"), positive - 1);
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
     * signs), and centred inputs stay mixed. The finding the page quotes is the table's value.
     */
    @BookTest
    void minibatchesMixTheSignsOfSigmoidFedGradients() {
        List<ByBatchSize> rows = run().rows("same-sign-batches", ByBatchSize.class);
        assertEquals(List.of(1, 10, 20, 100), rows.stream().filter(row -> row.hidden() == HiddenUnit.SIGMOID)
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
                } else {
                    assertTrue(fraction < 1, "minibatches of " + size + " mix some signs");
                }
                assertEquals(fraction, run().finding("same-sign fraction, sigmoid inputs, minibatches of " + size), 5e-5);
            } else {
                assertTrue(fraction < 0.05, row.hidden().label() + " at batch size " + size);
            }
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

    /** The top eigenvalue grows like n m² with m = ½ for sigmoid inputs, and does not grow for centred ones. */
    @BookTest
    void theLargestEigenvalueOfSigmoidInputsGrowsLikeAQuarterPerInput() {
        for (HiddenUnit unit : List.of(HiddenUnit.SIGMOID, HiddenUnit.CENTRED_SIGMOID)) {
            List<Spectrum> rows = spectra(Inputs.GAUSSIAN).stream().filter(row -> row.hidden() == unit).toList();
            Spectrum first = rows.get(0);
            Spectrum last = rows.get(rows.size() - 1);
            double slope = (last.largestEigenvalue() - first.largestEigenvalue()) / (last.n() - first.n());
            assertEquals(unit == HiddenUnit.SIGMOID ? 0.25 : 0.0, slope, 0.01, unit.label());
        }
    }

    /**
     * The MNIST layer's largest eigenvalue, checked against bounds computed here from the same
     * layer's outputs: |E x|² ≤ λ_max ≤ E|x|² (E[xx'] - (Ex)(Ex)' is a covariance, and λ_max ≤ trace).
     */
    @BookTest
    void theMnistLayersLargestEigenvalueLiesBetweenTheSquaredMeanAndTheTrace() throws Exception {
        List<Spectrum> mnist = spectra(Inputs.MNIST);
        int width = mnist.get(0).n();
        int digits = mnist.get(0).examples();
        INDArray features = Mnist.load().test().first(digits).features(DataType.FLOAT);
        List<INDArray> outputs = Convergence.firstHiddenLayers(features, width, QuickBook.SEED);
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
        double sigmoid = mnistLayerOf(HiddenUnit.SIGMOID).conditionNumber();
        double centred = mnistLayerOf(HiddenUnit.CENTRED_SIGMOID).conditionNumber();
        assertTrue(sigmoid > 10 * centred, sigmoid + " vs " + centred);
    }

    private static double finalTrainingLoss(List<Epoch> end, HiddenUnit unit, double scale) {
        return end.stream().filter(row -> row.hidden() == unit && row.hiddenWeightScale() == scale).findFirst().orElseThrow().trainLoss();
    }

    @BookTest
    void tanhUnitsTrainFasterAndCentringHelpsAtEqualSlope() {
        List<Epoch> rows = run().rows("convergence", Epoch.class);
        int last = rows.stream().mapToInt(Epoch::epoch).max().orElseThrow();
        List<Epoch> end = rows.stream().filter(row -> row.epoch() == last).toList();
        double sigmoid = finalTrainingLoss(end, HiddenUnit.SIGMOID, 1);
        assertTrue(finalTrainingLoss(end, HiddenUnit.TANH, 1) < 0.5 * sigmoid);
        assertTrue(finalTrainingLoss(end, HiddenUnit.LECUN_TANH, 1) < 0.5 * sigmoid);
        assertTrue(finalTrainingLoss(end, HiddenUnit.CENTRED_SIGMOID, 4) < finalTrainingLoss(end, HiddenUnit.SIGMOID, 4) - 0.2,
                "same slope, same weights: only the centring differs");
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
}
