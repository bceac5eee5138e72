package org.sigmoidbook.chapters.implementation;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.sigmoidbook.toolkit.torch.TorchScript;

/**
 * The PyTorch functions the chapter measures that DJL does not expose, each compiled by libtorch from
 * a one-line TorchScript module ({@link TorchScript}); the names are ATen's, the operators behind
 * torch.nn.functional. Reduction 0 is ATen's {@code Reduction::None}: one loss per element, as
 * {@code reduction='none'} gives in Python.
 */
final class TorchFunctions implements AutoCloseable {

    private final TorchScript logSigmoid = TorchScript.of("LogSigmoid", "z: Tensor", "torch.log_sigmoid(z)");
    private final TorchScript binaryCrossEntropy = TorchScript.of("BinaryCrossEntropy", "a: Tensor, y: Tensor",
            "torch.binary_cross_entropy(a, y, None, 0)");
    private final TorchScript withLogits = TorchScript.of("BinaryCrossEntropyWithLogits", "z: Tensor, y: Tensor",
            "torch.binary_cross_entropy_with_logits(z, y, None, None, 0)");
    private final TorchScript hardsigmoid = TorchScript.of("Hardsigmoid", "z: Tensor", "torch.hardsigmoid(z)");
    private final TorchScript silu = TorchScript.of("Silu", "z: Tensor", "torch.silu(z)");

    /** F.logsigmoid(z). */
    NDArray logSigmoid(NDArray z) {
        return logSigmoid.apply(z);
    }

    /** nn.BCELoss(reduction='none')(torch.sigmoid(z), y): the unfused pair. */
    NDArray bceOnSigmoid(NDArray z, NDArray y) {
        return binaryCrossEntropy.apply(Activation.sigmoid(z), y);
    }

    /** nn.BCEWithLogitsLoss(reduction='none')(z, y). */
    NDArray bceWithLogits(NDArray z, NDArray y) {
        return withLogits.apply(z, y);
    }

    /** F.hardsigmoid(z). */
    NDArray hardsigmoid(NDArray z) {
        return hardsigmoid.apply(z);
    }

    /** F.silu(z). */
    NDArray silu(NDArray z) {
        return silu.apply(z);
    }

    /** The TorchScript source of the log-sigmoid module: what the page shows a reader to reproduce. */
    String logSigmoidSource() {
        return logSigmoid.source();
    }

    @Override
    public void close() {
        for (TorchScript module : new TorchScript[]{logSigmoid, binaryCrossEntropy, withLogits, hardsigmoid, silu}) {
            module.close();
        }
    }
}
