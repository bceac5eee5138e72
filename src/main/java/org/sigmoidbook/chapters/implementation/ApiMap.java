package org.sigmoidbook.chapters.implementation;

import static org.sigmoidbook.chapters.implementation.ImplementationChapter.format;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sigmoidbook.chapters.implementation.ImplementationChapter.SameDiffAutograd;
import org.sigmoidbook.toolkit.torch.Autograd;
import org.sigmoidbook.toolkit.torch.Torch;

/** The article's PyTorch calls beside their DL4J, ND4J and SameDiff equivalents, with what each gave in this run. */
final class ApiMap {

    static final String NOT_RUN = "not run";

    private ApiMap() {
    }

    /** One PyTorch call, its DL4J/ND4J/SameDiff equivalent, what it does, and the values both gave here. */
    record ApiCall(String pytorch, String dl4jNd4jSamediff, String whatItDoes, String valueHere, String valueInPytorch) {
    }

    /** What DL4J computed for the rows of the map, on x = [−3, 0, 3] with labels y = [0, 1, 1]. */
    record Dl4jValues(INDArray x, INDArray model, INDArray direct, SameDiffAutograd autograd, INDArray gradient,
                      MultiLayerNetwork network) {
    }

    /** The rows; PyTorch's values from {@code article} and {@code torch}, "not run" where they are null. */
    static List<ApiCall> table(Dl4jValues dl4j, ArticleInPyTorch article, TorchFunctions torch) {
        INDArray x = dl4j.x();
        INDArray labels = Nd4j.createFromArray(new float[][]{ImplementationChapter.LABELS});
        double[] inputs = x.toDoubleVector();
        double[] y = labels.toDoubleVector();
        PyTorchCalls calls = new PyTorchCalls(torch, inputs, y);
        String[][] rows = {
                {"x = torch.tensor([-3., 0., 3.])", "INDArray x = Nd4j.createFromArray(new float[][]{{-3f, 0f, 3f}})",
                        "a float32 input; DL4J layers take [examples, features], so one row of three", format(x),
                        pytorch(article, () -> format(inputs))},
                {"torch.sigmoid(x)", "Transforms.sigmoid(x, true)",
                        "element-wise sigmoid; dup = true leaves x untouched", format(dl4j.direct()), pytorch(article, () -> format(article.sigmoid()))},
                {"model = nn.Sigmoid()", "new MultiLayerNetwork(conf with new ActivationLayer.Builder().activation(Activation.SIGMOID).build()); net.init()",
                        "a layer that only applies the sigmoid (in DJL: Activation.sigmoidBlock())", dl4j.network().numParams() + " parameters",
                        pytorch(article, () -> "0 parameters")},
                {"model(x)", "net.output(x.dup())",
                        "forward pass; output() overwrites an ActivationLayer's input in place, hence the copy", format(dl4j.model()),
                        pytorch(article, () -> format(article.module()))},
                {"z = torch.tensor(0., requires_grad=True)", "SDVariable z = sd.var(\"z\", Nd4j.scalar(0f))",
                        "a variable that gradients are taken with respect to (a placeholder will not do)", Double.toString(dl4j.autograd().z()),
                        pytorch(article, () -> "0.0")},
                {"y = torch.sigmoid(z)", "SDVariable y = sd.nn().sigmoid(\"y\", z)", "records the op in the graph",
                        Double.toString(dl4j.autograd().y()), pytorch(article, () -> Double.toString(article.valueAtZero()))},
                {"y.backward()", "y.markAsLoss(); Map<String, INDArray> g = sd.calculateGradients(null, \"z\")",
                        "reverse-mode automatic differentiation of y", "-", "-"},
                {"z.grad", "g.get(\"z\")", "dy/dz", Double.toString(dl4j.autograd().gradient()),
                        pytorch(article, () -> Double.toString(article.gradientAtZero()))},
                {"model(x).backward(torch.ones(3)); x.grad",
                        "net.setInput(x.dup()); net.feedForward(true, false); net.backpropGradient(Nd4j.onesLike(x), LayerWorkspaceMgr.noWorkspaces()).getSecond()",
                        "DL4J backpropagation of dL/dy = 1 from the output back to the input", format(dl4j.gradient()),
                        pytorch(article, () -> format(article.gradient()))},
                {"F.logsigmoid(z)", "Nd4j.exec(new LogSigmoid(z, out)), or sd.nn().logSigmoid(z)",
                        "not a drop-in equivalent: ND4J takes the log of σ(z), −∞ once σ(z) underflows (float32, z = −100), "
                                + "where PyTorch's is finite at every z", format(FromLogits.logSigmoidOp(x)), calls.logSigmoid()},
                {"-F.softplus(-z)", "Transforms.softPlus(z.neg()).neg()",
                        "log σ(z) again, no safer in ND4J: softPlus computes ln(1 + e^z) as written",
                        format(FromLogits.minusSoftPlusOfMinus(x)), calls.minusSoftplusOfMinus()},
                {"F.softplus(z)", "Transforms.softPlus(z, true)",
                        "not a drop-in equivalent: ND4J computes ln(1 + e^z) as written, +∞ once e^z overflows (float32, z = 100), "
                                + "where PyTorch returns z itself above z = 20", format(FromLogits.softPlus(x)), calls.softplus()},
                {"nn.BCEWithLogitsLoss(reduction='none')(z, y)", "sd.loss().sigmoidCrossEntropy(labels, logits, null, LossReduce.NONE, 0.0)",
                        "cross-entropy of σ(z) from the logit, finite at every z; labels come first, logits second "
                                + "(PyTorch: input, then target); here y = [0, 1, 1]", format(FromLogits.bceWithLogits(x, labels)),
                        calls.withLogits()},
                {"nn.BCEWithLogitsLoss()(z, y)", "sd.loss().sigmoidCrossEntropy(labels, logits, null)",
                        "defaults: the mean over the elements (LossReduce.MEAN_BY_NONZERO_WEIGHT_COUNT, no weights), as PyTorch's "
                                + "reduction='mean'; label smoothing 0 (s > 0 trains on y(1 − s) + s/2, which PyTorch's loss does not offer)",
                        String.format(Locale.ROOT, "%.4f", FromLogits.bceWithLogitsDefaults(x, labels)), calls.withLogitsMean()},
                {"nn.BCELoss()(torch.sigmoid(z), y)", "OutputLayer with Activation.SIGMOID and LossFunction.XENT (LossBinaryXENT)",
                        "the unfused route: DL4J clips σ to [1e-5, 1 − 1e-5] before the log, so its loss saturates for large |z|; "
                                + "PyTorch clamps each log at −100 instead", format(FromLogits.unfusedXent(x, labels)), calls.bceOnSigmoid()},
        };
        return Arrays.stream(rows).map(r -> new ApiCall(r[0], r[1], r[2], r[3], r[4])).toList();
    }

    /** The logit rows of the map in PyTorch, at x with labels y, float32; "not run" without PyTorch. */
    private record PyTorchCalls(TorchFunctions torch, double[] x, double[] y) {

        String logSigmoid() {
            return run(z -> torch.logSigmoid(z));
        }

        String minusSoftplusOfMinus() {
            return run(z -> Activation.softPlus(z.neg()).neg());
        }

        String softplus() {
            return run(Activation::softPlus);
        }

        String withLogits() {
            return run(z -> torch.bceWithLogits(z, labels(z)));
        }

        String withLogitsMean() {
            return torch == null ? NOT_RUN
                    : String.format(Locale.ROOT, "%.4f", Arrays.stream(values(z -> torch.bceWithLogits(z, labels(z)))).average().orElseThrow());
        }

        String bceOnSigmoid() {
            return run(z -> torch.bceOnSigmoid(z, labels(z)));
        }

        private NDArray labels(NDArray z) {
            return Torch.tensor(z.getManager(), DataType.FLOAT, y);
        }

        private String run(UnaryOperator<NDArray> function) {
            return torch == null ? NOT_RUN : format(values(function));
        }

        private double[] values(UnaryOperator<NDArray> function) {
            return Autograd.of(DataType.FLOAT, x, function).value();
        }
    }

    private static String pytorch(ArticleInPyTorch article, Supplier<String> value) {
        return article == null ? NOT_RUN : value.get();
    }
}
