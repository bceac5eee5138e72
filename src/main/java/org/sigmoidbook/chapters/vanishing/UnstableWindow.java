package org.sigmoidbook.chapters.vanishing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.DoubleStream;

import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.toolkit.charts.Charts;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/**
 * The other side of the vanishing gradient, after Nielsen (chapter 5, "the unstable gradient
 * problem"): one step back through a sigmoid unit multiplies the error by w sigma'(w a + b), and that
 * factor reaches 1 only for |w| >= 4 and only for inputs a in a window. Derivation of its width:
 * sigma'(z) = 1 / (4 cosh^2(z / 2)), so |w| sigma'(z) >= 1 holds exactly for
 * |z| <= 2 arcosh(sqrt(|w|) / 2); z = w a + b moves |w| times as fast as a, so the window in a is
 * 4 arcosh(sqrt(|w|) / 2) / |w| wide, whatever b (which only shifts it). This equals Nielsen's
 * (2 / |w|) ln(|w| (1 + sqrt(1 - 4 / |w|)) / 2 - 1).
 */
final class UnstableWindow {

    /** Below this |w| the factor never reaches 1: sigma' is at most 1/4. */
    static final double SMALLEST_WEIGHT = 4;
    /** The curves of |w sigma'(w a + b)| drawn over a in [0, 1], with b = -|w| / 2. */
    static final double[] DRAWN_WEIGHTS = {2, 4, 12, 30};

    record Widest(double absWeight, double width) {
    }

    /** A row of unstable-window.csv: the window's width in a at one |w|. */
    record WindowWidth(double absW, double width) {
    }

    /** A row of unstable-factor.csv: |w sigma'(w a + b)| at one |w| and input a. */
    record FactorPoint(double absW, double a, double factor) {
    }

    private UnstableWindow() {
    }

    /** The width in a of {a : |w sigma'(w a + b)| >= 1}; 0 when |w| <= 4. */
    static double width(double absWeight) {
        if (absWeight <= SMALLEST_WEIGHT) {
            return 0;
        }
        double half = Math.sqrt(absWeight) / 2;
        return 4 * Math.log(half + Math.sqrt(half * half - 1)) / absWeight;
    }

    /**
     * Where the window is widest. With A(w) = arcosh(sqrt(w) / 2), width = 4 A / w is stationary
     * where A = w A' = sqrt(w) / (2 sqrt(w - 4)); the difference of the two sides is negative just
     * above 4 and positive at 100, and bisection finds its root. There the width is
     * 4 A / w = 2 / sqrt(w (w - 4)).
     */
    static Widest widest() {
        double low = SMALLEST_WEIGHT * (1 + 1e-12);
        double high = 100;
        for (int step = 0; step < 200 && high - low > 1e-13 * high; step++) {
            double middle = (low + high) / 2;
            double half = Math.sqrt(middle) / 2;
            double gap = Math.log(half + Math.sqrt(half * half - 1)) - Math.sqrt(middle) / (2 * Math.sqrt(middle - 4));
            if (gap < 0) {
                low = middle;
            } else {
                high = middle;
            }
        }
        double at = (low + high) / 2;
        return new Widest(at, 2 / Math.sqrt(at * (at - 4)));
    }

    /** The width on a log grid of |w| from 1 to 1,000, with 4 and the widest |w| among the rows. */
    static List<WindowWidth> widths() {
        return DoubleStream.concat(Arrays.stream(Charts.logRange(1, 1000, 241)), DoubleStream.of(SMALLEST_WEIGHT, widest().absWeight()))
                .sorted().distinct().mapToObj(w -> new WindowWidth(w, width(w))).toList();
    }

    /**
     * |w sigma'(w a + b)| over a in [0, 1] for each drawn |w| and the widest, with b = -|w| / 2 so
     * that the window is centred on a = 1/2; sigma' from ND4J's sigmoid in DOUBLE.
     */
    static List<FactorPoint> factors() {
        double[] weights = DoubleStream.concat(Arrays.stream(DRAWN_WEIGHTS), DoubleStream.of(widest().absWeight())).sorted().toArray();
        // Denser near a = 1/2, where the curves for large |w| peak sharply.
        double[] a = Arrays.stream(Charts.range(-1, 1, 201)).map(u -> 0.5 + 0.5 * Math.signum(u) * Math.pow(Math.abs(u), 1.5)).toArray();
        List<FactorPoint> points = new ArrayList<>();
        for (double w : weights) {
            double[] z = Arrays.stream(a).map(x -> w * x - w / 2).toArray();
            double[] slope = Sigmoid.derivative(Sigmoid.vector(DataType.DOUBLE, z)).toDoubleVector();
            for (int i = 0; i < a.length; i++) {
                points.add(new FactorPoint(w, a[i], w * slope[i]));
            }
        }
        return points;
    }

    static void report(Lab lab) {
        Widest widest = widest();
        lab.finding("unstable window: smallest |w| with a window", SMALLEST_WEIGHT, "%.0f");
        lab.finding("unstable window: |w| of the widest window", widest.absWeight(), "%.2f");
        lab.finding("unstable window: widest width in a", widest.width(), "%.3f");
        lab.finding("unstable window: width at |w| = 100", width(100), "%.3f");
    }
}
