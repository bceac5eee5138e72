package org.sigmoidbook.chapters.implementation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.LogSigmoid;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sigmoidbook.book.CsvColumn;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;
import org.sigmoidbook.toolkit.numerics.Sigmoid;
import org.sigmoidbook.toolkit.torch.Autograd;

/**
 * PyTorch's functions that start from the logit z instead of from sigma(z) (log-sigmoid, softplus and
 * the cross-entropy with logits), run in PyTorch itself and beside their ND4J, SameDiff and DL4J
 * counterparts, at logits where a naive formula overflows or rounds its answer away. The exact values
 * are closed forms computed to 40 digits ({@link ExactSigmoid#softplus}).
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
    static final String PYTORCH_LOG_SIGMOID = "PyTorch F.logsigmoid";
    static final String PYTORCH_SOFTPLUS = "PyTorch F.softplus";
    static final String PYTORCH_WITH_LOGITS = "PyTorch BCEWithLogitsLoss";
    static final String PYTORCH_BCE = "PyTorch BCELoss on torch.sigmoid";

    private FromLogits() {
    }

    /**
     * One function of PyTorch's computed one way in one data type ({@link #EXACT} for the closed form),
     * at each logit of {@link #Z}: a column each, where FLOAT and DOUBLE overflow to ±Infinity.
     */
    public record Computed(String pytorch, String computedBy, String dataType,
                           @CsvColumn(value = "z = -100", finite = false) double atMinus100,
                           @CsvColumn(value = "z = -40", finite = false) double atMinus40,
                           @CsvColumn(value = "z = 0", finite = false) double atZero,
                           @CsvColumn(value = "z = 40", finite = false) double at40,
                           @CsvColumn(value = "z = 100", finite = false) double at100) {

        static Computed of(String pytorch, String computedBy, String dataType, double[] values) {
            return new Computed(pytorch, computedBy, dataType, values[0], values[1], values[2], values[3], values[4]);
        }

        /** The value at {@code z}, one of {@link #Z}. */
        public double at(double z) {
            int i = Arrays.binarySearch(Z, z);
            if (i < 0) {
                throw new IllegalArgumentException("from-logits has no column for z = " + z);
            }
            return new double[]{atMinus100, atMinus40, atZero, at40, at100}[i];
        }
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

    /**
     * One row per way of computing each function at the logits {@link #Z}, the exact closed form first,
     * PyTorch's own next (without them where {@code torch} is null: PyTorch did not run).
     */
    static List<Computed> table(TorchFunctions torch) {
        List<Computed> table = new ArrayList<>();
        exact(table, LOG_SIGMOID, "closed form −softplus(−z)", z -> -ExactSigmoid.softplus(-z));
        pytorch(table, torch, LOG_SIGMOID, PYTORCH_LOG_SIGMOID, z -> torch.logSigmoid(z));
        computed(table, LOG_SIGMOID, "LogSigmoid op", FromLogits::logSigmoidOp);
        computed(table, LOG_SIGMOID, "−Transforms.softPlus(−z)", FromLogits::minusSoftPlusOfMinus);
        exact(table, SOFTPLUS, "closed form ln(1 + e^z)", ExactSigmoid::softplus);
        pytorch(table, torch, SOFTPLUS, PYTORCH_SOFTPLUS, Activation::softPlus);
        computed(table, SOFTPLUS, "Transforms.softPlus(z)", FromLogits::softPlus);
        exact(table, BCE_POSITIVE, "closed form softplus(−z)", z -> ExactSigmoid.softplus(-z));
        pytorch(table, torch, BCE_POSITIVE, PYTORCH_WITH_LOGITS, z -> torch.bceWithLogits(z, z.onesLike()));
        pytorch(table, torch, BCE_POSITIVE, PYTORCH_BCE, z -> torch.bceOnSigmoid(z, z.onesLike()));
        computed(table, BCE_POSITIVE, "sigmoidCrossEntropy", z -> bceWithLogits(z, Nd4j.onesLike(z)));
        exact(table, BCE_NEGATIVE, "closed form softplus(z)", ExactSigmoid::softplus);
        pytorch(table, torch, BCE_NEGATIVE, PYTORCH_WITH_LOGITS, z -> torch.bceWithLogits(z, z.zerosLike()));
        pytorch(table, torch, BCE_NEGATIVE, PYTORCH_BCE, z -> torch.bceOnSigmoid(z, z.zerosLike()));
        computed(table, BCE_NEGATIVE, "sigmoidCrossEntropy", z -> bceWithLogits(z, Nd4j.zerosLike(z)));
        computed(table, BCE_NEGATIVE, "DL4J LossBinaryXENT on σ(z)", z -> unfusedXent(z, Nd4j.zerosLike(z)));
        return table;
    }

    private static void pytorch(List<Computed> table, TorchFunctions torch, String pytorch, String computedBy,
                                UnaryOperator<NDArray> function) {
        if (torch == null) {
            return;
        }
        for (DataType type : TYPES) {
            table.add(Computed.of(pytorch, computedBy, type.toString(), Autograd.of(type, Z, function).value()));
        }
    }

    private static void exact(List<Computed> table, String pytorch, String computedBy, DoubleUnaryOperator value) {
        table.add(Computed.of(pytorch, computedBy + ", 40 digits", EXACT, Arrays.stream(Z).map(value).toArray()));
    }

    private static void computed(List<Computed> table, String pytorch, String computedBy, UnaryOperator<INDArray> function) {
        for (DataType type : TYPES) {
            table.add(Computed.of(pytorch, computedBy, type.toString(), function.apply(Sigmoid.vector(type, Z)).toDoubleVector()));
        }
    }
}
