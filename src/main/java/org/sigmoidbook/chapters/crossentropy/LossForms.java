package org.sigmoidbook.chapters.crossentropy;

import java.util.Arrays;

import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sigmoidbook.toolkit.nn.BinaryCrossEntropyWithLogits;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * One loss, four ways to write it: the cross-entropy of a logit z with label 0, which is
 * -log(1 - sigma(z)) = log(1 + e^z) = softplus(z), computed in ND4J's FLOAT as a textbook would
 * write it, as ND4J's own softplus, in the stable form max(z, 0) + log(1 + e^-|z|) of the toolkit's
 * fused loss, and exactly. (Label 1 is the mirror image: -log sigma(z) = softplus(-z).)
 */
final class LossForms {

    /** Logits where the naive forms fail: far left, at the sigmoid's rounding to 1 in FLOAT, and at e^z's overflow. */
    static final double[] LOGITS = {-20, -17, 0, 15, 16.5, 17, 20, 88, 89, 100};

    static final String FROM_SIGMOID = "-log(1 - sigmoid(z))";
    static final String FROM_EXP = "log(1 + exp(z))";
    static final String ND4J_SOFTPLUS = "Transforms.softPlus(z)";
    static final String STABLE = "max(z, 0) + log1p(exp(-abs(z)))";
    static final String EXACT = "exact";

    private LossForms() {
    }

    /** Table {@code loss-forms}: one row per logit of {@link #LOGITS}, FLOAT. */
    static Table measure() {
        INDArray z = Nd4j.createFromArray(LOGITS).castTo(DataType.FLOAT).reshape(LOGITS.length, 1);
        INDArray fromSigmoid = Transforms.log(Transforms.sigmoid(z, true).rsubi(1.0), false).negi();
        INDArray fromExp = Transforms.log(Transforms.exp(z, true).addi(1.0), false);
        INDArray softPlus = Transforms.softPlus(z, true);
        INDArray stable = new BinaryCrossEntropyWithLogits().computeScoreArray(Nd4j.zeros(DataType.FLOAT, LOGITS.length, 1),
                z.dup(), new ActivationIdentity(), null);
        double[] exact = new double[LOGITS.length];
        for (int i = 0; i < LOGITS.length; i++) {
            exact[i] = OutputNumerics.exactLoss(LOGITS[i], 0);
        }
        return Table.create("loss-forms", DoubleColumn.create("z", LOGITS),
                DoubleColumn.create(FROM_SIGMOID, withoutNegativeZero(fromSigmoid.toDoubleVector())),
                DoubleColumn.create(FROM_EXP, fromExp.toDoubleVector()),
                DoubleColumn.create(ND4J_SOFTPLUS, softPlus.toDoubleVector()),
                DoubleColumn.create(STABLE, stable.toDoubleVector()),
                DoubleColumn.create(EXACT, exact));
    }

    /** -log(1) is -0.0; the loss it stands for is 0, and the table says so. */
    private static double[] withoutNegativeZero(double[] values) {
        return Arrays.stream(values).map(v -> v + 0.0).toArray();
    }
}
