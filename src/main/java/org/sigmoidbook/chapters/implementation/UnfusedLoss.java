package org.sigmoidbook.chapters.implementation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.sigmoidbook.book.CsvColumn;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;
import org.sigmoidbook.toolkit.torch.Autograd;
import org.sigmoidbook.toolkit.torch.Autograd.ValueAndGradient;
import org.sigmoidbook.toolkit.torch.Torch;

/**
 * The binary cross-entropy of σ(z) and its gradient ∂L/∂z in float32 over [−40, 40], for labels 0 and
 * 1, four ways: the unfused pair written by hand in PyTorch (σ, then the log, then autograd), PyTorch's
 * nn.BCELoss on torch.sigmoid (its log clamped at −100, its backward dividing by max(a(1 − a), 1e-12)),
 * nn.BCEWithLogitsLoss, and DL4J's XENT on a sigmoid output (σ clipped to [1e-5, 1 − 1e-5]); beside the
 * exact values. Label 0 with z > 0 is a confidently wrong output.
 */
final class UnfusedLoss {

    static final double LIMIT = 40;
    static final List<Integer> LABELS = List.of(0, 1);
    static final DataType TYPE = DataType.FLOAT;
    static final String EXACT = "exact";
    static final String BY_HAND = "PyTorch by hand: −log σ(z), −log(1 − σ(z))";
    static final String BCE = "PyTorch nn.BCELoss on torch.sigmoid";
    static final String WITH_LOGITS = "PyTorch nn.BCEWithLogitsLoss";
    static final String DL4J = "DL4J XENT on a sigmoid output";

    private UnfusedLoss() {
    }

    /** The loss and ∂L/∂z at one z and label, one way; infinite or NaN where that way breaks down. */
    record Point(double z, int label, String computedBy, @CsvColumn(finite = false) double loss,
                 @CsvColumn(finite = false) double gradient) {
    }

    /** Every way at every point of the grid; the PyTorch ways only where {@code torch} is not null. */
    static List<Point> table(double[] z, TorchFunctions torch) {
        List<Point> rows = new ArrayList<>();
        for (int label : LABELS) {
            add(rows, z, label, EXACT, exact(z, label));
            if (torch != null) {
                add(rows, z, label, BY_HAND, Autograd.of(TYPE, z, logits -> byHand(logits, label)));
                add(rows, z, label, BCE, pytorch(z, label, torch::bceOnSigmoid));
                add(rows, z, label, WITH_LOGITS, pytorch(z, label, torch::bceWithLogits));
            }
            add(rows, z, label, DL4J, dl4j(z, label));
        }
        return rows;
    }

    /** −log σ(z) for label 1 and −log(1 − σ(z)) for label 0, written out in PyTorch tensor operations. */
    static NDArray byHand(NDArray z, int label) {
        NDArray a = Activation.sigmoid(z);
        return (label == 1 ? a : a.neg().add(1)).log().neg();
    }

    /** {@code loss(z, y)} and its autograd gradient in float32 for one label. */
    static ValueAndGradient pytorch(double[] z, int label, BiFunction<NDArray, NDArray, NDArray> loss) {
        return Autograd.of(TYPE, z, logits -> loss.apply(logits, Torch.tensor(logits.getManager(), TYPE, labels(z.length, label))));
    }

    /** DL4J's LossBinaryXENT with a sigmoid activation: the score per example and dL/dz. */
    static ValueAndGradient dl4j(double[] z, int label) {
        INDArray logits = Nd4j.createFromArray(z).castTo(TYPE).reshape(z.length, 1);
        INDArray labels = Nd4j.valueArrayOf(logits.shape(), label, TYPE);
        LossBinaryXENT xent = new LossBinaryXENT();
        double[] loss = xent.computeScoreArray(labels, logits.dup(), new ActivationSigmoid(), null).toDoubleVector();
        double[] gradient = xent.computeGradient(labels, logits.dup(), new ActivationSigmoid(), null).toDoubleVector();
        return new ValueAndGradient(loss, gradient);
    }

    /** softplus(z) − y z and σ(z) − y, with 40 digits, rounded to float32 (σ(z) − 1 as −σ(−z)). */
    static ValueAndGradient exact(double[] z, int label) {
        double[] loss = new double[z.length];
        double[] gradient = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            loss[i] = Ulps.round(ExactSigmoid.softplus(label == 0 ? z[i] : -z[i]), TYPE);
            gradient[i] = Ulps.round(label == 0 ? ExactSigmoid.of(z[i]) : -ExactSigmoid.of(-z[i]), TYPE);
        }
        return new ValueAndGradient(loss, gradient);
    }

    private static double[] labels(int n, int label) {
        double[] y = new double[n];
        Arrays.fill(y, label);
        return y;
    }

    private static void add(List<Point> rows, double[] z, int label, String computedBy, ValueAndGradient values) {
        for (int i = 0; i < z.length; i++) {
            rows.add(new Point(z[i], label, computedBy, values.value()[i], values.gradient()[i]));
        }
    }
}
