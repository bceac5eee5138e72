package org.sigmoidbook.chapters.implementation;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.LogSigmoid;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;
import org.sigmoidbook.toolkit.numerics.Sigmoid;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * PyTorch's functions that start from the logit z instead of from sigma(z) (log-sigmoid, softplus and
 * the cross-entropy with logits) beside their ND4J, SameDiff and DL4J counterparts, at logits where a
 * naive formula overflows or rounds its answer away. The exact values are closed forms computed to
 * 40 digits ({@link ExactSigmoid#softplus}), not the output of a PyTorch run.
 */
final class FromLogits {

    /** The logits of the comparison: both far tails and the midpoint. */
    static final double[] Z = {-100, -40, 0, 40, 100};
    static final DataType[] TYPES = {DataType.FLOAT, DataType.DOUBLE};

    static final String LOG_SIGMOID = "F.logsigmoid(z)";
    static final String SOFTPLUS = "F.softplus(z)";
    static final String BCE_POSITIVE = "BCEWithLogitsLoss(z, y = 1)";
    static final String BCE_NEGATIVE = "BCEWithLogitsLoss(z, y = 0)";
    static final String EXACT = "exact";

    private FromLogits() {
    }

    /** log sigma(z) by ND4J's LogSigmoid op, the op behind SameDiff's {@code sd.nn().logSigmoid(z)}. */
    static INDArray logSigmoidOp(INDArray z) {
        INDArray out = z.ulike();
        Nd4j.exec(new LogSigmoid(z, out));
        return out;
    }

    /** log sigma(z) as -softplus(-z) with ND4J's softplus. */
    static INDArray minusSoftPlusOfMinus(INDArray z) {
        return Transforms.softPlus(z.neg(), false).negi();
    }

    /** ln(1 + e^z) by ND4J's softplus. */
    static INDArray softPlus(INDArray z) {
        return Transforms.softPlus(z, true);
    }

    /**
     * {@code nn.BCEWithLogitsLoss(reduction='none')(z, y)} as SameDiff's sigmoidCrossEntropy: note the
     * order, labels first and logits second, the reverse of PyTorch's (input, target).
     */
    static INDArray bceWithLogits(INDArray z, INDArray y) {
        SameDiff sd = SameDiff.create();
        return sd.loss().sigmoidCrossEntropy("loss", sd.constant(y), sd.constant(z), null, LossReduce.NONE, 0.0).eval();
    }

    /** {@code nn.BCEWithLogitsLoss()(z, y)}: SameDiff's sigmoidCrossEntropy with its default reduction and smoothing. */
    static double bceWithLogitsDefaults(INDArray z, INDArray y) {
        SameDiff sd = SameDiff.create();
        return sd.loss().sigmoidCrossEntropy("loss", sd.constant(y), sd.constant(z), null).eval().getDouble(0);
    }

    /** SameDiff's sigmoidCrossEntropy with label smoothing {@code smoothing}, per element. */
    static INDArray bceWithLogitsSmoothed(INDArray z, INDArray y, double smoothing) {
        SameDiff sd = SameDiff.create();
        return sd.loss().sigmoidCrossEntropy("loss", sd.constant(y), sd.constant(z), null, LossReduce.NONE, smoothing).eval();
    }

    /**
     * DL4J's loss for a sigmoid output unit with {@code LossFunction.XENT}: sigma first, clipped to
     * [1e-5, 1 - 1e-5], then the logarithm. The counterpart of {@code nn.BCELoss()(torch.sigmoid(z), y)}.
     */
    static INDArray unfusedXent(INDArray z, INDArray y) {
        return new LossBinaryXENT().computeScoreArray(y.reshape(-1, 1), z.reshape(-1, 1).dup(), new ActivationSigmoid(), null);
    }

    /** One row per way of computing each function at the logits {@link #Z}, the exact closed form first. */
    static Table table() {
        Table table = Table.create("from-logits", StringColumn.create("pytorch"), StringColumn.create("computed_by"),
                StringColumn.create("data_type"));
        for (double z : Z) {
            table.addColumns(DoubleColumn.create(column(z)));
        }
        exact(table, LOG_SIGMOID, "closed form −softplus(−z)", z -> -ExactSigmoid.softplus(-z));
        computed(table, LOG_SIGMOID, "LogSigmoid op", FromLogits::logSigmoidOp);
        computed(table, LOG_SIGMOID, "−Transforms.softPlus(−z)", FromLogits::minusSoftPlusOfMinus);
        exact(table, SOFTPLUS, "closed form ln(1 + e^z)", ExactSigmoid::softplus);
        computed(table, SOFTPLUS, "Transforms.softPlus(z)", FromLogits::softPlus);
        exact(table, BCE_POSITIVE, "closed form softplus(−z)", z -> ExactSigmoid.softplus(-z));
        computed(table, BCE_POSITIVE, "sigmoidCrossEntropy", z -> bceWithLogits(z, Nd4j.onesLike(z)));
        exact(table, BCE_NEGATIVE, "closed form softplus(z)", ExactSigmoid::softplus);
        computed(table, BCE_NEGATIVE, "sigmoidCrossEntropy", z -> bceWithLogits(z, Nd4j.zerosLike(z)));
        computed(table, BCE_NEGATIVE, "DL4J LossBinaryXENT on σ(z)", z -> unfusedXent(z, Nd4j.zerosLike(z)));
        return table;
    }

    static String column(double z) {
        return String.format(Locale.ROOT, "z = %.0f", z);
    }

    private static void exact(Table table, String pytorch, String computedBy, DoubleUnaryOperator value) {
        row(table, pytorch, computedBy + ", 40 digits", EXACT, Arrays.stream(Z).map(value).toArray());
    }

    private static void computed(Table table, String pytorch, String computedBy, UnaryOperator<INDArray> function) {
        for (DataType type : TYPES) {
            row(table, pytorch, computedBy, type.toString(), function.apply(Sigmoid.vector(type, Z)).toDoubleVector());
        }
    }

    private static void row(Table table, String pytorch, String computedBy, String type, double[] values) {
        table.stringColumn("pytorch").append(pytorch);
        table.stringColumn("computed_by").append(computedBy);
        table.stringColumn("data_type").append(type);
        for (int i = 0; i < Z.length; i++) {
            table.doubleColumn(column(Z[i])).append(values[i]);
        }
    }
}
