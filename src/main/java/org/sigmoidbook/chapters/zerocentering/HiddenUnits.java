package org.sigmoidbook.chapters.zerocentering;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.sigmoidbook.toolkit.nn.CentredSigmoid;
import org.sigmoidbook.toolkit.nn.LeCunTanh;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/**
 * The hidden units the chapter compares: the sigmoid, whose outputs are all positive, and three
 * zero-centred units. Their names are the values of the {@code hidden_unit} column of every table.
 */
final class HiddenUnits {

    static final String SIGMOID = "sigmoid";
    static final String CENTRED_SIGMOID = "sigmoid − ½";
    static final String TANH = "tanh";
    static final String LECUN_TANH = "LeCun 1.7159 tanh(2z/3)";

    /** A kind of hidden unit: its name, its DL4J activation, and the same function on one double. */
    record Unit(String name, IActivation activation, DoubleUnaryOperator scalar) {
        boolean centred() {
            return !name.equals(SIGMOID);
        }
    }

    private HiddenUnits() {
    }

    static Unit sigmoid() {
        return all().get(0);
    }

    static Unit centredSigmoid() {
        return all().get(1);
    }

    /** The sigmoid first, then the three centred units. */
    static List<Unit> all() {
        return List.of(new Unit(SIGMOID, Activation.SIGMOID.getActivationFunction(), Sigmoid::of),
                new Unit(CENTRED_SIGMOID, new CentredSigmoid(), z -> Sigmoid.of(z) - 0.5),
                new Unit(TANH, Activation.TANH.getActivationFunction(), Math::tanh),
                new Unit(LECUN_TANH, new LeCunTanh(), LeCunTanh::of));
    }
}
