package org.sigmoidbook.chapters.outputlayer;

import java.util.Locale;

import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.sigmoidbook.toolkit.nn.BinaryCrossEntropyWithLogits;
import org.sigmoidbook.toolkit.nn.NdArrays;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/**
 * The output layer on top of the hidden stack, with its loss: each reads its output as P(9 | x),
 * and counts a digit as a 9 when that probability is at least ½, as {@code Accuracy} does.
 */
enum Head {
    /** One sigmoid unit with DL4J's binary cross-entropy, which clips σ(z) to [1e-5, 1 − 1e-5]: the book's head. */
    SIGMOID_XENT("sigmoid + XENT", "xent", 1, Activation.SIGMOID, LossFunction.XENT.getILossFunction()),
    /** One identity unit z with the book's fused loss; the probability is σ(z). */
    SIGMOID_FUSED("sigmoid fused in BCE", "bce-with-logits", 1, Activation.IDENTITY, new BinaryCrossEntropyWithLogits()),
    /** Two softmax units with multi-class cross-entropy; P(9 | x) is the second (chapter 1: a sigmoid of the logits' difference). */
    SOFTMAX_2("2-way softmax + MCXENT", "mcxent", 2, Activation.SOFTMAX, LossFunction.MCXENT.getILossFunction()),
    /** One sigmoid unit with squared error. */
    SIGMOID_MSE("sigmoid + squared error", "mse", 1, Activation.SIGMOID, LossFunction.MSE.getILossFunction()),
    /** One identity unit with squared error: least squares on 0/1 labels; read as a probability after clipping to [0, 1]. */
    IDENTITY_MSE("identity + squared error", "mse", 1, Activation.IDENTITY, LossFunction.MSE.getILossFunction());

    private final String label;
    private final String loss;
    private final int outputs;
    private final Activation activation;
    private final ILossFunction lossFunction;

    Head(String label, String loss, int outputs, Activation activation, ILossFunction lossFunction) {
        this.label = label;
        this.loss = loss;
        this.outputs = outputs;
        this.activation = activation;
        this.lossFunction = lossFunction;
    }

    /** The name in the tables: sigmoid-xent, sigmoid-fused, softmax-2, sigmoid-mse, identity-mse. Public, as {@link Remedy#id()}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    String label() {
        return label;
    }

    /** The name of the loss in the tables' {@code loss} column. */
    String loss() {
        return loss;
    }

    int outputs() {
        return outputs;
    }

    Activation activation() {
        return activation;
    }

    /** Stateless, so that one instance serves every network. */
    ILossFunction lossFunction() {
        return lossFunction;
    }

    /** The labels this head trains on, from labels y of 0 and 1 of shape [n, 1]: y itself, or [1 − y, y] for the softmax. */
    INDArray labels(INDArray y) {
        return outputs == 1 ? y : Nd4j.hstack(y.rsub(1.0), y);
    }

    /** P(9 | x) for each row of the network's output. */
    double[] probability(INDArray output) {
        double[][] rows = NdArrays.rows(output);
        double[] p = new double[rows.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = switch (this) {
                case SIGMOID_XENT, SIGMOID_MSE -> rows[i][0];
                case SIGMOID_FUSED -> Sigmoid.of(rows[i][0]);
                case SOFTMAX_2 -> rows[i][1];
                case IDENTITY_MSE -> Math.min(1, Math.max(0, rows[i][0]));
            };
        }
        return p;
    }
}
