package org.sigmoidbook.chapters.implementation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.BookTest;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;
import org.sigmoidbook.toolkit.torch.Autograd;
import org.sigmoidbook.toolkit.torch.Autograd.ValueAndGradient;

/** The cross-entropy of σ(z) in PyTorch, four ways, against PyTorch's documented formulas and the closed forms. */
class UnfusedLossTest {

    private static final double[] Z = Agreement.grid(UnfusedLoss.LIMIT, 2);

    /**
     * In float32, 1 + e^−z rounds to 1 once e^−z is at most 2^−24, half an ulp of 1: from z = 24 ln 2
     * σ(z) is 1, so −log(1 − σ(z)) is +∞ and its autograd gradient ∞ · 0 = NaN.
     */
    @BookTest
    void theHandWrittenPairBreaksWhereSigmoidRoundsToOne() {
        double breaks = 24 * Math.log(2);
        ValueAndGradient byHand = Autograd.of(UnfusedLoss.TYPE, Z, z -> UnfusedLoss.byHand(z, 0));
        for (int i = 0; i < Z.length; i++) {
            if (Z[i] >= breaks + 1e-5) {
                assertEquals(Double.POSITIVE_INFINITY, byHand.value()[i], "z = " + Z[i]);
                assertTrue(Double.isNaN(byHand.gradient()[i]), "z = " + Z[i]);
            } else if (Z[i] <= breaks - 1e-5) {
                assertTrue(Double.isFinite(byHand.value()[i]) && Double.isFinite(byHand.gradient()[i]), "z = " + Z[i]);
            }
        }
    }

    /**
     * nn.BCELoss: "clamps its log function outputs to be greater than or equal to -100" (its
     * documentation), and its backward is (a − y) / max(a(1 − a), 1e-12) (binary_cross_entropy_backward
     * in Loss.cpp), which autograd multiplies by σ′ = a(1 − a) from torch.sigmoid's saved output. Its
     * forward keeps −ln(1 − a) accurate for tiny a (as log1p(−a) does), so the expected loss is computed so.
     */
    @BookTest
    void bceLossClampsTheLogAndDividesByAtLeastTenToTheMinusTwelve() {
        try (TorchFunctions torch = new TorchFunctions()) {
            double[] a = Autograd.of(DataType.FLOAT, Z, ai.djl.nn.Activation::sigmoid).value();
            for (int label : UnfusedLoss.LABELS) {
                ValueAndGradient bce = UnfusedLoss.pytorch(Z, label, torch::bceOnSigmoid);
                for (int i = 0; i < Z.length; i++) {
                    double loss = Math.min(label == 1 ? -Math.log(a[i]) : -Math.log1p(-a[i]), 100);
                    String where = "y = " + label + ", z = " + Z[i];
                    assertEquals(loss, bce.value()[i], 2 * Math.ulp((float) loss) + Float.MIN_VALUE, where);
                    double slope = (1 - a[i]) * a[i];
                    double expected = (a[i] - label) / Math.max(slope, 1e-12) * slope;
                    assertEquals(expected, bce.gradient()[i], 1e-5 * Math.abs(expected) + Float.MIN_NORMAL, where);
                }
            }
        }
    }

    /** BCEWithLogitsLoss's gradient is σ(z) − y, as its backward says, to a few ulps of the larger of the two. */
    @BookTest
    void withLogitsTheGradientIsSigmoidMinusTheLabel() {
        try (TorchFunctions torch = new TorchFunctions()) {
            for (int label : UnfusedLoss.LABELS) {
                ValueAndGradient fused = UnfusedLoss.pytorch(Z, label, torch::bceWithLogits);
                for (int i = 0; i < Z.length; i++) {
                    double exact = label == 0 ? ExactSigmoid.of(Z[i]) : -ExactSigmoid.of(-Z[i]);
                    double scale = Math.ulp((float) Math.max(Math.abs(exact), label));
                    assertEquals(exact, fused.gradient()[i], 2 * scale + Math.ulp((float) Math.abs(exact)), "y = " + label + ", z = " + Z[i]);
                }
            }
        }
    }
}
