package org.sigmoidbook.chapters.today;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.sigmoidbook.book.Rows;
import org.sigmoidbook.chapters.today.ActivationCurves.CurvePoint;
import org.sigmoidbook.chapters.today.ActivationCurves.SwishBreakdown;
import org.sigmoidbook.toolkit.nn.Networks;

class ActivationCurvesTest {

    private static final double STEP = 1.0 / 64;
    private static List<CurvePoint> curves;

    @BeforeAll
    static void measure() {
        TodayTesting.startBackend();
        curves = ActivationCurves.curves(6, STEP);
    }

    private static double sigma(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double[] column(ToDoubleFunction<CurvePoint> value) {
        return curves.stream().mapToDouble(value).toArray();
    }

    @Test
    void columnsAndGrid() {
        assertEquals(List.of("z", "sigmoid", "sigmoid_prime", "silu", "silu_prime", "hard_sigmoid", "hard_sigmoid_prime"),
                Rows.columns(CurvePoint.class));
        assertEquals(2 * 6 * 64 + 1, curves.size());
        assertEquals(-6.0, column(CurvePoint::z)[0]);
        assertEquals(0.0, column(CurvePoint::z)[6 * 64]);
    }

    /** Closed forms in plain double: sigma, sigma (1 - sigma), z sigma, sigma (1 + z (1 - sigma)). */
    @Test
    void sigmoidAndSiluMatchTheirClosedForms() {
        double[] z = column(CurvePoint::z);
        for (int i = 0; i < z.length; i++) {
            double s = sigma(z[i]);
            assertEquals(s, column(CurvePoint::sigmoid)[i], 1e-15, "sigmoid at " + z[i]);
            assertEquals(s * (1 - s), column(CurvePoint::sigmoidPrime)[i], 1e-15, "sigmoid' at " + z[i]);
            assertEquals(z[i] * s, column(CurvePoint::silu)[i], 1e-14, "silu at " + z[i]);
            assertEquals(s * (1 + z[i] * (1 - s)), column(CurvePoint::siluPrime)[i], 1e-14, "silu' at " + z[i]);
        }
    }

    /**
     * DL4J's hard sigmoid is min(1, max(0, 0.2 z + 1/2)); its backprop gives 0.2 on the closed interval
     * [-5/2, 5/2] (the knees included) and 0 outside. Its 0.2 is the float nearest 0.2, even in DOUBLE:
     * 0.20000000298..., 1.5e-9 off.
     */
    @Test
    void hardSigmoidIsAFifthSlopeClippedAtPlusMinusTwoAndAHalf() {
        double slope = 0.2f;
        double[] z = column(CurvePoint::z);
        for (int i = 0; i < z.length; i++) {
            assertEquals(Math.min(1, Math.max(0, slope * z[i] + 0.5)), column(CurvePoint::hardSigmoid)[i], 1e-15, "at " + z[i]);
            assertEquals(Math.abs(z[i]) <= 2.5 ? slope : 0.0, column(CurvePoint::hardSigmoidPrime)[i], 0.0, "slope at " + z[i]);
        }
        assertEquals(0.2, ActivationCurves.HARD_SIGMOID_SLOPE);
        assertEquals(1 / (2 * ActivationCurves.HARD_SIGMOID_SLOPE), ActivationCurves.HARD_SIGMOID_KNEE, 1e-15);
    }

    /** Each backprop column against central differences of DL4J's own forward pass (kinks of the hard sigmoid skipped). */
    @Test
    void derivativesAgreeWithFiniteDifferencesOfDl4jsForwardPass() {
        double h = 1e-5;
        double[] z = column(CurvePoint::z);
        INDArray plus = Nd4j.createFromArray(z).add(h);
        INDArray minus = Nd4j.createFromArray(z).sub(h);
        Map<Activation, ToDoubleFunction<CurvePoint>> slopes = Map.of(Activation.SIGMOID, CurvePoint::sigmoidPrime,
                Activation.SWISH, CurvePoint::siluPrime, Activation.HARDSIGMOID, CurvePoint::hardSigmoidPrime);
        for (Map.Entry<Activation, ToDoubleFunction<CurvePoint>> curve : slopes.entrySet()) {
            Activation activation = curve.getKey();
            IActivation function = activation.getActivationFunction();
            double[] up = function.getActivation(plus.dup(), false).toDoubleVector();
            double[] down = function.getActivation(minus.dup(), false).toDoubleVector();
            double[] slope = column(curve.getValue());
            for (int i = 0; i < z.length; i++) {
                if (activation == Activation.HARDSIGMOID && Math.abs(Math.abs(z[i]) - 2.5) < 2 * h) {
                    continue;
                }
                assertEquals((up[i] - down[i]) / (2 * h), slope[i], 1e-8, activation + "' at " + z[i]);
            }
        }
    }

    /** SiLU's lowest point, by golden-section search on z sigma(z); and -W(1/e) = -0.2784645427610738 (published to 16 digits). */
    @Test
    void siluMinimumIsMinusLambertWOfOneOverE() {
        double low = -3;
        double high = 0;
        double golden = (Math.sqrt(5) - 1) / 2;
        for (int i = 0; i < 200; i++) {
            double a = high - golden * (high - low);
            double b = low + golden * (high - low);
            if (a * sigma(a) < b * sigma(b)) {
                high = b;
            } else {
                low = a;
            }
        }
        double zMin = (low + high) / 2;
        ActivationCurves.Extremum minimum = ActivationCurves.siluMinimum();
        assertEquals(zMin, minimum.z(), 1e-7);
        assertEquals(zMin * sigma(zMin), minimum.value(), 1e-15);
        assertEquals(-0.2784645427610738, minimum.value(), 1e-15);
        double lowestOnGrid = Arrays.stream(column(CurvePoint::silu)).min().orElseThrow();
        assertTrue(lowestOnGrid >= minimum.value() && lowestOnGrid - minimum.value() < STEP * STEP, "grid minimum " + lowestOnGrid);
    }

    /** SiLU is steeper than ReLU somewhere: its largest slope, against the largest of the table's backprop column. */
    @Test
    void siluSteepestSlopeExceedsOne() {
        ActivationCurves.Extremum steepest = ActivationCurves.siluSteepestSlope();
        double[] slope = column(CurvePoint::siluPrime);
        double[] z = column(CurvePoint::z);
        int best = 0;
        for (int i = 1; i < slope.length; i++) {
            best = slope[i] > slope[best] ? i : best;
        }
        assertEquals(z[best], steepest.z(), STEP);
        assertTrue(steepest.value() >= slope[best] && steepest.value() - slope[best] < 1e-4, "steepest " + steepest);
        assertEquals(1.0998, steepest.value(), 5e-5);
        assertEquals(2.3994, steepest.z(), 5e-5);
    }

    /** The hard sigmoid strays furthest from sigma where it clips: 1 - sigma(5/2) = 0.0759. */
    @Test
    void hardSigmoidsLargestGapIsAtTheKnees() {
        double[] hard = column(CurvePoint::hardSigmoid);
        double[] sigmoid = column(CurvePoint::sigmoid);
        double largest = 0;
        for (int i = 0; i < hard.length; i++) {
            largest = Math.max(largest, Math.abs(hard[i] - sigmoid[i]));
        }
        assertEquals(largest, ActivationCurves.hardSigmoidLargestGap(), 1e-15);
        assertEquals(0.0759, largest, 5e-5);
    }

    /**
     * DL4J's SWISH backprop computes e^z (z + e^z + 1) / (e^z + 1)^2, which is inf / inf = NaN once
     * (e^z + 1)^2 overflows: from z = ln(sqrt(largest value)) on, 44.36 in FLOAT and 354.89 in DOUBLE.
     */
    @Test
    void swishGradientTurnsNanWhereTheSquareOverflows() {
        List<SwishBreakdown> breakdown = ActivationCurves.swishGradientBreakdown();
        assertEquals(List.of("data_type", "first_nan_z", "overflow_z", "nan_fraction_beyond"), Rows.columns(SwishBreakdown.class));
        assertEquals(Math.log(Float.MAX_VALUE) / 2, breakdown.get(0).overflowZ(), 1e-12);
        assertEquals(44.3614, breakdown.get(0).overflowZ(), 1e-4);
        assertEquals(354.8914, breakdown.get(1).overflowZ(), 1e-4);
        for (SwishBreakdown row : breakdown) {
            double first = row.firstNanZ();
            double overflow = row.overflowZ();
            assertTrue(first >= overflow - 1.0 / 64 && first <= overflow + 1.0 / 64, first + " vs " + overflow);
            assertEquals(1.0, row.nanFractionBeyond());
        }
        // Just below the breakdown the gradient is right (1 to within the type's precision), independently of the table.
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            double below = (type == DataType.FLOAT ? Math.log(Float.MAX_VALUE) : Math.log(Double.MAX_VALUE)) / 2 - 0.5;
            INDArray z = Nd4j.createFromArray(below, below + 1).castTo(type);
            double[] slope = Activation.SWISH.getActivationFunction().backprop(z, Nd4j.onesLike(z)).getFirst().toDoubleVector();
            assertEquals(1.0, slope[0], 1e-6, type + " below");
            assertFalse(Double.isFinite(slope[1]), type + " above: " + slope[1]);
        }
    }

    /**
     * The page's consequence: in a FLOAT network, one pre-activation past the breakdown makes its
     * unit's gradient NaN, and back-propagation carries the NaN into the first layer's weights. A
     * SiLU network 2 -> 3 -> 3 -> 1 whose second layer's first unit gets a pre-activation of 50 for
     * one of two examples; with 30 instead every gradient is finite.
     */
    @Test
    void oneLargePreActivationMakesEveryEarlierGradientNan() {
        for (double preActivation : new double[]{30, 50}) {
            MultiLayerNetwork net = Networks.mlp(2).hidden(3, 3).activation(Activation.SWISH)
                    .output(1, Activation.SIGMOID, LossFunction.XENT).sgd(0.1).seed(1).build();
            INDArray w = net.getParam("1_W");
            w.assign(0.1);
            net.getParam("0_W").assign(1.0);
            net.getParam("0_b").assign(0.0);
            // First-layer outputs are SiLU(x1 + x2) for each of 3 units; unit 0 of layer 2 sums them with weight k.
            INDArray features = Nd4j.createFromArray(new float[][]{{1, 1}, {0.1f, 0.2f}});
            double silu = 2 / (1 + Math.exp(-2));
            w.putColumn(0, Nd4j.valueArrayOf(new long[]{3, 1}, preActivation / (3 * silu), DataType.FLOAT));
            assertEquals(silu, net.feedForward(features, false).get(1).getDouble(0, 0), 1e-5, "first-layer output SiLU(2)");
            // SiLU(z) = z to float precision this far out: the second layer's first output is the pre-activation itself.
            assertEquals(preActivation, net.feedForward(features, false).get(2).getDouble(0, 0), 1e-4 * preActivation);
            Gradient gradient = net.calculateGradients(features, Nd4j.createFromArray(new float[][]{{1}, {0}}), null, null).getFirst();
            boolean nan = Double.isNaN(gradient.getGradientFor("0_W").sumNumber().doubleValue());
            assertEquals(preActivation > Math.log(Float.MAX_VALUE) / 2, nan, "pre-activation " + preActivation);
        }
    }

    /** A coarse table, read in this test: both ends of the grid and the three curves at each point, by their closed forms. */
    @Test
    void aCoarseTableEndsAtTheLimitOnBothSides() {
        List<CurvePoint> coarse = ActivationCurves.curves(3, 0.5);
        assertEquals(13, coarse.size());
        for (int k = 0; k < coarse.size(); k++) {
            CurvePoint point = coarse.get(k);
            double z = -3 + 0.5 * k;
            assertEquals(z, point.z(), 0);
            assertEquals(sigma(z), point.sigmoid(), 1e-12);
            assertEquals(z * sigma(z), point.silu(), 1e-12);
            assertEquals(Math.min(1, Math.max(0, 0.2 * z + 0.5)), point.hardSigmoid(), 1e-7);
        }
    }
}
