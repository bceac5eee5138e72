package org.sigmoidbook.chapters.zerocentering;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.sigmoidbook.book.Lab;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * LeCun, Bottou, Orr and Müller's view ("Efficient BackProp", 1998): for a linear unit with squared
 * error the Hessian is E[x x'], and gradient descent is slow when its eigenvalues are far apart. With
 * independent inputs of mean m and variance v, E[x x'] = v I + m² 1 1': one eigenvalue v + n m² along
 * (1, ..., 1) and n - 1 equal to v, so the condition number is 1 + n m² / v. Sigmoid outputs have
 * m = ½: the largest eigenvalue grows like n / 4 while the others stay at v. Table {@code conditioning}
 * measures it with ND4J on samples (u ~ N(0, 1), and the first hidden layer of the convergence
 * network on MNIST); table {@code eigenvalues} holds the whole spectrum of the MNIST layer.
 */
final class Conditioning {

    static final String GAUSSIAN = "u ~ N(0, 1)";
    static final String MNIST = "MNIST, first hidden layer";

    private Conditioning() {
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

    static void measure(Lab lab, List<INDArray> mnistHiddenOutputs) {
        int[] sizes = lab.quick() ? new int[]{2, 8, 32} : new int[]{2, 4, 8, 16, 32, 64};
        int examples = lab.size(2000, 20000);
        StringColumn inputs = StringColumn.create("inputs");
        StringColumn unit = StringColumn.create("hidden_unit");
        IntColumn n = IntColumn.create("n");
        IntColumn samples = IntColumn.create("examples");
        DoubleColumn largest = DoubleColumn.create("largest_eigenvalue");
        DoubleColumn smallest = DoubleColumn.create("smallest_eigenvalue");
        DoubleColumn condition = DoubleColumn.create("condition_number");
        DoubleColumn closedLargest = DoubleColumn.create("closed_form_largest");
        DoubleColumn closedSmallest = DoubleColumn.create("closed_form_smallest");
        DoubleColumn closedCondition = DoubleColumn.create("closed_form_condition_number");
        Table spectra = Table.create("eigenvalues", StringColumn.create("hidden_unit"), IntColumn.create("rank"), DoubleColumn.create("eigenvalue"));
        List<HiddenUnits.Unit> units = HiddenUnits.all();
        // the same draws of u for every unit, so that the units differ only in f
        Map<Integer, INDArray> draws = new HashMap<>();
        for (int size : sizes) {
            draws.put(size, standardNormal(size, examples, lab.seed()));
        }
        for (int k = 0; k < units.size(); k++) {
            HiddenUnits.Unit u = units.get(k);
            double[] moments = gaussianMoments(u.scalar());
            for (int size : sizes) {
                double[] values = eigenvalues(secondMoment(u.activation().getActivation(draws.get(size).dup(), false)));
                double top = moments[1] + size * moments[0] * moments[0];
                inputs.append(GAUSSIAN);
                unit.append(u.name());
                n.append(size);
                samples.append(examples);
                largest.append(values[size - 1]);
                smallest.append(values[0]);
                condition.append(values[size - 1] / values[0]);
                closedLargest.append(top);
                closedSmallest.append(moments[1]);
                closedCondition.append(top / moments[1]);
            }
            INDArray hidden = mnistHiddenOutputs.get(k);
            double[] values = eigenvalues(secondMoment(hidden));
            int width = values.length;
            lab.finding("second eigenvalue of E[xx'], first hidden layer of " + u.name() + " units on MNIST", values[width - 2], "%.3g");
            inputs.append(MNIST);
            unit.append(u.name());
            n.append(width);
            samples.append((int) hidden.size(0));
            largest.append(values[width - 1]);
            smallest.append(values[0]);
            condition.append(values[width - 1] / values[0]);
            closedLargest.appendMissing();
            closedSmallest.appendMissing();
            closedCondition.appendMissing();
            for (int r = 0; r < width; r++) {
                spectra.stringColumn("hidden_unit").append(u.name());
                spectra.intColumn("rank").append(r + 1);
                spectra.doubleColumn("eigenvalue").append(values[width - 1 - r]);
            }
        }
        Table table = Table.create("conditioning", inputs, unit, n, samples, largest, smallest, condition,
                closedLargest, closedSmallest, closedCondition);
        lab.table("conditioning", table);
        lab.table("eigenvalues", spectra);
        lab.finding("conditioning: samples of u per n", examples, "%.0f");
        lab.finding("conditioning: largest n", sizes[sizes.length - 1], "%.0f");
        lab.finding("conditioning: MNIST digits", mnistHiddenOutputs.get(0).size(0), "%.0f");
        lab.finding("conditioning: MNIST layer width", mnistHiddenOutputs.get(0).size(1), "%.0f");
        findings(lab, table, sizes[sizes.length - 1]);
    }

    private static void findings(Lab lab, Table table, int widest) {
        for (int r = 0; r < table.rowCount(); r++) {
            String source = table.stringColumn("inputs").get(r);
            String name = table.stringColumn("hidden_unit").get(r);
            int n = table.intColumn("n").get(r);
            if (source.equals(GAUSSIAN) && n == widest) {
                String which = name + " of u ~ N(0, 1), largest n";
                lab.finding("condition number of E[xx'], " + which, table.doubleColumn("condition_number").get(r), "%.1f");
                lab.finding("closed-form condition number, " + which, table.doubleColumn("closed_form_condition_number").get(r), "%.1f");
                lab.finding("largest eigenvalue of E[xx'], " + which, table.doubleColumn("largest_eigenvalue").get(r), "%.3f");
                lab.finding("closed-form largest eigenvalue, " + which, table.doubleColumn("closed_form_largest").get(r), "%.3f");
            } else if (source.equals(MNIST)) {
                String which = "first hidden layer of " + name + " units on MNIST";
                lab.finding("condition number of E[xx'], " + which, table.doubleColumn("condition_number").get(r), "%.0f");
                lab.finding("largest eigenvalue of E[xx'], " + which, table.doubleColumn("largest_eigenvalue").get(r), "%.3g");
            }
        }
    }
}
