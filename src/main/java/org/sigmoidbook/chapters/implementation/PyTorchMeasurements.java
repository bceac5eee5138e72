package org.sigmoidbook.chapters.implementation;

import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.DoublePredicate;
import java.util.function.Function;

import ai.djl.nn.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;
import org.sigmoidbook.toolkit.numerics.Sigmoid;
import org.sigmoidbook.toolkit.torch.Autograd;
import org.sigmoidbook.toolkit.torch.Autograd.ValueAndGradient;

/**
 * The chapter's measurements of PyTorch beyond the article's three values, each a table and the
 * findings the page (and chapters 8 and 9) quote: σ and σ′ bit for bit against DL4J/ND4J
 * ({@code pytorch}), softplus around its threshold ({@code pytorch-softplus}), the hard sigmoid,
 * SiLU and GELU ({@code pytorch-activations}), and the cross-entropy of σ(z) computed four ways
 * ({@code pytorch-unfused}). Where PyTorch did not run, the tables keep their DL4J and exact values
 * and every PyTorch finding says "not run".
 */
final class PyTorchMeasurements {

    private static final String[] TYPE_NAMES = {"float32", "float64"};
    /** A float32 threshold to six significant digits: enough to place it, fewer than its nine. */
    private static final String THRESHOLD_FORMAT = "%.6g";

    private PyTorchMeasurements() {
    }

    static void record(Lab lab, TorchFunctions torch) {
        agreement(lab, torch != null);
        softplus(lab, torch != null);
        activations(lab, torch);
        unfused(lab, torch);
    }

    private static void agreement(Lab lab, boolean pytorch) {
        int floatSteps = lab.size(4, 64);
        int doubleSteps = lab.size(1, 8);
        double[] floatGrid = Agreement.grid(Agreement.FLOAT_LIMIT, floatSteps);
        double[] doubleGrid = Agreement.grid(Agreement.DOUBLE_LIMIT, doubleSteps);
        List<Agreement.Row> rows = Agreement.table(floatGrid, doubleGrid, pytorch);
        lab.table("pytorch", rows);
        lab.finding("grid of the comparison, float32", gridText(Agreement.FLOAT_LIMIT, floatSteps, floatGrid.length));
        lab.finding("grid of the comparison, float64", gridText(Agreement.DOUBLE_LIMIT, doubleSteps, doubleGrid.length));
        for (int t = 0; t < FromLogits.TYPES.length; t++) {
            DataType type = FromLogits.TYPES[t];
            String name = TYPE_NAMES[t];
            Agreement.Row sigma = row(rows, Agreement.SIGMA, type, Counterparts.ND4J);
            Agreement.Row slope = row(rows, Agreement.SLOPE, type, Counterparts.DL4J_LAYER);
            lab.finding("ND4J σ: largest distance from the correctly rounded σ, " + name, sigma.counterpartUlpsFromExact(), "%.0f");
            lab.finding("DL4J backprop σ′: largest distance from the correctly rounded σ′, " + name,
                    slope.counterpartUlpsFromExact(), "%.0f");
            if (!pytorch) {
                for (String finding : List.of("PyTorch σ and ND4J σ: bit-identical points, ", "PyTorch σ and ND4J σ: largest distance, ",
                        "PyTorch σ: largest distance from the correctly rounded σ, ", "PyTorch σ′ and DL4J backprop: bit-identical points, ",
                        "PyTorch σ′ and DL4J backprop: largest distance, ", "PyTorch σ′: largest distance from the correctly rounded σ′, ")) {
                    lab.finding(finding + name, ImplementationChapter.NOT_RUN);
                }
                continue;
            }
            lab.finding("PyTorch σ and ND4J σ: bit-identical points, " + name, sigma.bitIdentical() + " of " + sigma.gridPoints());
            lab.finding("PyTorch σ and ND4J σ: largest distance, " + name, sigma.largestUlps(), "%.0f");
            lab.finding("PyTorch σ: largest distance from the correctly rounded σ, " + name, sigma.pytorchUlpsFromExact(), "%.0f");
            lab.finding("PyTorch σ′ and DL4J backprop: bit-identical points, " + name, slope.bitIdentical() + " of " + slope.gridPoints());
            lab.finding("PyTorch σ′ and DL4J backprop: largest distance, " + name, slope.largestUlps(), "%.0f");
            lab.finding("PyTorch σ′: largest distance from the correctly rounded σ′, " + name, slope.pytorchUlpsFromExact(), "%.0f");
        }
    }

    private static void softplus(Lab lab, boolean pytorch) {
        lab.table("pytorch-softplus", SoftplusThreshold.table(pytorch));
        if (!pytorch) {
            for (String finding : List.of("PyTorch softplus returns z itself from z, float64", "PyTorch softplus just above its threshold: relative error, float64",
                    "PyTorch softplus′ just above its threshold, float64")) {
                lab.finding(finding, ImplementationChapter.NOT_RUN);
            }
            lab.finding("σ(z) just above the threshold, float64", ExactSigmoid.of(Math.nextUp(SoftplusThreshold.THRESHOLD)), "%s");
            return;
        }
        double from = SoftplusThreshold.returnsItsInputFrom(DataType.DOUBLE);
        ValueAndGradient there = Autograd.of(DataType.DOUBLE, new double[]{from}, Activation::softPlus);
        double exact = ExactSigmoid.softplus(from);
        lab.finding("PyTorch softplus returns z itself from z, float64", from, "%s");
        lab.finding("PyTorch softplus just above its threshold: relative error, float64", Math.abs(there.value()[0] - exact) / exact, "%.2e");
        lab.finding("PyTorch softplus′ just above its threshold, float64", there.gradient()[0], "%s");
        lab.finding("σ(z) just above the threshold, float64", ExactSigmoid.of(from), "%s");
    }

    private static void activations(Lab lab, TorchFunctions torch) {
        List<Activations.Row> rows = Activations.table(torch);
        lab.table("pytorch-activations", rows);
        lab.finding("1/6 in float64", 1.0 / 6, "%s");
        lab.finding("DL4J SWISH′(100), float32", value(rows, Activations.SILU, Activations.GRADIENT, Activations.DL4J_SWISH, DataType.FLOAT, 100), "%s");
        double[] grid = Agreement.grid(6, lab.size(8, 64));
        lab.finding("grid of the GELU comparison", gridText(6, lab.size(8, 64), grid.length));
        if (torch == null) {
            for (String finding : List.of("PyTorch hardsigmoid′(0), float64", "PyTorch hardsigmoid′(0), float64: relative error",
                    "PyTorch SiLU′(100), float32", "PyTorch GELU against z σ(1.702 z): largest difference, float32",
                    "PyTorch GELU against z σ(1.702 z): largest difference at z", "PyTorch GELU: largest difference from z Φ(z), float32",
                    "PyTorch GELU is 0 below z, float32")) {
                lab.finding(finding, ImplementationChapter.NOT_RUN);
            }
            return;
        }
        double hardSlope = value(rows, Activations.HARDSIGMOID, Activations.GRADIENT, Activations.PYTORCH, DataType.DOUBLE, 0);
        lab.finding("PyTorch hardsigmoid′(0), float64", hardSlope, "%s");
        lab.finding("PyTorch hardsigmoid′(0), float64: relative error", Math.abs(hardSlope - 1.0 / 6) * 6, "%.1e");
        lab.finding("PyTorch SiLU′(100), float32", value(rows, Activations.SILU, Activations.GRADIENT, Activations.PYTORCH, DataType.FLOAT, 100), "%s");
        double[] gelu = Activations.pytorchGelu(DataType.FLOAT, grid);
        double largestGap = 0;
        double gapAt = Double.NaN;
        double largestError = 0;
        for (int i = 0; i < grid.length; i++) {
            double gap = Math.abs(gelu[i] - Activations.geluBySigmoid(grid[i]));
            if (gap > largestGap) {
                largestGap = gap;
                gapAt = grid[i];
            }
            largestError = Math.max(largestError, Math.abs(gelu[i] - Activations.gelu(grid[i])));
        }
        lab.finding("PyTorch GELU against z σ(1.702 z): largest difference, float32", largestGap, "%.3g");
        lab.finding("PyTorch GELU against z σ(1.702 z): largest difference at z", Math.abs(gapAt), "%.2f");
        lab.finding("PyTorch GELU: largest difference from z Φ(z), float32", largestError, "%.1e");
        lab.finding("PyTorch GELU is 0 below z, float32", Threshold.first(DataType.FLOAT, -20, -3, z -> {
            double[] value = Activations.pytorchGelu(DataType.FLOAT, z);
            boolean[] nonZero = new boolean[z.length];
            for (int i = 0; i < z.length; i++) {
                nonZero[i] = value[i] != 0;
            }
            return nonZero;
        }), THRESHOLD_FORMAT);
    }

    private static void unfused(Lab lab, TorchFunctions torch) {
        int steps = lab.size(1, 2);
        double[] z = Agreement.grid(UnfusedLoss.LIMIT, steps);
        List<UnfusedLoss.Point> rows = UnfusedLoss.table(z, torch);
        lab.table("pytorch-unfused", rows);
        lab.finding("grid of the cross-entropy comparison", gridText(UnfusedLoss.LIMIT, steps, z.length));
        DataType type = UnfusedLoss.TYPE;
        lab.finding("24 ln 2", 24 * Math.log(2), "%.6g");
        lab.finding("DL4J XENT, y = 0: ∂L/∂z is 0 from z, float32",
                firstWhere(0, 40, (points, label) -> UnfusedLoss.dl4j(points, label).gradient(), 0, g -> g == 0), THRESHOLD_FORMAT);
        List<String> names = List.of("PyTorch by hand, y = 0: loss is +∞ from z, float32", "PyTorch by hand, y = 0: ∂L/∂z is NaN from z, float32",
                "PyTorch by hand, y = 1: ∂L/∂z is 0 from z, float32", "PyTorch BCELoss, y = 0: loss at z = 40, float32",
                "PyTorch BCELoss, y = 0: ∂L/∂z is 0 from z, float32", "PyTorch BCELoss, y = 0: ∂L/∂z within 1% of σ(z) from z, float32",
                "PyTorch BCELoss, y = 1: ∂L/∂z within 1% of σ(z) − 1 from z, float32", "PyTorch BCELoss, y = 1: ∂L/∂z at z = −40, float32",
                "PyTorch BCEWithLogitsLoss, y = 0: loss is 0 below z, float32",
                "PyTorch BCEWithLogitsLoss, y = 0: largest relative error of ∂L/∂z, float32",
                "PyTorch BCEWithLogitsLoss, y = 1: ∂L/∂z is 0 from z, float32");
        if (torch == null) {
            names.forEach(name -> lab.finding(name, ImplementationChapter.NOT_RUN));
            return;
        }
        BiFunction<double[], Integer, ValueAndGradient> byHand = (points, label) -> Autograd.of(type, points, t -> UnfusedLoss.byHand(t, label));
        lab.finding(names.get(0), firstWhere(0, 40, (p, l) -> byHand.apply(p, l).value(), 0, v -> v == Double.POSITIVE_INFINITY), THRESHOLD_FORMAT);
        lab.finding(names.get(1), firstWhere(0, 40, (p, l) -> byHand.apply(p, l).gradient(), 0, Double::isNaN), THRESHOLD_FORMAT);
        lab.finding(names.get(2), firstWhere(0, 40, (p, l) -> byHand.apply(p, l).gradient(), 1, g -> g == 0), THRESHOLD_FORMAT);
        lab.finding(names.get(3), loss(rows, UnfusedLoss.BCE, 0, 40), "%s");
        lab.finding(names.get(4), firstWhere(0, 40, (p, l) -> UnfusedLoss.pytorch(p, l, torch::bceOnSigmoid).gradient(), 0, g -> g == 0), THRESHOLD_FORMAT);
        lab.finding(names.get(5), withinOnePercentFrom(torch, 0), THRESHOLD_FORMAT);
        lab.finding(names.get(6), withinOnePercentFrom(torch, 1), THRESHOLD_FORMAT);
        lab.finding(names.get(7), gradient(rows, UnfusedLoss.BCE, 1, -UnfusedLoss.LIMIT), "%.2g");
        lab.finding(names.get(8), firstWhere(-40, 0, (p, l) -> UnfusedLoss.pytorch(p, l, torch::bceWithLogits).value(), 0, v -> v != 0), THRESHOLD_FORMAT);
        lab.finding(names.get(9), largestRelativeGradientError(rows, UnfusedLoss.WITH_LOGITS, 0), "%.1e");
        lab.finding(names.get(10), firstWhere(0, 40, (p, l) -> UnfusedLoss.pytorch(p, l, torch::bceWithLogits).gradient(), 1, g -> g == 0), THRESHOLD_FORMAT);
    }

    /**
     * The first float32 z in (−40, 0] from which BCELoss's gradient is within 1% of σ(z) − y: below it
     * a(1 − a) falls under the 1e-12 that its backward divides by at least.
     */
    private static double withinOnePercentFrom(TorchFunctions torch, int label) {
        return Threshold.first(UnfusedLoss.TYPE, -UnfusedLoss.LIMIT, 0, points -> {
            double[] gradient = UnfusedLoss.pytorch(points, label, torch::bceOnSigmoid).gradient();
            boolean[] close = new boolean[points.length];
            for (int i = 0; i < points.length; i++) {
                double exact = Sigmoid.of(points[i]) - label;
                close[i] = Math.abs(gradient[i] - exact) <= 0.01 * Math.abs(exact);
            }
            return close;
        });
    }

    /** The first float32 z in (from, to] from which {@code holds} is true of the label's values, and stays true. */
    private static double firstWhere(double from, double to, BiFunction<double[], Integer, double[]> values, int label, DoublePredicate holds) {
        Function<double[], boolean[]> condition = points -> {
            double[] computed = values.apply(points, label);
            boolean[] result = new boolean[points.length];
            for (int i = 0; i < points.length; i++) {
                result[i] = holds.test(computed[i]);
            }
            return result;
        };
        return Threshold.first(UnfusedLoss.TYPE, from, to, condition);
    }

    private static double loss(List<UnfusedLoss.Point> rows, String computedBy, int label, double z) {
        return point(rows, computedBy, label, z).loss();
    }

    private static double gradient(List<UnfusedLoss.Point> rows, String computedBy, int label, double z) {
        return point(rows, computedBy, label, z).gradient();
    }

    private static UnfusedLoss.Point point(List<UnfusedLoss.Point> rows, String computedBy, int label, double z) {
        return rows.stream().filter(p -> p.computedBy().equals(computedBy) && p.label() == label && p.z() == z).findFirst().orElseThrow();
    }

    /** The largest |computed − exact| / |exact| of ∂L/∂z over the grid for one label (every exact gradient here is a normal float). */
    private static double largestRelativeGradientError(List<UnfusedLoss.Point> rows, String computedBy, int label) {
        double largest = 0;
        for (UnfusedLoss.Point point : rows) {
            if (!point.computedBy().equals(computedBy) || point.label() != label) {
                continue;
            }
            UnfusedLoss.Point exact = rows.stream().filter(p -> p.computedBy().equals(UnfusedLoss.EXACT) && p.label() == point.label()
                    && p.z() == point.z()).findFirst().orElseThrow();
            largest = Math.max(largest, Math.abs(point.gradient() - exact.gradient()) / Math.abs(exact.gradient()));
        }
        return largest;
    }

    private static Agreement.Row row(List<Agreement.Row> rows, String quantity, DataType type, Counterparts counterpart) {
        return rows.stream().filter(r -> r.quantity().equals(quantity) && r.dataType() == type && r.counterpart().equals(counterpart.label()))
                .findFirst().orElseThrow();
    }

    private static double value(List<Activations.Row> rows, String function, String quantity, String computedBy, DataType type, double z) {
        return rows.stream().filter(r -> r.function().equals(function) && r.quantity().equals(quantity) && r.computedBy().equals(computedBy)
                && r.dataType() == type).findFirst().orElseThrow().at(z);
    }

    private static String gridText(double limit, int stepsPerUnit, int points) {
        return String.format(Locale.ROOT, "z from −%s to %s in steps of 1/%d (%,d points)", trim(limit), trim(limit), stepsPerUnit, points);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
