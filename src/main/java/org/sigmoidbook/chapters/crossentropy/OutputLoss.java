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
    DL4J_XENT("dl4j-xent", "DL4J XENT (sigmoid, clipped)", Activation.SIGMOID, LossBinaryXENT::new),
    /** The toolkit's binary cross-entropy on logits, behind an identity activation. */
    FUSED("fused", "fused BCE with logits", Activation.IDENTITY, BinaryCrossEntropyWithLogits::new),
    /** The quadratic cost (DL4J's MSE) behind a sigmoid activation: sigma' stays in the gradient. */
    QUADRATIC("quadratic", "quadratic cost (sigmoid, MSE)", Activation.SIGMOID, LossMSE::new);

    private final String id;
    private final String label;
    private final Activation activation;
    private final Supplier<ILossFunction> loss;

    OutputLoss(String id, String label, Activation activation, Supplier<ILossFunction> loss) {
        this.id = id;
        this.label = label;
        this.activation = activation;
        this.loss = loss;
    }

    /** The name in the tables' {@code loss} column and in findings. */
    public String id() {
        return id;
    }

    /** The name in figures. */
    public String label() {
        return label;
    }

    /** The output unit's activation. */
    public Activation activation() {
        return activation;
    }

    public ILossFunction loss() {
        return loss.get();
    }
}
