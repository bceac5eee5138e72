package org.sigmoidbook.chapters.crossentropy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sigmoidbook.chapters.crossentropy.LossForms.LossForm;

/**
 * The four forms of the label-0 loss, computed by ND4J in FLOAT, against the same arithmetic redone
 * in Java's float: σ(z) = 1 / (1 + e^-z) rounds to 1 from z = 24 ln 2 and −log(1 − σ) is then
 * infinite; e^z overflows past ln of the largest float; the stable form and the exact column
 * against softplus in double.
 */
class LossFormsTest {

    /** Java's float, rounded where ND4J's FLOAT rounds: −log(1 − σ(z)). */
    private static double fromSigmoidInFloat(double z) {
        float sigma = 1f / (1f + (float) Math.exp(-z));
        float oneMinus = 1f - sigma;
        return (float) -Math.log(oneMinus);
    }

    /** Java's float, rounded where ND4J's FLOAT rounds: log(1 + e^z). */
    private static double fromExpInFloat(double z) {
        float onePlus = 1f + (float) Math.exp(z);
        return (float) Math.log(onePlus);
    }

    @Test
    void eachFormIsItsArithmeticInFloat() {
        List<LossForm> rows = LossForms.measure();
        assertEquals(LossForms.LOGITS.length, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            LossForm row = rows.get(i);
            double z = LossForms.LOGITS[i];
            assertEquals(z, row.z());
            double softplus = Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
            assertEquals(softplus, row.exact(), 4 * Math.ulp(softplus), "exact, z = " + z);
            assertEquals(softplus, row.stable(), 1e-6 * softplus, "stable, z = " + z);
            double fromSigmoid = fromSigmoidInFloat(z);
            assertEquals(fromSigmoid, row.fromSigmoid(), 1e-6 * fromSigmoid, "-log(1 - sigma), z = " + z);
            assertEquals(z > 24 * Math.log(2), row.fromSigmoid() == Double.POSITIVE_INFINITY, "sigma rounds to 1, z = " + z);
            double fromExp = fromExpInFloat(z);
            assertEquals(fromExp, row.fromExp(), 1e-6 * fromExp, "log(1 + e^z), z = " + z);
            assertEquals(z > Math.log(Float.MAX_VALUE), row.fromExp() == Double.POSITIVE_INFINITY, "e^z overflows, z = " + z);
            assertEquals(row.fromExp(), row.nd4jSoftPlus(), "ND4J's softplus is log(1 + e^z), z = " + z);
        }
    }

    /**
     * At z = −20, σ(z) ≈ 2e-9 is below half a float ulp of 1, so 1 − σ(z) rounds to 1 and the textbook
     * form loses the whole loss; −log(1) is −0 in IEEE arithmetic, and the table writes the 0 it stands for.
     */
    @Test
    void theTextbookFormIsPlusZeroWhereOneMinusSigmaRoundsToOne() {
        LossForm farLeft = LossForms.measure().get(0);
        assertEquals(-20, farLeft.z());
        assertEquals(0.0, farLeft.fromSigmoid(), "+0.0, not -0.0");
        assertEquals(0.0, farLeft.fromExp(), "1 + e^-20 rounds to 1 as well");
    }
}
