package org.sigmoidbook.toolkit.nn;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossUtil;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Binary cross-entropy computed from the logit z, the sigmoid and the loss fused into one function, as
 * PyTorch's {@code BCEWithLogitsLoss} and TensorFlow's {@code sigmoid_cross_entropy_with_logits} do.
 * Give the output layer {@code Activation.IDENTITY}; the network's output is then z, and sigma(z) the
 * probability:
 * <pre>{@code
 * new OutputLayer.Builder(new BinaryCrossEntropyWithLogits()).activation(Activation.IDENTITY).nIn(30).nOut(1).build()
 * }</pre>
 * For labels y in [0, 1], per output unit:
 * <pre>
 *   loss  = -y log sigma(z) - (1 - y) log(1 - sigma(z)) = max(z, 0) - z y + log(1 + e^-|z|)
 *   dL/dz = sigma(z) - y = (1 - y) sigma(z) - y sigma(-z)
 * </pre>
 * Both are computed so that nothing overflows and nothing cancels for labels 0 and 1, in FLOAT as in
 * DOUBLE, for any finite z: e^-|z| is at most 1, sigma(z) = e^min(z, 0) / (1 + e^-|z|), and
 * log(1 + t) is computed accurately for small t (ND4J's own log1p is log(1 + t), which is 0 in
 * FLOAT for t below 6e-8). DL4J's {@code LossBinaryXENT} with a sigmoid activation instead clips
 * sigma(z) to [1e-5, 1 - 1e-5] and back-propagates through sigma', so that a confidently wrong
 * output gets a vanishing gradient.
 * <p>
 * Like DL4J's losses: the score sums over output units, {@code average} divides by the number of
 * examples (masked ones included), the gradient is the sum's (the updater divides by the minibatch
 * size), and a mask of shape [examples, 1] or [examples, outputs] zeroes what it masks.
 */
public final class BinaryCrossEntropyWithLogits implements ILossFunction {

    private static final long serialVersionUID = 1L;

    /** Public and without arguments, as DL4J's JSON configuration format needs. */
    public BinaryCrossEntropyWithLogits() {
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean average) {
        INDArray losses = lossPerOutput(labels, preOutput, activationFn, mask);
        double score = losses.sumNumber().doubleValue();
        return average ? score / losses.size(0) : score;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return lossPerOutput(labels, preOutput, activationFn, mask).sum(true, 1);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        requireIdentity(activationFn);
        INDArray z = preOutput;
        INDArray y = labels.castTo(z.dataType());
        INDArray onePlusExp = expMinusAbs(z).addi(1.0);
        INDArray sigmoid = Transforms.exp(Transforms.min(z, 0.0, true), false).divi(onePlusExp);
        INDArray sigmoidOfMinusZ = Transforms.exp(Transforms.relu(z, true).negi(), false).divi(onePlusExp);
        INDArray gradient = sigmoid.muli(y.rsub(1.0)).subi(sigmoidOfMinusZ.muli(y));
        return masked(gradient, mask);
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    /** max(z, 0) - z y + log(1 + e^-|z|), element by element, masked. */
    private static INDArray lossPerOutput(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        requireIdentity(activationFn);
        INDArray z = preOutput;
        INDArray y = labels.castTo(z.dataType());
        INDArray losses = Transforms.relu(z, true).subi(y.mul(z)).addi(log1p(expMinusAbs(z)));
        return masked(losses, mask);
    }

    private static INDArray expMinusAbs(INDArray z) {
        return Transforms.exp(Transforms.abs(z, true).negi(), false);
    }

    /**
     * log(1 + t) for t in [0, 1], accurate however small t is: u = 1 + t rounds, but u - 1 is exact, and
     * t log(u) / (u - 1) corrects for the rounding (Goldberg, "What every computer scientist should know
     * about floating-point arithmetic", 1991, Theorem 4). Where u rounds to 1, log(1 + t) is t.
     */
    private static INDArray log1p(INDArray t) {
        INDArray u = t.add(1.0);
        INDArray logU = Transforms.log(u, true);
        INDArray ratio = logU.divi(u.subi(1.0));
        BooleanIndexing.replaceWhere(ratio, 1.0, Conditions.isNan());
        return ratio.muli(t);
    }

    private static INDArray masked(INDArray values, INDArray mask) {
        if (mask != null) {
            LossUtil.applyMask(values, mask);
        }
        return values;
    }

    private static void requireIdentity(IActivation activationFn) {
        if (!(activationFn instanceof ActivationIdentity)) {
            throw new IllegalArgumentException("BinaryCrossEntropyWithLogits applies the sigmoid itself: give its output layer "
                    + "Activation.IDENTITY, not " + activationFn);
        }
    }

    @Override
    public String name() {
        return toString();
    }

    @Override
    public String toString() {
        return "BinaryCrossEntropyWithLogits()";
    }

    /** Stateless: all instances are equal, so that a configuration equals its JSON round trip. */
    @Override
    public boolean equals(Object other) {
        return other instanceof BinaryCrossEntropyWithLogits;
    }

    @Override
    public int hashCode() {
        return BinaryCrossEntropyWithLogits.class.getName().hashCode();
    }
}
