package org.sigmoidbook.chapters.probability;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.sigmoidbook.toolkit.nn.BinaryCrossEntropyWithLogits;

/**
 * Binary cross-entropy from the logit with a weight w on the positive examples,
 * −[w y ln σ(z) + (1 − y) ln(1 − σ(z))], the loss PyTorch's {@code BCEWithLogitsLoss(pos_weight=w)}
 * documents. DL4J's own loss weights ({@code LossBinaryXENT(weights)}) weight output columns, not
 * classes: with one sigmoid output they scale every example alike. Here each example's loss and
 * gradient are multiplied by 1 + (w − 1) y, passed to the book's fused loss as its mask (which
 * multiplies), so a positive example counts w times and a negative once.
 */
public final class PositiveWeightedCrossEntropy implements ILossFunction {

    private static final long serialVersionUID = 1L;

    private final double positiveWeight;
    private final BinaryCrossEntropyWithLogits loss = new BinaryCrossEntropyWithLogits();

    /** Named for DL4J's JSON configuration format. */
    public PositiveWeightedCrossEntropy(@JsonProperty("positiveWeight") double positiveWeight) {
        if (!(positiveWeight > 0)) {
            throw new IllegalArgumentException("a positive-class weight must be above 0, not " + positiveWeight);
        }
        this.positiveWeight = positiveWeight;
    }

    /**
     * What DL4J's own loss weight does to one sigmoid output: the gradient of
     * {@code LossBinaryXENT(weights = [w])} with respect to the logit z, divided by the unweighted
     * one, for an example with the given label, in DOUBLE at z = 0.3. A positive-class weight would
     * give w for label 1 and 1 for label 0.
     */
    static double dl4jWeightEffect(double weight, int label) {
        INDArray z = Nd4j.createFromArray(new double[][]{{0.3}});
        INDArray y = Nd4j.createFromArray(new double[][]{{label}});
        INDArray weighted = new LossBinaryXENT(Nd4j.createFromArray(new double[]{weight}))
                .computeGradient(y, z.dup(), new ActivationSigmoid(), null);
        INDArray plain = new LossBinaryXENT().computeGradient(y, z.dup(), new ActivationSigmoid(), null);
        return weighted.getDouble(0) / plain.getDouble(0);
    }

    public double getPositiveWeight() {
        return positiveWeight;
    }

    /** 1 + (w − 1) y per label, times the mask where there is one. */
    private INDArray weights(INDArray labels, INDArray mask) {
        INDArray weights = labels.mul(positiveWeight - 1).addi(1.0);
        if (mask != null) {
            weights = mask.isColumnVectorOrScalar() ? weights.muliColumnVector(mask.castTo(weights.dataType()))
                    : weights.muli(mask.castTo(weights.dataType()));
        }
        return weights;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean average) {
        return loss.computeScore(labels, preOutput, activationFn, weights(labels, mask), average);
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return loss.computeScoreArray(labels, preOutput, activationFn, weights(labels, mask));
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return loss.computeGradient(labels, preOutput, activationFn, weights(labels, mask));
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        INDArray weights = weights(labels, mask);
        return new Pair<>(loss.computeScore(labels, preOutput, activationFn, weights, average),
                loss.computeGradient(labels, preOutput, activationFn, weights));
    }

    @Override
    public String name() {
        return toString();
    }

    @Override
    public String toString() {
        return "PositiveWeightedCrossEntropy(" + positiveWeight + ")";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PositiveWeightedCrossEntropy that && that.positiveWeight == positiveWeight;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(positiveWeight);
    }
}
