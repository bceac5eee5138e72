package org.sigmoidbook.chapters.crossentropy;

import java.util.List;
import java.util.stream.IntStream;

import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sigmoidbook.book.CsvColumn;
import org.sigmoidbook.toolkit.nn.BinaryCrossEntropyWithLogits;

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

    private LossForms() {
    }

    /** The loss at one logit, each form in a column named by its formula; the naive forms overflow to Infinity. */
    public record LossForm(double z,
                           @CsvColumn(value = FROM_SIGMOID, finite = false) double fromSigmoid,
                           @CsvColumn(value = FROM_EXP, finite = false) double fromExp,
                           @CsvColumn(value = ND4J_SOFTPLUS, finite = false) double nd4jSoftPlus,
                           @CsvColumn(STABLE) double stable,
                           double exact) {
    }

    /** Table {@code loss-forms}: one row per logit of {@link #LOGITS}, FLOAT. */
    static List<LossForm> measure() {
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
        double[] fromSigmoidValues = fromSigmoid.toDoubleVector();
        double[] fromExpValues = fromExp.toDoubleVector();
        double[] softPlusValues = softPlus.toDoubleVector();
        double[] stableValues = stable.toDoubleVector();
        // -log(1) is -0.0; the loss it stands for is 0, and the table says so: adding 0.0 turns -0.0 into 0.0.
        return IntStream.range(0, LOGITS.length).mapToObj(i -> new LossForm(LOGITS[i], fromSigmoidValues[i] + 0.0, fromExpValues[i],
                softPlusValues[i], stableValues[i], exact[i])).toList();
    }
}
