package org.sigmoidbook.chapters.derivative;

import java.awt.BasicStroke;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import org.knowm.xchart.XYChart;
import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.chapters.derivative.DerivativeChapter.CheckPoint;
import org.sigmoidbook.chapters.derivative.DerivativeChapter.Method;
import org.sigmoidbook.chapters.derivative.DerivativeChapter.MethodCheck;
import org.sigmoidbook.chapters.derivative.DerivativeChapter.SigmoidAndDerivative;
import org.sigmoidbook.toolkit.charts.Charts;

/** The derivative chapter's figures, drawn from its tables alone. */
final class DerivativeFigures {

    /** Relative errors of exactly 0 cannot sit on a log axis; the figure draws them at this floor. */
    static final double LOG_FLOOR = 1e-18;

    private DerivativeFigures() {
    }

    static XYChart curves(List<SigmoidAndDerivative> curves) {
        double[] z = curves.stream().mapToDouble(SigmoidAndDerivative::z).toArray();
        double[] derivative = curves.stream().mapToDouble(SigmoidAndDerivative::derivative).toArray();
        XYChart chart = Charts.xy("The sigmoid and its derivative", "z", "σ(z) and σ′(z)");
        Charts.line(chart, "σ(z)", z, curves.stream().mapToDouble(SigmoidAndDerivative::sigma).toArray());
        Charts.line(chart, "σ′(z) = σ(z)(1 − σ(z))", z, derivative);
        Charts.horizontal(chart, "σ′ ≤ 1/4 everywhere", 0.25, z[0], z[z.length - 1]);
        int middle = Arrays.binarySearch(z, 0.0);
        Charts.mark(chart, String.format(Locale.ROOT, "peak σ′(0) = %.2f", derivative[middle]), 0, derivative[middle]);
        Charts.yRange(chart, 0, 1);
        return chart;
    }

    /**
     * The relative error |computed - exact| / exact of every method in both data types, as its
     * largest value in each unit interval of z: rounding errors scatter over a decade or two from
     * point to point, and the worst case is what a reader needs. Methods whose errors agree in every
     * bit share one line (they would hide each other); colour tells the methods apart, the stroke
     * the data type.
     */
    static XYChart relativeErrors(List<CheckPoint> check, List<MethodCheck> summary) {
        double[] z = check.stream().mapToDouble(CheckPoint::z).toArray();
        double[] exact = check.stream().mapToDouble(CheckPoint::exact).toArray();
        double[] centres = IntStream.rangeClosed((int) Math.ceil(z[0]), (int) Math.floor(z[z.length - 1])).asDoubleStream().toArray();
        XYChart chart = Charts.xy("σ′ computed five ways: relative error against a 40-digit reference", "z",
                "worst |computed − exact| / exact in z ± 1/2");
        Charts.logY(chart);
        // The references go first, so that where a method's error is exactly 100% or 0 its line lies on top.
        Charts.horizontal(chart, "100%: the computed σ′ is 0", 1, z[0], z[z.length - 1]);
        boolean anyZero = Arrays.stream(DerivativeChapter.TYPES).anyMatch(type -> Arrays.stream(Method.values())
                .anyMatch(method -> Arrays.stream(errors(check, method, type)).anyMatch(e -> e == 0)));
        if (anyZero) {
            Charts.line(chart, "error exactly 0, drawn at 10⁻¹⁸", new double[]{z[0], z[z.length - 1]}, new double[]{LOG_FLOOR, LOG_FLOOR},
                    Charts.REFERENCE_COLOR, Charts.DOTTED);
        }
        for (DataType type : DerivativeChapter.TYPES) {
            List<List<Method>> groups = identicalErrorGroups(check, type);
            for (List<Method> group : groups) {
                double[] error = errors(check, group.get(0), type);
                double[] worst = new double[centres.length];
                for (int i = 0; i < z.length; i++) {
                    int window = (int) Math.min(centres.length - 1, Math.floor(z[i] - centres[0] + 0.5));
                    worst[window] = Math.max(worst[window], error[i] / exact[i]);
                }
                for (int w = 0; w < worst.length; w++) {
                    worst[w] = Math.max(worst[w], LOG_FLOOR);
                }
                String name = typeName(type) + ": " + label(group, type, summary);
                BasicStroke stroke = type == DataType.FLOAT ? Charts.SOLID : Charts.DASHED;
                if (group.contains(Method.PRODUCT)) {
                    // Markers: for z < 0 this line runs beside s(1 - s), and must show through where they touch.
                    Charts.points(chart, name, centres, worst, Charts.color(2)).setLineStyle(stroke);
                } else {
                    Charts.line(chart, name, centres, worst, Charts.color(group.contains(Method.FINITE_DIFFERENCE) ? 1 : 0), stroke);
                }
            }
        }
        Charts.yRange(chart, LOG_FLOOR / 3, 100);
        return chart;
    }

    /** The data type as the prose names it. */
    static String typeName(DataType type) {
        return type == DataType.FLOAT ? "float32" : "float64";
    }

    /** Methods whose error columns are identical, in method order: they would hide each other. */
    private static List<List<Method>> identicalErrorGroups(List<CheckPoint> check, DataType type) {
        Map<Method, double[]> errors = new EnumMap<>(Method.class);
        for (Method method : Method.values()) {
            errors.put(method, errors(check, method, type));
        }
        return DerivativeChapter.bitIdenticalGroups(errors);
    }

    private static double[] errors(List<CheckPoint> check, Method method, DataType type) {
        return check.stream().mapToDouble(point -> point.absError(method, type)).toArray();
    }

    private static String label(List<Method> group, DataType type, List<MethodCheck> summary) {
        String methods = String.join(" = ", group.stream().map(Method::shortLabel).toList());
        if (!group.contains(Method.FINITE_DIFFERENCE)) {
            return methods;
        }
        MethodCheck finiteDifference = summary.stream().filter(row -> row.dataType() == type && row.method() == Method.FINITE_DIFFERENCE)
                .findFirst().orElseThrow(() -> new IllegalStateException("derivative-check-summary has no finite-difference row for " + type));
        return methods + String.format(Locale.ROOT, ", h = 2^%d", Math.getExponent(finiteDifference.stepH()));
    }
}
