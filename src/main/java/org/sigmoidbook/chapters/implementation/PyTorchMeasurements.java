package org.sigmoidbook.chapters.implementation;

import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.DoublePredicate;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

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
        PyTorchFindings pytorch = new PyTorchFindings(lab, torch != null);
        agreement(lab, pytorch);
        softplus(lab, pytorch);
        activations(lab, torch, pytorch);
        unfused(lab, torch, pytorch);
    }

    /** Records a finding about PyTorch: its value where PyTorch ran, else "not run"; the value is computed only if it ran. */
    private record PyTorchFindings(Lab lab, boolean ran) {

        void number(String name, DoubleSupplier value, String format) {
            if (ran) {
                lab.finding(name, value.getAsDouble(), format);
            } else {
                lab.finding(name, ImplementationChapter.NOT_RUN);
            }
        }

        void text(String name, Supplier<String> text) {
            lab.finding(name, ran ? text.get() : ImplementationChapter.NOT_RUN);
        }
    }

    private static void agreement(Lab lab, PyTorchFindings pytorch) {
        int floatSteps = lab.size(4, 64);
        int doubleSteps = lab.size(1, 8);
        double[] floatGrid = Agreement.grid(Agreement.FLOAT_LIMIT, floatSteps);
        double[] doubleGrid = Agreement.grid(Agreement.DOUBLE_LIMIT, doubleSteps);
        List<Agreement.Row> rows = Agreement.table(floatGrid, doubleGrid, pytorch.ran());
        lab.table("pytorch", rows);
        lab.finding("grid of the comparison, float32", gridText(Agreement.FLOAT_LIMIT, floatSteps, floatGrid.length));
        lab.finding("grid of the comparison, float64", gridText(Agreement.DOUBLE_LIMIT, doubleSteps, doubleGrid.length));
        for (int t = 0; t < FromLogits.TYPES.length; t++) {
            DataType type = FromLogits.TYPES[t];
            String name = TYPE_NAMES[t];
            Agreement.Row sigma = row(rows, Agreement.SIGMA, type, Counterparts.ND4J);
            Agreement.Row slope = row(rows, Agreement.SLOPE, type, Counterparts.DL4J_LAYER);
            lab.finding("ND4J σ: largest distance from the correctly rounded σ, " + name, Long.toString(sigma.counterpartUlpsFromExact()));
            lab.finding("DL4J backprop σ′: largest distance from the correctly rounded σ′, " + name, Long.toString(slope.counterpartUlpsFromExact()));
            pytorch.text("PyTorch σ and ND4J σ: bit-identical points, " + name, () -> sigma.bitIdentical() + " of " + sigma.gridPoints());
            pytorch.text("PyTorch σ and ND4J σ: largest distance, " + name, () -> Long.toString(sigma.largestUlps()));
            pytorch.text("PyTorch σ: largest distance from the correctly rounded σ, " + name, () -> Long.toString(sigma.pytorchUlpsFromExact()));
            pytorch.text("PyTorch σ′ and DL4J backprop: bit-identical points, " + name, () -> slope.bitIdentical() + " of " + slope.gridPoints());
            pytorch.text("PyTorch σ′ and DL4J backprop: largest distance, " + name, () -> Long.toString(slope.largestUlps()));
            pytorch.text("PyTorch σ′: largest distance from the correctly rounded σ′, " + name, () -> Long.toString(slope.pytorchUlpsFromExact()));
        }
    }

    private static void softplus(Lab lab, PyTorchFindings pytorch) {
        lab.table("pytorch-softplus", SoftplusThreshold.table(pytorch.ran()));
        double from = pytorch.ran() ? SoftplusThreshold.returnsItsInputFrom(DataType.DOUBLE) : Double.NaN;
        ValueAndGradient there = pytorch.ran() ? Autograd.of(DataType.DOUBLE, new double[]{from}, Activation::softPlus) : null;
        pytorch.number("PyTorch softplus returns z itself from z, float64", () -> from, "%s");
        pytorch.number("PyTorch softplus just above its threshold: relative error, float64",
                () -> Math.abs(there.value()[0] - ExactSigmoid.softplus(from)) / ExactSigmoid.softplus(from), "%.2e");
        pytorch.number("PyTorch softplus′ just above its threshold, float64", () -> there.gradient()[0], "%s");
        pytorch.number("σ(z) where PyTorch's softplus returns z, float64", () -> ExactSigmoid.of(from), "%s");
    }

    private static void activations(Lab lab, TorchFunctions torch, PyTorchFindings pytorch) {
        List<Activations.Row> rows = Activations.table(torch);
        lab.table("pytorch-activations", rows);
        lab.finding("1/6 in float64", 1.0 / 6, "%s");
        lab.finding("DL4J SWISH′(100), float32", value(rows, Activations.SILU, Activations.GRADIENT, Activations.DL4J_SWISH, DataType.FLOAT, 100), "%s");
        int steps = lab.size(8, 64);
        double[] grid = Agreement.grid(6, steps);
        lab.finding("grid of the GELU comparison", gridText(6, steps, grid.length));
        DoubleSupplier hardSlope = () -> value(rows, Activations.HARDSIGMOID, Activations.GRADIENT, Activations.PYTORCH, DataType.DOUBLE, 0);
        pytorch.number("PyTorch hardsigmoid′(0), float64", hardSlope, "%s");
        pytorch.number("PyTorch hardsigmoid′(0), float64: relative error", () -> Math.abs(hardSlope.getAsDouble() - 1.0 / 6) * 6, "%.1e");
        pytorch.number("PyTorch SiLU′(100), float32",
                () -> value(rows, Activations.SILU, Activations.GRADIENT, Activations.PYTORCH, DataType.FLOAT, 100), "%s");
        double[] gelu = pytorch.ran() ? Activations.pytorchGelu(DataType.FLOAT, grid) : null;
        int gapAt = pytorch.ran() ? largestGapAt(grid, gelu) : -1;
        pytorch.number("PyTorch GELU against z σ(1.702 z): largest difference, float32",
                () -> Math.abs(gelu[gapAt] - Activations.geluBySigmoid(grid[gapAt])), "%.3g");
        pytorch.number("PyTorch GELU against z σ(1.702 z): largest difference at z", () -> Math.abs(grid[gapAt]), "%.2f");
        pytorch.number("PyTorch GELU: largest difference from z Φ(z), float32", () -> {
            double largest = 0;
            for (int i = 0; i < grid.length; i++) {
                largest = Math.max(largest, Math.abs(gelu[i] - Activations.gelu(grid[i])));
            }
            return largest;
        }, "%.1e");
        pytorch.number("PyTorch GELU is 0 below z, float32", () -> Threshold.first(DataType.FLOAT, -20, -3, z -> {
            double[] value = Activations.pytorchGelu(DataType.FLOAT, z);
            boolean[] nonZero = new boolean[z.length];
            for (int i = 0; i < z.length; i++) {
                nonZero[i] = value[i] != 0;
            }
            return nonZero;
        }), THRESHOLD_FORMAT);
    }

    /** Where PyTorch's GELU is farthest from Hendrycks and Gimpel's z σ(1.702 z) on the grid: the first such index. */
    private static int largestGapAt(double[] grid, double[] gelu) {
        int at = 0;
        for (int i = 1; i < grid.length; i++) {
            if (Math.abs(gelu[i] - Activations.geluBySigmoid(grid[i])) > Math.abs(gelu[at] - Activations.geluBySigmoid(grid[at]))) {
                at = i;
            }
        }
        return at;
    }

    private static void unfused(Lab lab, TorchFunctions torch, PyTorchFindings pytorch) {
        int steps = lab.size(1, 2);
        double[] z = Agreement.grid(UnfusedLoss.LIMIT, steps);
        List<UnfusedLoss.Point> rows = UnfusedLoss.table(z, torch);
        lab.table("pytorch-unfused", rows);
        lab.finding("grid of the cross-entropy comparison", gridText(UnfusedLoss.LIMIT, steps, z.length));
        lab.finding("24 ln 2", 24 * Math.log(2), "%.6g");
        lab.finding("DL4J XENT, y = 0: ∂L/∂z is 0 from z, float32",
                firstWhere(0, 40, (points, label) -> UnfusedLoss.dl4j(points, label).gradient(), 0, g -> g == 0), THRESHOLD_FORMAT);
        BiFunction<double[], Integer, ValueAndGradient> byHand = (points, label) ->
                Autograd.of(UnfusedLoss.TYPE, points, t -> UnfusedLoss.byHand(t, label));
        BiFunction<double[], Integer, ValueAndGradient> bce = (points, label) -> UnfusedLoss.pytorch(points, label, torch::bceOnSigmoid);
        BiFunction<double[], Integer, ValueAndGradient> withLogits = (points, label) -> UnfusedLoss.pytorch(points, label, torch::bceWithLogits);
        pytorch.number("PyTorch by hand, y = 0: loss is +∞ from z, float32",
                () -> firstWhere(0, 40, (p, l) -> byHand.apply(p, l).value(), 0, v -> v == Double.POSITIVE_INFINITY), THRESHOLD_FORMAT);
        pytorch.number("PyTorch by hand, y = 0: ∂L/∂z is NaN from z, float32",
                () -> firstWhere(0, 40, (p, l) -> byHand.apply(p, l).gradient(), 0, Double::isNaN), THRESHOLD_FORMAT);
        pytorch.number("PyTorch by hand, y = 1: ∂L/∂z is 0 from z, float32",
                () -> firstWhere(0, 40, (p, l) -> byHand.apply(p, l).gradient(), 1, g -> g == 0), THRESHOLD_FORMAT);
        pytorch.number("PyTorch BCELoss, y = 0: loss at z = 40, float32", () -> point(rows, UnfusedLoss.BCE, 0, UnfusedLoss.LIMIT).loss(), "%s");
        pytorch.number("PyTorch BCELoss, y = 0: ∂L/∂z is 0 from z, float32",
                () -> firstWhere(0, 40, (p, l) -> bce.apply(p, l).gradient(), 0, g -> g == 0), THRESHOLD_FORMAT);
        pytorch.number("PyTorch BCELoss, y = 0: ∂L/∂z within 1% of σ(z) from z, float32", () -> withinOnePercentFrom(torch, 0), THRESHOLD_FORMAT);
        pytorch.number("PyTorch BCELoss, y = 1: ∂L/∂z within 1% of σ(z) − 1 from z, float32", () -> withinOnePercentFrom(torch, 1),
                THRESHOLD_FORMAT);
        pytorch.number("PyTorch BCELoss, y = 1: ∂L/∂z at z = −40, float32",
                () -> point(rows, UnfusedLoss.BCE, 1, -UnfusedLoss.LIMIT).gradient(), "%.2g");
        pytorch.number("PyTorch BCEWithLogitsLoss, y = 0: loss is 0 below z, float32",
                () -> firstWhere(-40, 0, (p, l) -> withLogits.apply(p, l).value(), 0, v -> v != 0), THRESHOLD_FORMAT);
        pytorch.number("PyTorch BCEWithLogitsLoss, y = 0: largest relative error of ∂L/∂z, float32",
                () -> largestRelativeGradientError(rows, UnfusedLoss.WITH_LOGITS, 0), "%.1e");
        pytorch.number("PyTorch BCEWithLogitsLoss, y = 1: ∂L/∂z is 0 from z, float32",
                () -> firstWhere(0, 40, (p, l) -> withLogits.apply(p, l).gradient(), 1, g -> g == 0), THRESHOLD_FORMAT);
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
