package org.sigmoidbook.chapters.implementation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import ai.djl.engine.Engine;
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
import org.sigmoidbook.chapters.implementation.ApiMap.Dl4jValues;
import org.sigmoidbook.chapters.implementation.FromLogits.Computed;
import org.sigmoidbook.runtime.Silence;
import org.sigmoidbook.toolkit.charts.Charts;
import org.sigmoidbook.toolkit.torch.Autograd.ValueAndGradient;
import org.sigmoidbook.toolkit.torch.Torch;

/**
 * Chapter 6: the article's PyTorch snippet (torch.sigmoid, nn.Sigmoid, requires_grad, backward(),
 * .grad) run in PyTorch itself, in this JVM, and done the DL4J way beside it: an ActivationLayer
 * network, SameDiff autodiff and DL4J backpropagation, compared bit for bit; then PyTorch's functions
 * of the logit (log-sigmoid, softplus, the cross-entropies) and activations built on the sigmoid,
 * measured in PyTorch and against their DL4J/ND4J counterparts and closed forms.
 */
@ChapterInfo(number = 6, id = "implementation", title = "The sigmoid in code",
        summary = "PyTorch's torch.sigmoid, nn.Sigmoid and autograd run in libtorch and done with ND4J, DL4J and SameDiff, "
                + "compared bit for bit", cover = "layer-and-gradient")
public final class ImplementationChapter implements Chapter {

    public static final float[] INPUTS = {-3f, 0f, 3f};
    /** Labels for the cross-entropy rows of the API map: x = [-3, 0, 3] against y = [0, 1, 1]. */
    public static final float[] LABELS = {0f, 1f, 1f};
    static final String PYTORCH = "PyTorch";
    static final String NOT_RUN = "not run (no PyTorch here)";

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

    /**
     * σ(z) or σ′(z) at one z of the article's input, in float32: PyTorch's value (empty where PyTorch
     * did not run) beside ND4J's, the DL4J layer's and SameDiff's, and the largest distance in ulps
     * between PyTorch's and any of the three.
     */
    public record Output(String quantity, double z, Double pytorch, double nd4j, double dl4jLayer, double samediff, Long ulpsFromPytorch) {
    }

    /** The layer's output and the gradient DL4J backpropagates through it at one z, in FLOAT. */
    public record LayerAndGradient(double z, double output, double gradient) {
    }

    /** What the SameDiff version of the article's autograd snippet computes. */
    public record SameDiffAutograd(double z, double y, double gradient) {
    }

    /** z = torch.tensor(z0, requires_grad=True); y = torch.sigmoid(z); y.backward(); z.grad, in SameDiff. */
    public static SameDiffAutograd autograd(float z0) {
        SameDiff sd = SameDiff.create();
        SDVariable z = sd.var("z", Nd4j.scalar(z0));
        SDVariable y = sd.nn().sigmoid("y", z);
        y.markAsLoss();
        Map<String, INDArray> gradients = Silence.stdout(() -> sd.calculateGradients(null, "z"));
        double forward = sd.output(Map.of(), "y").get("y").getDouble(0);
        return new SameDiffAutograd(z.getArr().getDouble(0), forward, gradients.get("z").getDouble(0));
    }

    @Override
    public void measure(Lab lab) {
        measure(lab, Torch.start());
    }

    /** The chapter with libtorch as {@code torch} says: where it did not start, the PyTorch parts say so and the rest runs. */
    void measure(Lab lab, Torch.Start torch) {
        lab.finding(PYTORCH, torch.available()
                ? "PyTorch " + torch.version() + " (libtorch for the CPU) through DJL " + Engine.getDjlVersion()
                : torch.problem());
        // One example with three values: DL4J layers take [examples, features].
        INDArray x = Nd4j.createFromArray(new float[][]{INPUTS});
        MultiLayerNetwork model = sigmoidModel(DataType.FLOAT);
        INDArray y = forward(model, x);
        INDArray direct = Transforms.sigmoid(x, true);
        SameDiffAutograd autograd = autograd(0f);
        INDArray gradientsByBackprop = inputGradient(model, x);

        lab.finding("model(x) for x = [-3, 0, 3]", format(y));
        lab.finding("torch.sigmoid(x) as Transforms.sigmoid(x)", format(direct));
        lab.finding("z.grad at z = 0 by SameDiff autodiff", autograd.gradient(), "%s");
        lab.finding("x.grad at x = 0 by DL4J backprop through the model", gradientsByBackprop.getDouble(0, 1), "%s");
        lab.finding("x.grad for x = [-3, 0, 3] by DL4J backprop", format(gradientsByBackprop));

        ArticleInPyTorch article = torch.available() ? ArticleInPyTorch.run(toDoubles(INPUTS)) : null;
        List<Output> outputs = outputs(article);
        recordArticle(lab, outputs, article);
        lab.table("outputs", outputs);
        lab.table("layer-and-gradient", layerAndGradient(model));
        try (TorchFunctions functions = torch.available() ? new TorchFunctions() : null) {
            lab.table("api-map", ApiMap.table(new Dl4jValues(x, y, direct, autograd, gradientsByBackprop, model), article, functions));
            List<Computed> fromLogits = FromLogits.table(functions);
            lab.table("from-logits", fromLogits);
            lab.finding("DL4J LossBinaryXENT on σ(z) at z = 100, y = 0, FLOAT", valueAt(fromLogits,
                    FromLogits.BCE_NEGATIVE, "DL4J LossBinaryXENT on σ(z)", DataType.FLOAT, 100), "%.4f");
            PyTorchMeasurements.record(lab, functions);
        }
    }

    @Override
    public void draw(Results results, Figures figures) throws Exception {
        figures.add("layer-and-gradient", ImplementationFigures.layerAndGradient(results.rows("layer-and-gradient", LayerAndGradient.class),
                results.rows("outputs", Output.class)));
        figures.add("pytorch-unfused", ImplementationFigures.unfusedLoss(results.rows("pytorch-unfused", UnfusedLoss.Point.class)));
    }

    /** σ and σ′ at the article's input by PyTorch (where it ran) and by each DL4J/ND4J counterpart, in float32. */
    static List<Output> outputs(ArticleInPyTorch article) {
        double[] z = toDoubles(INPUTS);
        List<ValueAndGradient> counterparts = Arrays.stream(Counterparts.values()).map(c -> c.of(DataType.FLOAT, z)).toList();
        List<Output> outputs = new ArrayList<>();
        for (String quantity : List.of(Agreement.SIGMA, Agreement.SLOPE)) {
            boolean sigma = quantity.equals(Agreement.SIGMA);
            for (int i = 0; i < z.length; i++) {
                int at = i;
                double[] theirs = counterparts.stream().mapToDouble(c -> (sigma ? c.value() : c.gradient())[at]).toArray();
                Double pytorch = article == null ? null : (sigma ? article.sigmoid() : article.gradient())[i];
                Long ulps = pytorch == null ? null
                        : Arrays.stream(theirs).mapToLong(v -> Ulps.between(pytorch, v, DataType.FLOAT)).max().orElseThrow();
                outputs.add(new Output(quantity, z[i], pytorch, theirs[0], theirs[1], theirs[2], ulps));
            }
        }
        return outputs;
    }

    /** The article's values with every digit (Java's shortest text for each float), as the page prints them side by side. */
    private static void recordArticle(Lab lab, List<Output> outputs, ArticleInPyTorch article) {
        for (String quantity : List.of(Agreement.SIGMA, Agreement.SLOPE)) {
            List<Output> rows = outputs.stream().filter(o -> o.quantity().equals(quantity)).toList();
            String what = quantity.equals(Agreement.SIGMA) ? "σ(x)" : "σ′(x)";
            lab.finding(what + " for x = [-3, 0, 3]: ND4J, every digit", digits(rows.stream().mapToDouble(Output::nd4j).toArray()));
            lab.finding(what + " for x = [-3, 0, 3]: DL4J layer, every digit", digits(rows.stream().mapToDouble(Output::dl4jLayer).toArray()));
            lab.finding(what + " for x = [-3, 0, 3]: SameDiff, every digit", digits(rows.stream().mapToDouble(Output::samediff).toArray()));
            lab.finding(what + " for x = [-3, 0, 3]: PyTorch, every digit", article == null ? NOT_RUN
                    : digits(rows.stream().mapToDouble(Output::pytorch).toArray()));
        }
        lab.finding("nn.Sigmoid()(x) for x = [-3, 0, 3]: PyTorch, every digit", article == null ? NOT_RUN : digits(article.module()));
        lab.finding("z.grad at z = 0 in PyTorch", article == null ? NOT_RUN : Double.toString(article.gradientAtZero()));
        if (article == null) {
            lab.finding("largest distance between PyTorch and DL4J on the article's values, ulps", NOT_RUN);
        } else {
            lab.finding("largest distance between PyTorch and DL4J on the article's values, ulps",
                    outputs.stream().mapToLong(Output::ulpsFromPytorch).max().orElseThrow(), "%.0f");
        }
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

    static double[] toDoubles(float[] values) {
        return IntStream.range(0, values.length).mapToDouble(i -> values[i]).toArray();
    }

    /** Formats a vector the way PyTorch prints it: [0.0474, 0.5000, 0.9526]. */
    public static String format(INDArray values) {
        return format(values.toDoubleVector());
    }

    static String format(double[] values) {
        return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.4f", v)).collect(Collectors.joining(", ", "[", "]"));
    }

    /** Float32 values with every digit: the shortest decimal that reads back as the same float, such as 0.047425874. */
    static String digits(double[] values) {
        return Arrays.stream(values).mapToObj(v -> Float.toString((float) v)).collect(Collectors.joining(", ", "[", "]"));
    }
}
