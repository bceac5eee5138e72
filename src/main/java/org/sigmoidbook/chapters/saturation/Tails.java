package org.sigmoidbook.chapters.saturation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sigmoidbook.toolkit.charts.Charts;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/**
 * Where sigma and sigma' become exactly 1 or 0 in floating point, for ND4J and for plain Java
 * arithmetic in two forms. On the right, 1 + e^-z rounds to 1. On the left the two forms part:
 * the naive form 1 / (1 + e^-z) gives 0 as soon as e^-z overflows (z below -ln of the largest
 * value), while the stable form e^z / (1 + e^z) goes on through the subnormal numbers until e^z
 * rounds to 0 (z below ln of half the smallest subnormal). sigma' computed as s (1 - s) from the
 * rounded s is 0 wherever s is 1; computed as sigma(z) sigma(-z) it lasts until sigma(-z) itself is 0.
 */
final class Tails {

    private static final double LN2 = Math.log(2);
    /** The naive form fails when e^-z passes the largest value: -ln(MAX_VALUE). */
    static final double FLOAT_OVERFLOW = -Math.log(Float.MAX_VALUE);
    static final double DOUBLE_OVERFLOW = -Math.log(Double.MAX_VALUE);
    /** The stable form reaches 0 when e^z is at most half the smallest subnormal, 2^-150 and 2^-1075. */
    static final double FLOAT_UNDERFLOW = -150 * LN2;
    static final double DOUBLE_UNDERFLOW = -1075 * LN2;
    /** 1 + e^-z rounds to 1 once e^-z is at most half an ulp of 1: 2^-24 and 2^-53. */
    static final double FLOAT_ROUNDS_TO_ONE = 24 * LN2;
    static final double DOUBLE_ROUNDS_TO_ONE = 53 * LN2;
    /**
     * The exact sigma(z) rounds to 1 once 1 - sigma(z) is at most half the spacing of the numbers just
     * below 1, 2^-25 and 2^-54: from about 25 ln 2 and 54 ln 2, one ln 2 later than the formula.
     */
    static final double FLOAT_CORRECTLY_ROUNDED_ONE = 25 * LN2;
    static final double DOUBLE_CORRECTLY_ROUNDED_ONE = 54 * LN2;
    /** Unit roundoff: the largest relative error of rounding to the nearest float or double, 2^-24 and 2^-53. */
    static final double FLOAT_UNIT_ROUNDOFF = 0x1p-24;
    static final double DOUBLE_UNIT_ROUNDOFF = 0x1p-53;
    /** Below e^-z = 2^-126 (z above 126 ln 2) sigma(-z) is subnormal in float and loses digits. */
    static final double FLOAT_NORMAL_LIMIT = 126 * LN2;
    /** A point between the two left thresholds in FLOAT, where the forms give different answers. */
    static final double BETWEEN_FLOAT_THRESHOLDS = -95;

    private Tails() {
    }

    /**
     * One way of computing sigma and sigma' in one number type, with the closed forms of the z from
     * which sigma is 1 and sigma' is 0 on the right, and up to which both are 0 on the left.
     */
    record Implementation(String name, DataType type, String formula, DoubleUnaryOperator sigma, DoubleUnaryOperator slope,
                          double sigmaOneFrom, double slopeZeroFrom, double zeroUpTo) {
    }

    static List<Implementation> implementations() {
        String backprop = "Transforms.sigmoid; sigma' from DL4J's backprop";
        return List.of(
                new Implementation("ND4J FLOAT", DataType.FLOAT, backprop, z -> Sigmoid.at(z, DataType.FLOAT),
                        z -> dl4jSlope(DataType.FLOAT, z), FLOAT_ROUNDS_TO_ONE, FLOAT_ROUNDS_TO_ONE, FLOAT_OVERFLOW),
                new Implementation("ND4J DOUBLE", DataType.DOUBLE, backprop, z -> Sigmoid.at(z, DataType.DOUBLE),
                        z -> dl4jSlope(DataType.DOUBLE, z), DOUBLE_ROUNDS_TO_ONE, DOUBLE_ROUNDS_TO_ONE, DOUBLE_OVERFLOW),
                new Implementation("ND4J FLOAT, sigma(z) sigma(-z)", DataType.FLOAT, "Transforms.sigmoid of z and of -z, multiplied",
                        z -> Sigmoid.at(z, DataType.FLOAT), z -> productSlopes(DataType.FLOAT, new double[]{z})[0],
                        FLOAT_ROUNDS_TO_ONE, -FLOAT_OVERFLOW, FLOAT_OVERFLOW),
                new Implementation("ND4J DOUBLE, sigma(z) sigma(-z)", DataType.DOUBLE, "Transforms.sigmoid of z and of -z, multiplied",
                        z -> Sigmoid.at(z, DataType.DOUBLE), z -> productSlopes(DataType.DOUBLE, new double[]{z})[0],
                        DOUBLE_ROUNDS_TO_ONE, -DOUBLE_OVERFLOW, DOUBLE_OVERFLOW),
                new Implementation("Java float", DataType.FLOAT, "1f / (1f + (float) Math.exp(-z)); s * (1f - s)",
                        Tails::naiveFloat, z -> {
                            float s = naiveFloat(z);
                            return s * (1f - s);
                        }, FLOAT_ROUNDS_TO_ONE, FLOAT_ROUNDS_TO_ONE, FLOAT_OVERFLOW),
                new Implementation("Java double", DataType.DOUBLE, "1 / (1 + Math.exp(-z)); s * (1 - s)",
                        Tails::naiveDouble, z -> {
                            double s = naiveDouble(z);
                            return s * (1 - s);
                        }, DOUBLE_ROUNDS_TO_ONE, DOUBLE_ROUNDS_TO_ONE, DOUBLE_OVERFLOW),
                new Implementation("Java double, stable form", DataType.DOUBLE, "Sigmoid.of: e^z / (1 + e^z) for z < 0",
                        Sigmoid::of, z -> Sigmoid.derivativeFromOutput(Sigmoid.of(z)), DOUBLE_ROUNDS_TO_ONE, DOUBLE_ROUNDS_TO_ONE,
                        DOUBLE_UNDERFLOW),
                new Implementation("Java float, stable form", DataType.FLOAT, "e = (float) Math.exp(z); e / (1f + e) for z < 0",
                        Tails::stableFloat, z -> {
                            float s = stableFloat(z);
                            return s * (1f - s);
                        }, FLOAT_ROUNDS_TO_ONE, FLOAT_ROUNDS_TO_ONE, FLOAT_UNDERFLOW));
    }

    /** The naive form in float: e^-z overflows to infinity below -88.72 and sigma becomes 0. */
    static float naiveFloat(double z) {
        float zf = (float) z;
        return 1f / (1f + (float) Math.exp(-zf));
    }

    static double naiveDouble(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /** The stable form in float: for z < 0 only e^z is computed, which can only underflow. */
    static float stableFloat(double z) {
        float zf = (float) z;
        if (zf >= 0) {
            return naiveFloat(zf);
        }
        float e = (float) Math.exp(zf);
        return e / (1f + e);
    }

    /** sigma'(z) exactly as a DL4J sigmoid layer computes it during backprop. */
    static double dl4jSlope(DataType type, double z) {
        return dl4jSlopes(type, new double[]{z})[0];
    }

    static double[] dl4jSlopes(DataType type, double[] z) {
        INDArray in = Sigmoid.vector(type, z);
        return Activation.SIGMOID.getActivationFunction().backprop(in, Nd4j.onesLike(in)).getFirst().toDoubleVector();
    }

    /**
     * sigma'(z) = sigma(z) sigma(-z), both from ND4J's sigmoid in {@code type} and multiplied in it:
     * 1 - sigma(z) is never formed, so nothing cancels.
     */
    static double[] productSlopes(DataType type, double[] z) {
        INDArray at = Sigmoid.vector(type, z);
        return Sigmoid.forward(at).mul(Sigmoid.forward(at.neg())).toDoubleVector();
    }

    /** sigma'(z) = e^-|z| / (1 + e^-|z|)^2 in double: free of the 1 - sigma cancellation. */
    static double exactSlope(double z) {
        double e = Math.exp(-Math.abs(z));
        return e / ((1 + e) * (1 + e));
    }

    /**
     * The smallest z of {@code type} at which the exact sigma(z), correctly rounded to {@code type},
     * is 1: where 1 - sigma(z) = sigma(-z), computed without cancellation, drops to half the spacing
     * of the numbers just below 1 (a tie rounds to 1, whose last bit is even).
     */
    static double correctlyRoundedOneFrom(DataType type) {
        double halfSpacingBelowOne = type == DataType.FLOAT ? 0x1p-25 : 0x1p-54;
        return Representable.firstTrue(type, 0, 1e3, z -> Sigmoid.of(-z) <= halfSpacingBelowOne);
    }

    /** |computed - exact| / exact; 1 where the computed value is 0. */
    static double relativeError(double computed, double exact) {
        return Math.abs(computed - exact) / exact;
    }

    /** log10 sigma(z) = (z - ln(1 + e^z)) / ln 10 for z < 0: finite where sigma itself is below every double. */
    static double exactLog10Sigma(double z) {
        return (z - Math.log1p(Math.exp(z))) / Math.log(10);
    }

    /** A row of thresholds.csv: where one quantity of one implementation switches, against the closed form. */
    record Threshold(String implementation, DataType dataType, String formula, String quantity, double thresholdZ,
                     double closedFormZ, double exactSigmaPrimeThere) {

        static Threshold of(Implementation implementation, String quantity, double z, double closedForm) {
            return new Threshold(implementation.name(), implementation.type(), implementation.formula(), quantity, z, closedForm,
                    exactSlope(z));
        }
    }

    /**
     * A row of derivative-tail.csv: sigma' at one z, exact, from DL4J's backprop (s (1 - s) from
     * ND4J's sigma) in FLOAT and DOUBLE, and as sigma(z) sigma(-z) from ND4J's sigma in FLOAT.
     */
    record DerivativePoint(double z, double exactSigmaPrime, double dl4jFloatSigmaPrime, double dl4jDoubleSigmaPrime,
                           double productFloatSigmaPrime) {
    }

    /** A row of left-tail.csv: sigma at one z in one type, from ND4J and from the stable form, and the exact log10 sigma. */
    record LeftTailPoint(DataType dataType, double z, double exactLog10Sigma, double nd4jSigma, double stableFormSigma) {
    }

    static List<Threshold> thresholds() {
        double far = 1e4;
        List<Threshold> rows = new ArrayList<>();
        for (Implementation im : implementations()) {
            DataType t = im.type();
            rows.add(Threshold.of(im, "sigma == 1 from z",
                    Representable.firstTrue(t, 0, far, z -> im.sigma().applyAsDouble(z) == 1.0), im.sigmaOneFrom()));
            rows.add(Threshold.of(im, "sigma' == 0 from z",
                    Representable.firstTrue(t, 0, far, z -> im.slope().applyAsDouble(z) == 0.0), im.slopeZeroFrom()));
            rows.add(Threshold.of(im, "sigma == 0 up to z",
                    Representable.lastTrue(t, -far, 0, z -> im.sigma().applyAsDouble(z) == 0.0), im.zeroUpTo()));
            rows.add(Threshold.of(im, "sigma' == 0 up to z",
                    Representable.lastTrue(t, -far, 0, z -> im.slope().applyAsDouble(z) == 0.0), im.zeroUpTo()));
        }
        return rows;
    }

    /** Where {@code quantity} of {@code implementation} switches: the threshold z of its one row. */
    static double thresholdZ(List<Threshold> thresholds, String implementation, String quantity) {
        List<Threshold> rows = thresholds.stream()
                .filter(r -> r.implementation().equals(implementation) && r.quantity().equals(quantity)).toList();
        if (rows.size() != 1) {
            throw new IllegalStateException("thresholds.csv has " + rows.size() + " rows for " + implementation + " / " + quantity);
        }
        return rows.get(0).thresholdZ();
    }

    /** Whether every threshold of ND4J's own ops equals the one from the naive Java formula in the same type. */
    static boolean nd4jIsTheNaiveForm(List<Threshold> rows) {
        for (Threshold nd4j : rows) {
            String javaName = nd4j.dataType() == DataType.FLOAT ? "Java float" : "Java double";
            if (nd4j.implementation().equals("ND4J " + nd4j.dataType().name()) && rows.stream().noneMatch(java -> java.implementation().equals(javaName)
                    && java.quantity().equals(nd4j.quantity()) && java.thresholdZ() == nd4j.thresholdZ())) {
                return false;
            }
        }
        return true;
    }

    /** sigma' far into both tails, on one grid: the exact value, DL4J's backprop in FLOAT and DOUBLE, and sigma(z) sigma(-z) in FLOAT. */
    static List<DerivativePoint> derivativeCurves() {
        // the grid as float holds it, so that the exact value is that of the z each computed form sees
        double[] z = Arrays.stream(Charts.range(-100, 100, 1001)).map(v -> (float) v).toArray();
        double[] floats = dl4jSlopes(DataType.FLOAT, z);
        double[] doubles = dl4jSlopes(DataType.DOUBLE, z);
        double[] products = productSlopes(DataType.FLOAT, z);
        List<DerivativePoint> points = new ArrayList<>();
        for (int i = 0; i < z.length; i++) {
            points.add(new DerivativePoint(z[i], exactSlope(z[i]), floats[i], doubles[i], products[i]));
        }
        return points;
    }

    /** The largest relative error of a column of {@code points} against the exact sigma' over 0 <= z <= {@code upTo}. */
    static double largestRelativeError(List<DerivativePoint> points, ToDoubleFunction<DerivativePoint> computed, double upTo) {
        return points.stream().filter(p -> p.z() >= 0 && p.z() <= upTo)
                .mapToDouble(p -> relativeError(computed.applyAsDouble(p), p.exactSigmaPrime())).max().orElseThrow();
    }

    /**
     * sigma(z) around the two left thresholds of each type: ND4J (the naive form) against the stable
     * form, with the exact log10 sigma for reference. Computed values are kept as they are (0 stays 0),
     * the exact one as a logarithm, since it falls below the smallest double.
     */
    static List<LeftTailPoint> leftTail() {
        List<LeftTailPoint> points = new ArrayList<>();
        for (DataType t : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            double[] z = t == DataType.FLOAT ? Charts.range(-110, -80, 301) : Charts.range(-760, -700, 301);
            if (t == DataType.FLOAT) {
                // the grid as the type holds it, so that every column describes the same z
                for (int i = 0; i < z.length; i++) {
                    z[i] = (float) z[i];
                }
            }
            double[] naive = Sigmoid.forward(Sigmoid.vector(t, z)).toDoubleVector();
            for (int i = 0; i < z.length; i++) {
                double stable = t == DataType.FLOAT ? stableFloat(z[i]) : Sigmoid.of(z[i]);
                points.add(new LeftTailPoint(t, z[i], exactLog10Sigma(z[i]), naive[i], stable));
            }
        }
        return points;
    }
}
