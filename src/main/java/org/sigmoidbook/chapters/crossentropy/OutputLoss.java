package org.sigmoidbook.chapters.crossentropy;

import java.util.function.Supplier;

import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.sigmoidbook.toolkit.nn.BinaryCrossEntropyWithLogits;

/** The three ways of training one sigmoid output unit that the chapter compares, with their names in the tables. */
public enum OutputLoss {
    /** DL4J's LossFunction.XENT behind a sigmoid activation: clipped, and unfused. */
    DL4J_XENT("dl4j-xent", Activation.SIGMOID, LossBinaryXENT::new),
    /** The toolkit's binary cross-entropy on logits, behind an identity activation. */
    FUSED("fused", Activation.IDENTITY, BinaryCrossEntropyWithLogits::new),
    /** The quadratic cost (DL4J's MSE) behind a sigmoid activation: sigma' stays in the gradient. */
    QUADRATIC("quadratic", Activation.SIGMOID, LossMSE::new);

    /** The name in the tables' {@code loss} column. */
    public final String id;
    public final Activation activation;
    private final Supplier<ILossFunction> loss;

    OutputLoss(String id, Activation activation, Supplier<ILossFunction> loss) {
        this.id = id;
        this.activation = activation;
        this.loss = loss;
    }

    public ILossFunction loss() {
        return loss.get();
    }
}
