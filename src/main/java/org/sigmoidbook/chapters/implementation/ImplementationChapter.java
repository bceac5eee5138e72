package org.sigmoidbook.chapters.implementation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sigmoidbook.book.Chapter;
import org.sigmoidbook.book.ChapterInfo;
import org.sigmoidbook.book.Figures;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Launcher;
import org.sigmoidbook.book.Results;
import org.sigmoidbook.chapters.implementation.FromLogits.Computed;
import org.sigmoidbook.runtime.Silence;
import org.sigmoidbook.toolkit.charts.Charts;

/**
 * Chapter 6: the article's PyTorch snippet (torch.sigmoid, nn.Sigmoid, requires_grad, backward(),
 * .grad) done the DL4J way: an ActivationLayer network, SameDiff autodiff and DL4J backpropagation;
 * then PyTorch's functions of the logit (log-sigmoid, softplus, BCEWithLogitsLoss) and their
 * counterparts, checked against closed forms where the naive formulas overflow.
 */
@ChapterInfo(number = 6, id = "implementation", title = "The sigmoid in code",
        summary = "PyTorch's torch.sigmoid, nn.Sigmoid and autograd done with ND4J, DL4J and SameDiff", cover = "layer-and-gradient")
public final class ImplementationChapter implements Chapter {

    public static final float[] INPUTS = {-3f, 0f, 3f};
    /** Labels for the cross-entropy rows of the API map: x = [-3, 0, 3] against y = [0, 1, 1]. */
    public static final float[] LABELS = {0f, 1f, 1f};
    /**
     * What the article's PyTorch code prints for sigmoid([-3, 0, 3]) (float32, 8 decimals): constants
     * typed in from the article, not the output of a PyTorch run here. The tests check them against
     * the closed form rounded to float32.
     */
    public static final double[] PYTORCH_SIGMOID = {0.04742587, 0.5, 0.95257413};
    /** What the article's PyTorch code prints for d sigmoid / dz at z = 0 (a typed-in constant too). */
    public static final double PYTORCH_GRADIENT_AT_ZERO = 0.25;

    public static void main(String[] args) {
        Launcher.run(ImplementationChapter.class, args);
    }

    /** PyTorch's {@code nn.Sigmoid()} as a DL4J network: one parameter-free ActivationLayer. */
    public static MultiLayerNetwork sigmoidModel(DataType type) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(type).list()
                .layer(new ActivationLayer.Builder().activation(Activation.SIGMOID).build())
                .build());
        net.init();
        return net;
    }

    /** model(x): the forward pass. {@code output()} overwrites an ActivationLayer's input in place, so it gets a copy. */
    public static INDArray forward(MultiLayerNetwork model, INDArray x) {
        return model.output(x.dup());
    }

    /** x.grad after model(x).backward(ones): DL4J backpropagates dL/dy = 1 from the output to the input. */
    public static INDArray inputGradient(MultiLayerNetwork model, INDArray x) {
        model.setInput(x.dup());
        model.feedForward(true, false); // training mode, and keep the layer inputs that backprop needs
        return model.backpropGradient(Nd4j.onesLike(x), LayerWorkspaceMgr.noWorkspaces()).getSecond();
    }

    /** A value the article's PyTorch code printed beside the same value computed here. */
    public record Output(String quantity, String computedBy, double pytorch, double dl4j, double absDifference) {
        static Output of(String quantity, String computedBy, double pytorch, double dl4j) {
            return new Output(quantity, computedBy, pytorch, dl4j, Math.abs(dl4j - pytorch));
        }
    }

    /** One of the article's PyTorch calls beside its DL4J, ND4J or SameDiff equivalent, and what it gave here. */
    public record ApiCall(String pytorch, String dl4jNd4jSamediff, String whatItDoes, String valueHere) {
    }

    /** The layer's output and the gradient DL4J backpropagates through it at one z, in FLOAT. */
    public record LayerAndGradient(double z, double output, double gradient) {
    }

    /** What the SameDiff version of the article's autograd snippet computes. */
    public record Autograd(double z, double y, double gradient) {
    }

    /** z = torch.tensor(z0, requires_grad=True); y = torch.sigmoid(z); y.backward(); z.grad, in SameDiff. */
    public static Autograd autograd(float z0) {
        SameDiff sd = SameDiff.create();
        SDVariable z = sd.var("z", Nd4j.scalar(z0));
        SDVariable y = sd.nn().sigmoid("y", z);
        y.markAsLoss();
        Map<String, INDArray> gradients = Silence.stdout(() -> sd.calculateGradients(null, "z"));
        double forward = sd.output(Map.of(), "y").get("y").getDouble(0);
        return new Autograd(z.getArr().getDouble(0), forward, gradients.get("z").getDouble(0));
    }

    @Override
    public void measure(Lab lab) {
        // One example with three values: DL4J layers take [examples, features].
        INDArray x = Nd4j.createFromArray(new float[][]{INPUTS});
        MultiLayerNetwork model = sigmoidModel(DataType.FLOAT);
        INDArray y = forward(model, x);
        INDArray direct = Transforms.sigmoid(x, true);
        Autograd autograd = autograd(0f);
        double gradientBySameDiff = autograd.gradient();
        INDArray gradientsByBackprop = inputGradient(model, x);
        double gradientByBackprop = gradientsByBackprop.getDouble(0, 1);

        lab.finding("model(x) for x = [-3, 0, 3]", format(y));
        lab.finding("torch.sigmoid(x) as Transforms.sigmoid(x)", format(direct));
        lab.finding("z.grad at z = 0 by SameDiff autodiff", gradientBySameDiff, "%s");
        lab.finding("x.grad at x = 0 by DL4J backprop through the model", gradientByBackprop, "%s");
        lab.finding("x.grad for x = [-3, 0, 3] by DL4J backprop", format(gradientsByBackprop));

        List<Output> outputs = new ArrayList<>();
        for (int i = 0; i < INPUTS.length; i++) {
            String quantity = String.format(Locale.ROOT, "sigmoid(%.0f)", INPUTS[i]);
            outputs.add(Output.of(quantity, "net.output(x): ActivationLayer(SIGMOID)", PYTORCH_SIGMOID[i], y.getDouble(0, i)));
            outputs.add(Output.of(quantity, "Transforms.sigmoid(x, true)", PYTORCH_SIGMOID[i], direct.getDouble(0, i)));
        }
        outputs.add(Output.of("sigmoid'(0)", "SameDiff calculateGradients", PYTORCH_GRADIENT_AT_ZERO, gradientBySameDiff));
        outputs.add(Output.of("sigmoid'(0)", "net.backpropGradient", PYTORCH_GRADIENT_AT_ZERO, gradientByBackprop));
        lab.finding("max |DL4J - PyTorch| over these values", outputs.stream().mapToDouble(Output::absDifference).max().orElseThrow(), "%.1e");
        lab.table("outputs", outputs);
        lab.table("api-map", apiMap(x, y, direct, autograd, gradientsByBackprop, model));
        lab.table("layer-and-gradient", layerAndGradient(model));
        List<Computed> fromLogits = FromLogits.table();
        lab.table("from-logits", fromLogits);
        lab.finding("DL4J LossBinaryXENT on σ(z) at z = 100, y = 0, FLOAT", valueAt(fromLogits,
                FromLogits.BCE_NEGATIVE, "DL4J LossBinaryXENT on σ(z)", DataType.FLOAT, 100), "%.4f");
    }

    @Override
    public void draw(Results results, Figures figures) throws Exception {
        figures.add("layer-and-gradient", ImplementationFigures.layerAndGradient(results.rows("layer-and-gradient", LayerAndGradient.class)));
    }

    /** The layer's output and the gradient DL4J backpropagates through it, on z in [-6, 6], in FLOAT. */
    private static List<LayerAndGradient> layerAndGradient(MultiLayerNetwork model) {
        double[] grid = Charts.range(-6, 6, 121);
        INDArray z = Nd4j.createFromArray(new double[][]{grid}).castTo(DataType.FLOAT);
        double[] output = forward(model, z).toDoubleVector();
        double[] gradient = inputGradient(model, z).toDoubleVector();
        return IntStream.range(0, grid.length).mapToObj(i -> new LayerAndGradient(grid[i], output[i], gradient[i])).toList();
    }

    static double valueAt(List<Computed> fromLogits, String pytorch, String computedBy, DataType type, double z) {
        return fromLogits.stream()
                .filter(row -> row.pytorch().equals(pytorch) && row.computedBy().equals(computedBy) && row.dataType().equals(type.toString()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("from-logits has no row " + pytorch + " / " + computedBy + " / " + type))
                .at(z);
    }

    /** The article's PyTorch calls beside their DL4J, ND4J and SameDiff equivalents, with what each gave here. */
    private static List<ApiCall> apiMap(INDArray x, INDArray y, INDArray direct, Autograd autograd,
                                INDArray gradientsByBackprop, MultiLayerNetwork model) {
        INDArray labels = Nd4j.createFromArray(new float[][]{LABELS});
        String[][] rows = {
                {"x = torch.tensor([-3., 0., 3.])", "INDArray x = Nd4j.createFromArray(new float[][]{{-3f, 0f, 3f}})",
                        "a float32 input; DL4J layers take [examples, features], so one row of three", format(x)},
                {"torch.sigmoid(x)", "Transforms.sigmoid(x, true)",
                        "element-wise sigmoid; dup = true leaves x untouched", format(direct)},
                {"model = nn.Sigmoid()", "new MultiLayerNetwork(conf with new ActivationLayer.Builder().activation(Activation.SIGMOID).build()); net.init()",
                        "a layer that only applies the sigmoid", model.numParams() + " parameters"},
                {"model(x)", "net.output(x.dup())",
                        "forward pass; output() overwrites an ActivationLayer's input in place, hence the copy", format(y)},
                {"z = torch.tensor(0., requires_grad=True)", "SDVariable z = sd.var(\"z\", Nd4j.scalar(0f))",
                        "a variable that gradients are taken with respect to (a placeholder will not do)", Double.toString(autograd.z())},
                {"y = torch.sigmoid(z)", "SDVariable y = sd.nn().sigmoid(\"y\", z)", "records the op in the graph", Double.toString(autograd.y())},
                {"y.backward()", "y.markAsLoss(); Map<String, INDArray> g = sd.calculateGradients(null, \"z\")",
                        "reverse-mode automatic differentiation of y", "-"},
                {"z.grad", "g.get(\"z\")", "dy/dz", Double.toString(autograd.gradient())},
                {"model(x).backward(torch.ones(3)); x.grad",
                        "net.setInput(x.dup()); net.feedForward(true, false); net.backpropGradient(Nd4j.onesLike(x), LayerWorkspaceMgr.noWorkspaces()).getSecond()",
                        "DL4J backpropagation of dL/dy = 1 from the output back to the input", format(gradientsByBackprop)},
                {"F.logsigmoid(z)", "Nd4j.exec(new LogSigmoid(z, out)), or sd.nn().logSigmoid(z)",
                        "log σ(z), computed as the log of σ(z): −∞ once σ(z) underflows (FLOAT, z = −100)", format(FromLogits.logSigmoidOp(x))},
                {"-F.softplus(-z)", "Transforms.softPlus(z.neg()).neg()",
                        "log σ(z) again, no safer: softPlus computes ln(1 + e^z) as written", format(FromLogits.minusSoftPlusOfMinus(x))},
                {"F.softplus(z)", "Transforms.softPlus(z, true)",
                        "ln(1 + e^z) as written: +∞ once e^z overflows (FLOAT, z = 100)", format(FromLogits.softPlus(x))},
                {"nn.BCEWithLogitsLoss(reduction='none')(z, y)", "sd.loss().sigmoidCrossEntropy(labels, logits, null, LossReduce.NONE, 0.0)",
                        "cross-entropy of σ(z) from the logit, finite at every z; labels come first, logits second "
                                + "(PyTorch: input, then target); here y = [0, 1, 1]", format(FromLogits.bceWithLogits(x, labels))},
                {"nn.BCEWithLogitsLoss()(z, y)", "sd.loss().sigmoidCrossEntropy(labels, logits, null)",
                        "defaults: the mean over the elements (LossReduce.MEAN_BY_NONZERO_WEIGHT_COUNT, no weights), as PyTorch's "
                                + "reduction='mean'; label smoothing 0 (s > 0 trains on y(1 − s) + s/2, which PyTorch's loss does not offer)",
                        String.format(Locale.ROOT, "%.4f", FromLogits.bceWithLogitsDefaults(x, labels))},
                {"nn.BCELoss()(torch.sigmoid(z), y)", "OutputLayer with Activation.SIGMOID and LossFunction.XENT (LossBinaryXENT)",
                        "the unfused route: σ first, clipped to [1e-5, 1 − 1e-5], then the log, so the loss saturates for large |z|",
                        format(FromLogits.unfusedXent(x, labels))},
        };
        return Arrays.stream(rows).map(r -> new ApiCall(r[0], r[1], r[2], r[3])).toList();
    }

    /** Formats a vector the way PyTorch prints it: [0.0474, 0.5000, 0.9526]. */
    public static String format(INDArray values) {
        return Arrays.stream(values.toDoubleVector()).mapToObj(v -> String.format(Locale.ROOT, "%.4f", v))
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
