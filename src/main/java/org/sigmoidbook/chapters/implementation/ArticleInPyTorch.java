package org.sigmoidbook.chapters.implementation;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.toolkit.torch.Autograd;
import org.sigmoidbook.toolkit.torch.Autograd.ValueAndGradient;
import org.sigmoidbook.toolkit.torch.Torch;

/**
 * The article's snippet run in PyTorch, in float32 as the article's tensors are: torch.sigmoid(x),
 * nn.Sigmoid()(x) (DJL's sigmoid block, a call to torch.sigmoid), torch.sigmoid(z) and z.grad after
 * its backward() at z = 0, and x.grad after torch.sigmoid(x).sum().backward().
 */
record ArticleInPyTorch(double[] sigmoid, double[] module, double[] gradient, double valueAtZero, double gradientAtZero) {

    static ArticleInPyTorch run(double[] x) {
        ValueAndGradient atX = Autograd.of(DataType.FLOAT, x, Activation::sigmoid);
        ValueAndGradient atZero = Autograd.of(DataType.FLOAT, new double[]{0}, Activation::sigmoid);
        double[] module;
        try (NDManager manager = Torch.manager()) {
            Block sigmoid = Activation.sigmoidBlock();
            NDList output = sigmoid.forward(new ParameterStore(manager, false), new NDList(Torch.tensor(manager, DataType.FLOAT, x)), false);
            module = Torch.values(output.singletonOrThrow());
        }
        return new ArticleInPyTorch(atX.value(), module, atX.gradient(), atZero.value()[0], atZero.gradient()[0]);
    }
}
