package org.sigmoidbook.chapters.derivative;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SigmoidDerivative;
import org.nd4j.linalg.factory.Nd4j;
import org.sigmoidbook.book.ChapterInfo;
import org.sigmoidbook.book.Launcher;
import org.sigmoidbook.chapters.LegacyRun;
import org.sigmoidbook.toolkit.charts.Charts;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;
import org.sigmoidbook.toolkit.numerics.Sigmoid;
import org.sigmoidbook.runtime.Silence;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Chapter 2: sigma'(z) = sigma(z) (1 - sigma(z)), its peak 1/4 at z = 0, and the identity checked
 * four independent ways in FLOAT and DOUBLE against a reference computed to 40 digits.
 */
@ChapterInfo(number = 2, id = "derivative", title = "The derivative",
        summary = "σ′ = σ(1 − σ) from forward outputs, checked four ways, peaking at 0.25", cover = "sigmoid-and-derivative")
public final class DerivativeChapter extends LegacyRun.LegacyChapter {

    /** The grid step 1/8 makes every z in [-20, 20] exactly representable in FLOAT as well as DOUBLE. */
    public static final int STEPS_PER_UNIT = 8;
    public static final double Z_LIMIT = 20;
    /** Exact errors of 0 cannot sit on a log axis; the figure draws them at this floor. */
    public static final double LOG_FLOOR = 1e-20;

    /** The four ways of computing sigma'(z) that the chapter compares. */
    public enum Method {
        FROM_OUTPUT("from_output", "σ(1 − σ) from forward outputs"),
        ND4J_OP("nd4j_op", "ND4J sigmoid_bp op"),
        AUTODIFF("samediff", "SameDiff autodiff"),
        FINITE_DIFFERENCE("finite_difference", "central finite difference");

        public final String column;
        public final String label;

        Method(String column, String label) {
            this.column = column;
            this.label = label;
        }
    }

    public static final DataType[] TYPES = {DataType.FLOAT, DataType.DOUBLE};

    public static void main(String[] args) {
        Launcher.run(DerivativeChapter.class, args);
    }

    @Override
    protected void run(LegacyRun run) throws Exception {
        curves(run);
        double[] z = grid();
        double[] exact = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            exact[i] = ExactSigmoid.derivative(z[i]);
        }
        Table check = Table.create("derivative-check", DoubleColumn.create("z", z), DoubleColumn.create("exact", exact));
        Table summary = Table.create("derivative-check-summary", StringColumn.create("data_type"),
                StringColumn.create("method"), DoubleColumn.create("step_h"), DoubleColumn.create("max_abs_error"),
                DoubleColumn.create("z_at_max_abs_error"), DoubleColumn.create("max_rel_error"));
        Map<DataType, List<List<Method>>> identical = new EnumMap<>(DataType.class);
        Map<DataType, Map<Method, double[]>> errors = new EnumMap<>(DataType.class);
        for (DataType type : TYPES) {
            Map<Method, double[]> values = new EnumMap<>(Method.class);
            Map<Method, double[]> byMethod = new EnumMap<>(Method.class);
            for (Method method : Method.values()) {
                double[] value = compute(method, Sigmoid.vector(type, z)).toDoubleVector();
                double[] error = new double[z.length];
                int worst = 0;
                double worstRelative = 0;
                for (int i = 0; i < z.length; i++) {
                    error[i] = Math.abs(value[i] - exact[i]);
                    worst = error[i] > error[worst] ? i : worst;
                    worstRelative = Math.max(worstRelative, error[i] / exact[i]);
                }
                values.put(method, value);
                byMethod.put(method, error);
                check.addColumns(DoubleColumn.create(errorColumn(method, type), error));
                summary.stringColumn("data_type").append(type.toString());
                summary.stringColumn("method").append(method.column);
                summary.doubleColumn("step_h").append(method == Method.FINITE_DIFFERENCE ? finiteDifferenceStep(type) : Double.NaN);
                summary.doubleColumn("max_abs_error").append(error[worst]);
                summary.doubleColumn("z_at_max_abs_error").append(z[worst]);
                summary.doubleColumn("max_rel_error").append(worstRelative);
                run.finding(String.format(Locale.ROOT, "max |error| %-6s %s", type, method.label), error[worst], "%.2e");
            }
            errors.put(type, byMethod);
            double vanishes = firstExactZero(z, values.get(Method.FROM_OUTPUT));
            if (!Double.isNaN(vanishes)) {
                run.finding("smallest grid z where " + type + " σ(1 − σ) is exactly 0", vanishes, "%.4f");
            }
            identical.put(type, bitIdenticalGroups(values));
            for (List<Method> group : identical.get(type)) {
                if (group.size() > 1) {
                    run.finding(type + " methods identical bit for bit",
                            String.join(", ", group.stream().map(m -> m.label).toList()));
                }
            }
        }
        run.table("derivative-check", check);
        run.table("derivative-check-summary", summary);
        run.figure("derivative-check", errorChart(z, errors, identical));

        double[] peak = locateMaximum(z);
        run.finding("argmax of sigma' (golden-section search on ND4J's op, DOUBLE)", peak[0], "%.1e");
        run.finding("max of sigma'", peak[1], "%.16f");
    }

    public static String errorColumn(Method method, DataType type) {
        return "abs_error_" + method.column + "_" + type.toString().toLowerCase(Locale.ROOT);
    }

    /** z = k / 8 for k = -160 ... 160. */
    public static double[] grid() {
        int half = (int) (Z_LIMIT * STEPS_PER_UNIT);
        double[] z = new double[2 * half + 1];
        for (int k = -half; k <= half; k++) {
            z[k + half] = (double) k / STEPS_PER_UNIT;
        }
        return z;
    }

    /** sigma'(z) by {@code method}, computed in the data type of {@code z}. */
    public static INDArray compute(Method method, INDArray z) {
        return switch (method) {
            case FROM_OUTPUT -> Sigmoid.derivativeFromOutput(Sigmoid.forward(z));
            case ND4J_OP -> nd4jOp(z);
            case AUTODIFF -> autodiff(z);
            case FINITE_DIFFERENCE -> finiteDifference(z);
        };
    }

    /** ND4J's sigmoid_bp: given z and dL/dsigma, it returns dL/dz; with dL/dsigma = 1 that is sigma'(z). */
    public static INDArray nd4jOp(INDArray z) {
        INDArray result = z.ulike();
        Nd4j.exec(new SigmoidDerivative(z, Nd4j.onesLike(z), result));
        return result;
    }

    /** Reverse-mode autodiff of sum(sigmoid(z)): its gradient with respect to z is sigma'(z), element by element. */
    public static INDArray autodiff(INDArray z) {
        SameDiff sd = SameDiff.create();
        SDVariable input = sd.var("z", z.dup());
        sd.nn().sigmoid(input).sum().markAsLoss();
        return Silence.stdout(() -> sd.calculateGradients(null, "z")).get("z");
    }

    /** (sigma(z + h) - sigma(z - h)) / 2h with every step in the data type of z. */
    public static INDArray finiteDifference(INDArray z) {
        double h = finiteDifferenceStep(z.dataType());
        return Sigmoid.forward(z.add(h)).sub(Sigmoid.forward(z.sub(h))).div(2 * h);
    }

    /**
     * The step that balances truncation error (about h^2) against rounding error (about eps / h):
     * the cube root of machine epsilon, rounded to a power of two so that z +- h is exact.
     */
    public static double finiteDifferenceStep(DataType type) {
        double epsilon = type == DataType.FLOAT ? Math.ulp(1.0f) : Math.ulp(1.0);
        return Math.pow(2, Math.round(Math.log(Math.cbrt(epsilon)) / Math.log(2)));
    }

    /**
     * The maximum of sigma' found numerically from ND4J's op in DOUBLE: the best point of the grid,
     * then a golden-section search between its neighbours. Returns {argmax, max}.
     */
    public static double[] locateMaximum(double[] z) {
        double[] onGrid = nd4jOp(Sigmoid.vector(DataType.DOUBLE, z)).toDoubleVector();
        int best = 0;
        for (int i = 1; i < onGrid.length; i++) {
            best = onGrid[i] > onGrid[best] ? i : best;
        }
        double a = z[Math.max(0, best - 1)];
        double b = z[Math.min(z.length - 1, best + 1)];
        double inverseGolden = (Math.sqrt(5) - 1) / 2;
        double c = b - inverseGolden * (b - a);
        double d = a + inverseGolden * (b - a);
        double fc = derivativeAt(c);
        double fd = derivativeAt(d);
        while (b - a > 1e-10) {
            if (fc >= fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - inverseGolden * (b - a);
                fc = derivativeAt(c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + inverseGolden * (b - a);
                fd = derivativeAt(d);
            }
        }
        double argmax = (a + b) / 2;
        return new double[]{argmax, derivativeAt(argmax)};
    }

    private static double derivativeAt(double z) {
        return nd4jOp(Sigmoid.vector(DataType.DOUBLE, z)).getDouble(0);
    }

    private static void curves(LegacyRun run) throws Exception {
        double[] z = Charts.range(-10, 10, 401);
        INDArray zs = Sigmoid.vector(DataType.DOUBLE, z);
        XYChart chart = Charts.xy("The sigmoid and its derivative", "z", "σ(z) and σ′(z)");
        Charts.line(chart, "σ(z)", z, Sigmoid.forward(zs).toDoubleVector());
        Charts.line(chart, "σ′(z) = σ(z)(1 − σ(z))", z, nd4jOp(zs).toDoubleVector());
        Charts.horizontal(chart, "σ′ ≤ 1/4 everywhere", 0.25, -10, 10);
        Charts.mark(chart, "peak σ′(0) = 0.25", 0, nd4jOp(Sigmoid.vector(DataType.DOUBLE, 0)).getDouble(0));
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        run.figure("sigmoid-and-derivative", chart);
    }

    /** Where 1 - sigma has rounded to 0, so that sigma(1 - sigma) loses all of sigma'; NaN if nowhere. */
    private static double firstExactZero(double[] z, double[] derivative) {
        for (int i = 0; i < z.length; i++) {
            if (derivative[i] == 0) {
                return z[i];
            }
        }
        return Double.NaN;
    }

    /** Groups the methods whose results agree in every bit, in method order. */
    static List<List<Method>> bitIdenticalGroups(Map<Method, double[]> values) {
        List<List<Method>> groups = new ArrayList<>();
        for (Method method : Method.values()) {
            List<Method> match = groups.stream()
                    .filter(g -> Arrays.equals(values.get(g.get(0)), values.get(method))).findFirst().orElse(null);
            if (match == null) {
                groups.add(new ArrayList<>(List.of(method)));
            } else {
                match.add(method);
            }
        }
        return groups;
    }

    /**
     * One series per data type and group of bit-identical methods: circles for FLOAT, triangles for
     * DOUBLE, one colour per group.
     */
    private static XYChart errorChart(double[] z, Map<DataType, Map<Method, double[]>> errors,
                                      Map<DataType, List<List<Method>>> identical) {
        XYChart chart = Charts.xy("σ′ four ways, against a 40-digit reference",
                "z", "|σ′ computed − σ′ exact|  (log scale)");
        chart.getStyler().setYAxisLogarithmic(true);
        for (DataType type : TYPES) {
            List<List<Method>> groups = identical.get(type);
            for (List<Method> group : groups) {
                double[] floored = errors.get(type).get(group.get(0)).clone();
                for (int i = 0; i < floored.length; i++) {
                    floored[i] = Math.max(floored[i], LOG_FLOOR);
                }
                String methods = String.join(" = ", group.stream().map(m -> m.label).toList());
                if (group.contains(Method.FINITE_DIFFERENCE)) {
                    methods += String.format(Locale.ROOT, ", h = 2^%d", Math.getExponent(finiteDifferenceStep(type)));
                }
                XYSeries series = chart.addSeries(type + ": " + methods, z, floored);
                series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                series.setMarker(type == DataType.FLOAT ? SeriesMarkers.CIRCLE : SeriesMarkers.TRIANGLE_UP);
                series.setMarkerColor(Charts.color(groups.indexOf(group)));
            }
        }
        Charts.horizontal(chart, String.format(Locale.ROOT, "error exactly 0, drawn at %.0e", LOG_FLOOR), LOG_FLOOR, -Z_LIMIT, Z_LIMIT);
        chart.getStyler().setMarkerSize(6);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Vertical);
        return chart;
    }
}
