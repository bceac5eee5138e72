package org.sigmoidbook.chapters.zerocentering;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.toolkit.nn.HiddenUnit;

/**
 * LeCun, Bottou, Orr and Müller's view ("Efficient BackProp", 1998): for a linear unit with squared
 * error the Hessian is E[x x'], and gradient descent is slow when its eigenvalues are far apart. With
 * independent inputs of mean m and variance v, E[x x'] = v I + m² 1 1': one eigenvalue v + n m² along
 * (1, ..., 1) and n - 1 equal to v, so the condition number is 1 + n m² / v. Sigmoid outputs have
 * m = ½: the largest eigenvalue grows like n / 4 while the others stay at v. Table {@code conditioning}
 * measures it with ND4J on samples (u ~ N(0, 1), and the first hidden layer of the convergence
 * network on MNIST) for several seeds; table {@code eigenvalues} holds the whole spectrum of the
 * first seed's MNIST layer.
 */
final class Conditioning {

    /** The largest number of inputs n of the sampled spectra. */
    static final int LARGEST_N = 64;

    private Conditioning() {
    }

    /** Where the inputs x come from: the values of the {@code inputs} column. */
    enum Inputs {
        GAUSSIAN("u ~ N(0, 1)"), MNIST("MNIST, first hidden layer");

        private final String id;

        Inputs(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /**
     * The extreme eigenvalues of E[x x'] for one unit's outputs from one seed's draws (or network): a
     * row of {@code conditioning}. The closed form holds for independent inputs only, so the MNIST
     * layer has none.
     */
    record Spectrum(Inputs inputs, HiddenUnit hidden, int seed, int n, int examples, double largestEigenvalue,
                    double secondEigenvalue, double smallestEigenvalue, double conditionNumber, Double closedFormLargest,
                    Double closedFormSmallest, Double closedFormConditionNumber) {
    }

    /** One eigenvalue of E[x x'] of the MNIST layer of the first seed's network, rank 1 the largest: a row of {@code eigenvalues}. */
    record Eigenvalue(HiddenUnit hidden, int seed, int rank, double eigenvalue) {
    }

    /** The second-moment matrix E[x x'] of the rows of {@code x}: X'X / S for S rows. */
    static INDArray secondMoment(INDArray x) {
        return x.transpose().mmul(x).divi(x.size(0));
    }

    /** The eigenvalues of a symmetric matrix, ascending, from ND4J (LAPACK's syev). {@code symmetric} is overwritten. */
    static double[] eigenvalues(INDArray symmetric) {
        return Eigen.symmetricGeneralizedEigenvalues(symmetric, false).toDoubleVector();
    }

    /** Mean and variance of f(u) for u ~ N(0, 1), by Simpson's rule on [-12, 12]. */
    static double[] gaussianMoments(DoubleUnaryOperator f) {
        int intervals = 4800;
        double h = 24.0 / intervals;
        double first = 0;
        double second = 0;
        for (int k = 0; k <= intervals; k++) {
            double u = -12 + k * h;
            double weight = (k == 0 || k == intervals ? 1 : k % 2 == 1 ? 4 : 2) * h / 3 * Math.exp(-u * u / 2) / Math.sqrt(2 * Math.PI);
            double value = f.applyAsDouble(u);
            first += weight * value;
            second += weight * value * value;
        }
        return new double[]{first, second - first * first};
    }

    /** {@code examples} rows of n independent draws u ~ N(0, 1), in DOUBLE. */
    static INDArray standardNormal(int n, int examples, long seed) {
        Random random = new Random(seed * 31 + n);
        double[] u = new double[examples * n];
        Arrays.setAll(u, i -> random.nextGaussian());
        return Nd4j.createFromArray(u).reshape(examples, n);
    }

    /** The MNIST layers and the Gaussian draws of one seed, the spectra of every unit's outputs. */
    private record SeedSpectra(List<Spectrum> spectra, List<Eigenvalue> ranked) {
    }

    /**
     * Every seed's spectra: of x = f(u) for u ~ N(0, 1) at each n, and of the first hidden layer of
     * the convergence network on {@code digits} (a network of that seed for every unit).
     */
    static void measure(Lab lab, INDArray digits, int width) throws Exception {
        // powers of two; a quick run takes every other one
        int[] sizes = IntStream.iterate(2, n -> n <= LARGEST_N, n -> n * lab.size(4, 2)).toArray();
        int examples = lab.size(2000, 20000);
        List<Integer> seeds = IntStream.range(0, lab.size(2, 5)).mapToObj(k -> (int) lab.seed() + k).toList();
        List<SeedSpectra> perSeed = lab.parallel(seeds, seed -> spectra(seed, sizes, examples,
                Convergence.firstHiddenLayers(digits.dup(), width, seed), seed.equals(seeds.get(0))));
        List<Spectrum> spectra = perSeed.stream().flatMap(s -> s.spectra().stream()).toList();
        lab.table("conditioning", spectra);
        lab.table("eigenvalues", perSeed.get(0).ranked());
        lab.finding("conditioning: samples of u per n", examples, "%.0f");
        lab.finding("conditioning: largest n", sizes[sizes.length - 1], "%.0f");
        lab.finding("conditioning: seeds", seeds.size(), "%.0f");
        lab.finding("conditioning: MNIST digits", digits.size(0), "%.0f");
        lab.finding("conditioning: MNIST layer width", width, "%.0f");
        findings(lab, spectra, sizes[sizes.length - 1]);
    }

    private static SeedSpectra spectra(int seed, int[] sizes, int examples, List<INDArray> mnistHiddenOutputs, boolean ranked) {
        List<Spectrum> spectra = new ArrayList<>();
        List<Eigenvalue> ranks = new ArrayList<>();
        // the same draws of u for every unit, so that the units differ only in f
        Map<Integer, INDArray> draws = new HashMap<>();
        for (int size : sizes) {
            draws.put(size, standardNormal(size, examples, seed));
        }
        List<HiddenUnit> units = ZeroCenteringChapter.UNITS;
        for (int k = 0; k < units.size(); k++) {
            HiddenUnit unit = units.get(k);
            double[] moments = gaussianMoments(unit::of);
            for (int size : sizes) {
                double[] values = eigenvalues(secondMoment(unit.activation().getActivation(draws.get(size).dup(), false)));
                double top = moments[1] + size * moments[0] * moments[0];
                spectra.add(new Spectrum(Inputs.GAUSSIAN, unit, seed, size, examples, values[size - 1], values[size - 2], values[0],
                        values[size - 1] / values[0], top, moments[1], top / moments[1]));
            }
            INDArray hidden = mnistHiddenOutputs.get(k);
            double[] values = eigenvalues(secondMoment(hidden));
            int width = values.length;
            spectra.add(new Spectrum(Inputs.MNIST, unit, seed, width, (int) hidden.size(0), values[width - 1], values[width - 2], values[0],
                    values[width - 1] / values[0], null, null, null));
            for (int r = 0; ranked && r < width; r++) {
                ranks.add(new Eigenvalue(unit, seed, r + 1, values[width - 1 - r]));
            }
        }
        return new SeedSpectra(spectra, ranks);
    }

    private static double[] column(List<Spectrum> rows, ToDoubleFunction<Spectrum> value) {
        return rows.stream().mapToDouble(value).toArray();
    }

    private static void findings(Lab lab, List<Spectrum> spectra, int widest) {
        for (HiddenUnit unit : ZeroCenteringChapter.UNITS) {
            List<Spectrum> gaussian = spectra.stream().filter(row -> row.inputs() == Inputs.GAUSSIAN && row.hidden() == unit
                    && row.n() == widest).toList();
            String which = unit.label() + " of u ~ N(0, 1), largest n";
            lab.overSeeds("condition number of E[xx'], " + which, column(gaussian, Spectrum::conditionNumber));
            lab.finding("closed-form condition number, " + which, gaussian.get(0).closedFormConditionNumber(), "%.1f");
            lab.overSeeds("largest eigenvalue of E[xx'], " + which, column(gaussian, Spectrum::largestEigenvalue));
            lab.finding("closed-form largest eigenvalue, " + which, gaussian.get(0).closedFormLargest(), "%.3f");

            List<Spectrum> mnist = spectra.stream().filter(row -> row.inputs() == Inputs.MNIST && row.hidden() == unit).toList();
            String layer = "first hidden layer of " + unit.label() + " units on MNIST";
            lab.medianOverSeeds("condition number of E[xx'], " + layer, column(mnist, Spectrum::conditionNumber));
            lab.overSeeds("largest eigenvalue of E[xx'], " + layer, column(mnist, Spectrum::largestEigenvalue));
            lab.overSeeds("second eigenvalue of E[xx'], " + layer, column(mnist, Spectrum::secondEigenvalue));
        }
    }
}
