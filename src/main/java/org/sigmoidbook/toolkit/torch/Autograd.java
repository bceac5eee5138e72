package org.sigmoidbook.toolkit.torch;

import java.util.function.UnaryOperator;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * PyTorch's autograd on an element-wise function, the way the article uses it: {@code z} with
 * {@code requires_grad=True}, {@code y = f(z)}, {@code y.sum().backward()}, then {@code z.grad}, which
 * for an element-wise f is f′ at each z.
 */
public final class Autograd {

    private Autograd() {
    }

    /** f(z) and f′(z) at each element, as PyTorch computes them. */
    public record ValueAndGradient(double[] value, double[] gradient) {
    }

    /**
     * f at each of {@code z}, computed by libtorch in {@code type}, and the gradient of their sum.
     * {@code f} builds its result from the tensor it is given; constants it needs come from that
     * tensor's manager ({@code z.getManager()}).
     */
    public static ValueAndGradient of(DataType type, double[] z, UnaryOperator<NDArray> f) {
        try (NDManager manager = Torch.manager()) {
            NDArray input = Torch.tensor(manager, type, z);
            input.setRequiresGradient(true);
            double[] value;
            try (GradientCollector collector = Engine.getEngine(Torch.ENGINE).newGradientCollector()) {
                NDArray y = f.apply(input);
                value = Torch.values(y);
                collector.backward(y.sum());
            }
            return new ValueAndGradient(value, Torch.values(input.getGradient()));
        }
    }
}
