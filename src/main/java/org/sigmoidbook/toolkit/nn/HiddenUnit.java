package org.sigmoidbook.toolkit.nn;

import java.util.function.DoubleUnaryOperator;

import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/**
 * The book's hidden units, one name for each across every chapter: the id is what the tables'
 * {@code hidden} column holds, the label what figures and pages print. Each comes with its DL4J
 * activation and the same function on one double, for checks.
 */
public enum HiddenUnit {
    SIGMOID("sigmoid", "sigmoid", Activation.SIGMOID.getActivationFunction(), Sigmoid::of),
    /** σ(z) − ½ = tanh(z/2)/2: centred, with the sigmoid's slope. */
    CENTRED_SIGMOID("sigmoid-centred", "sigmoid − ½", new CentredSigmoid(), z -> Sigmoid.of(z) - 0.5),
    TANH("tanh", "tanh", Activation.TANH.getActivationFunction(), Math::tanh),
    /** LeCun et al.'s 1.7159 tanh(2z/3). */
    LECUN_TANH("lecun-tanh", "LeCun 1.7159 tanh(2z/3)", new LeCunTanh(), LeCunTanh::of),
    RELU("relu", "ReLU", Activation.RELU.getActivationFunction(), z -> Math.max(0, z)),
    /** z σ(z), which DL4J calls SWISH. */
    SILU("silu", "SiLU", Activation.SWISH.getActivationFunction(), z -> z * Sigmoid.of(z));

    private final String id;
    private final String label;
    private final IActivation activation;
    private final DoubleUnaryOperator scalar;

    HiddenUnit(String id, String label, IActivation activation, DoubleUnaryOperator scalar) {
        this.id = id;
        this.label = label;
        this.activation = activation;
        this.scalar = scalar;
    }

    /** The value of the tables' {@code hidden} column. */
    public String id() {
        return id;
    }

    /** The name figures and pages print. */
    public String label() {
        return label;
    }

    /** The DL4J activation of a layer of these units. Stateless, so one instance serves every layer. */
    public IActivation activation() {
        return activation;
    }

    /** The unit's function on one double. */
    public double of(double z) {
        return scalar.applyAsDouble(z);
    }

    /**
     * Whether the unit is odd, f(−z) = −f(z), so that inputs symmetric about 0 give outputs centred on
     * 0: LeCun et al.'s "zero-centred" units. ReLU and SiLU pass 0 at 0 but are not centred.
     */
    public boolean centred() {
        return Math.abs(of(-1) + of(1)) < 1e-12 && Math.abs(of(-2.5) + of(2.5)) < 1e-12;
    }

    public static HiddenUnit byId(String id) {
        for (HiddenUnit unit : values()) {
            if (unit.id.equals(id)) {
                return unit;
            }
        }
        throw new IllegalArgumentException("no hidden unit '" + id + "'");
    }
}
