package org.sigmoidbook.chapters.derivative;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SigmoidDerivative;
import org.nd4j.linalg.factory.Nd4j;
import org.sigmoidbook.book.Chapter;
import org.sigmoidbook.book.ChapterInfo;
import org.sigmoidbook.book.Figures;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Launcher;
import org.sigmoidbook.book.Results;
import org.sigmoidbook.runtime.Silence;
import org.sigmoidbook.toolkit.charts.Charts;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/**
 * Chapter 2: sigma'(z) = sigma(z) (1 - sigma(z)), its peak 1/4 at z = 0, and the identity checked
 * four independent ways in FLOAT and DOUBLE against a reference computed to 40 digits, beside
 * sigma(z) sigma(-z), which keeps its digits where s (1 - s) loses them; sigma as a shifted and
 * scaled tanh, its series about 0, and the ranges over which textbook and safe formulas for
 * 1 - sigma, sigma', log sigma and the cross-entropy stay accurate.
 */
@ChapterInfo(number = 2, id = "derivative", title = "The derivative",
        summary = "σ′ = σ(1 − σ) from forward outputs, checked four ways, peaking at 0.25", cover = "sigmoid-and-derivative")
public final class DerivativeChapter implements Chapter {

    /** The grid step 1/8 makes every z in [-20, 20] exactly representable in FLOAT as well as DOUBLE. */
    public static final int STEPS_PER_UNIT = 8;
    public static final double Z_LIMIT = 20;
    /** The weight of the one-unit layer whose gradient factor w sigma'(w a + b) the chapter measures. */
    public static final double LAYER_WEIGHT = 8;

    /**
     * The ways of computing sigma'(z) that the chapter compares: four that check sigma (1 - sigma), and
     * sigma(z) sigma(-z), the same on paper, which avoids the subtraction 1 - sigma.
     */
    public enum Method {
        FROM_OUTPUT("from_output", "σ(1 − σ) from forward outputs", "s(1 − s)"),
        ND4J_OP("nd4j_op", "ND4J sigmoid_bp op", "sigmoid_bp"),
        AUTODIFF("samediff", "SameDiff autodiff", "SameDiff"),
        FINITE_DIFFERENCE("finite_difference", "central finite difference", "finite difference"),
        PRODUCT("product", "σ(z)σ(−z) from two forward passes", "σ(z)σ(−z)");

        private final String id;
        private final String label;
        private final String shortLabel;

        Method(String id, String label, String shortLabel) {
            this.id = id;
            this.label = label;
            this.shortLabel = shortLabel;
        }

        /** The name in the tables: the summary's {@code method} column, and part of the check's column names. */
        public String id() {
            return id;
        }

        /** The name in findings. */
        public String label() {
            return label;
        }

        /** The name in legends. */
        public String shortLabel() {
            return shortLabel;
        }
    }

    public static final DataType[] TYPES = {DataType.FLOAT, DataType.DOUBLE};

    public static void main(String[] args) {
        Launcher.run(DerivativeChapter.class, args);
    }

    /** sigma and sigma' (ND4J's op) at one z, in DOUBLE. */
    public record SigmoidAndDerivative(double z, double sigma, double derivative) {
    }

    /**
     * One grid point of the check: the 40-digit sigma'(z) and |computed - exact| of every method in
     * both data types, a column each ({@code abs_error_<method id>_<data type>}).
     */
    public record CheckPoint(double z, double exact,
                             double absErrorFromOutputFloat, double absErrorNd4jOpFloat, double absErrorSamediffFloat,
                             double absErrorFiniteDifferenceFloat, double absErrorProductFloat,
                             double absErrorFromOutputDouble, double absErrorNd4jOpDouble, double absErrorSamediffDouble,
                             double absErrorFiniteDifferenceDouble, double absErrorProductDouble) {

        /** Point {@code i} of the grid {@code z}, from the errors of every method by data type. */
        static CheckPoint at(int i, double[] z, double[] exact, Map<DataType, Map<Method, double[]>> errors) {
            Map<Method, double[]> inFloat = errors.get(DataType.FLOAT);
            Map<Method, double[]> inDouble = errors.get(DataType.DOUBLE);
            return new CheckPoint(z[i], exact[i],
                    inFloat.get(Method.FROM_OUTPUT)[i], inFloat.get(Method.ND4J_OP)[i], inFloat.get(Method.AUTODIFF)[i],
                    inFloat.get(Method.FINITE_DIFFERENCE)[i], inFloat.get(Method.PRODUCT)[i],
                    inDouble.get(Method.FROM_OUTPUT)[i], inDouble.get(Method.ND4J_OP)[i], inDouble.get(Method.AUTODIFF)[i],
                    inDouble.get(Method.FINITE_DIFFERENCE)[i], inDouble.get(Method.PRODUCT)[i]);
        }

        /** |computed - exact| of {@code method} in {@code type}. */
        public double absError(Method method, DataType type) {
            return switch (type) {
                case FLOAT -> switch (method) {
                    case FROM_OUTPUT -> absErrorFromOutputFloat;
                    case ND4J_OP -> absErrorNd4jOpFloat;
                    case AUTODIFF -> absErrorSamediffFloat;
                    case FINITE_DIFFERENCE -> absErrorFiniteDifferenceFloat;
                    case PRODUCT -> absErrorProductFloat;
                };
                case DOUBLE -> switch (method) {
                    case FROM_OUTPUT -> absErrorFromOutputDouble;
                    case ND4J_OP -> absErrorNd4jOpDouble;
                    case AUTODIFF -> absErrorSamediffDouble;
                    case FINITE_DIFFERENCE -> absErrorFiniteDifferenceDouble;
                    case PRODUCT -> absErrorProductDouble;
                };
                default -> throw new IllegalArgumentException("the check is in FLOAT and DOUBLE, not " + type);
            };
        }
    }

    /** One method in one data type over the whole grid; {@code stepH} is the finite difference's step, for that method only. */
    public record MethodCheck(DataType dataType, Method method, Double stepH, double maxAbsError, double zAtMaxAbsError,
                              double maxRelError) {
    }

    @Override
    public void measure(Lab lab) {
        lab.table("sigmoid-and-derivative", curves());
        tanhForm(lab);
        check(lab);
        lab.finding("gradient factor w σ′(w a + b) of a one-unit layer at w = 8, w a + b = 0 (SameDiff)",
                layerFactor(LAYER_WEIGHT, 0, 0), "%.4f");
        double[] peak = locateMaximum(grid());
        lab.finding("argmax of sigma' (golden-section search on ND4J's op, DOUBLE)", peak[0], "%.1e");
        lab.finding("max of sigma'", peak[1], "%.16f");
        List<SafeFormulas.FormulaRange> safe = SafeFormulas.measure(lab.size(1, 4));
        lab.table("safe-formulas", safe);
        lab.finding("relative error that counts as accurate", SafeFormulas.TOLERANCE, "%.2f");
        for (SafeFormulas.FormulaRange row : safe) {
            lab.finding("accurate for z in: " + row.formula() + ", FLOAT", SafeFormulas.range(row.float32From(), row.float32To()));
            lab.finding("accurate for z in: " + row.formula() + ", DOUBLE", SafeFormulas.range(row.float64From(), row.float64To()));
        }
        lab.finding("smallest normal FLOAT", Float.MIN_NORMAL, "%.1e");
        lab.finding("smallest subnormal FLOAT", Float.MIN_VALUE, "%.1e");
        lab.finding("ln of the largest FLOAT", Math.log(Float.MAX_VALUE), "%.2f");
        lab.finding("smallest normal DOUBLE", Double.MIN_NORMAL, "%.1e");
        lab.finding("smallest subnormal DOUBLE", Double.MIN_VALUE, "%.1e");
        lab.finding("ln of the largest DOUBLE", Math.log(Double.MAX_VALUE), "%.2f");
    }

    /** sigma as a shifted, scaled tanh, a sigmoid network rewritten as a tanh network, and the series about 0. */
    private static void tanhForm(Lab lab) {
        lab.finding("max |(1 + tanh(z/2))/2 - sigma(z)| over the grid, DOUBLE", TanhForm.identityError(grid()), "%.1e");
        lab.finding("max |sigmoid network - its tanh rewrite|, DOUBLE", TanhForm.rewriteError(), "%.1e");
        lab.finding("max |sigma(z) - (1/2 + z/4)| for |z| <= 1", TanhForm.seriesError(false), "%.4f");
        lab.finding("max |sigma(z) - (1/2 + z/4 - z^3/48)| for |z| <= 1", TanhForm.seriesError(true), "%.5f");
        lab.finding("1/48", 1.0 / 48, "%.4f");
        lab.finding("1/480", 1.0 / 480, "%.5f");
    }

    @Override
    public void draw(Results results, Figures figures) throws Exception {
        figures.add("sigmoid-and-derivative", DerivativeFigures.curves(results.rows("sigmoid-and-derivative", SigmoidAndDerivative.class)));
        figures.add("derivative-check", DerivativeFigures.relativeErrors(results.rows("derivative-check", CheckPoint.class),
                results.rows("derivative-check-summary", MethodCheck.class)));
    }

    /** sigma and sigma' (ND4J's op) on [-10, 10], in DOUBLE. */
    static List<SigmoidAndDerivative> curves() {
        double[] z = Charts.range(-10, 10, 401);
        INDArray zs = Sigmoid.vector(DataType.DOUBLE, z);
        double[] sigma = Sigmoid.forward(zs).toDoubleVector();
        double[] derivative = nd4jOp(zs).toDoubleVector();
        return IntStream.range(0, z.length).mapToObj(i -> new SigmoidAndDerivative(z[i], sigma[i], derivative[i])).toList();
    }

    /** Each method in each data type against the 40-digit reference, point by point and summarised. */
    private static void check(Lab lab) {
        double[] z = grid();
        double[] exact = new double[z.length];
        Arrays.setAll(exact, i -> ExactSigmoid.derivative(z[i]));
        Map<DataType, Map<Method, double[]>> errors = new EnumMap<>(DataType.class);
        List<MethodCheck> summary = new ArrayList<>();
        for (DataType type : TYPES) {
            Map<Method, double[]> values = new EnumMap<>(Method.class);
            Map<Method, double[]> errorsOfType = new EnumMap<>(Method.class);
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
                errorsOfType.put(method, error);
                summary.add(new MethodCheck(type, method, method == Method.FINITE_DIFFERENCE ? finiteDifferenceStep(type) : null,
                        error[worst], z[worst], worstRelative));
                lab.finding(String.format(Locale.ROOT, "max |error| %-6s %s", type, method.label()), error[worst], "%.2e");
                lab.finding(String.format(Locale.ROOT, "max relative error %s %s", type, method.label()), worstRelative, "%.2e");
            }
            errors.put(type, errorsOfType);
            double vanishes = firstExactZero(z, values.get(Method.FROM_OUTPUT));
            if (!Double.isNaN(vanishes)) {
                lab.finding("smallest grid z where " + type + " σ(1 − σ) is exactly 0", vanishes, "%.4f");
            }
            for (List<Method> group : bitIdenticalGroups(values)) {
                if (group.size() > 1) {
                    lab.finding(type + " methods identical bit for bit",
                            String.join(", ", group.stream().map(Method::label).toList()));
                }
            }
        }
        lab.table("derivative-check", IntStream.range(0, z.length).mapToObj(i -> CheckPoint.at(i, z, exact, errors)).toList());
        lab.table("derivative-check-summary", summary);
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
            case PRODUCT -> Sigmoid.forward(z).mul(Sigmoid.forward(z.neg()));
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
     * What a layer of one sigmoid unit, a' = sigma(w a + b), multiplies the gradient by on its way
     * back: da'/da = w sigma'(w a + b), by SameDiff autodiff in DOUBLE. The sigma' factor is at most
     * 1/4, the layer's factor is not: it carries the weight (for a layer of many units, the Jacobian
     * is W^T diag(sigma')).
     */
    public static double layerFactor(double w, double b, double a) {
        SameDiff sd = SameDiff.create();
        SDVariable input = sd.var("a", Nd4j.scalar(a));
        sd.nn().sigmoid(input.mul(w).add(b)).markAsLoss();
        return Silence.stdout(() -> sd.calculateGradients(null, "a")).get("a").getDouble(0);
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
}
