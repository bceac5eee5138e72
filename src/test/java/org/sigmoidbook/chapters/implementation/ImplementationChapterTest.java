package org.sigmoidbook.chapters.implementation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sigmoidbook.GradientChecks;
import org.sigmoidbook.QuickBook;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;
import org.sigmoidbook.toolkit.numerics.Sigmoid;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

@Tag("book")
class ImplementationChapterTest {

    private static QuickBook.Output book;

    @BeforeAll
    static void runQuickChapter() {
        book = QuickBook.book();
    }

    @Test
    void printsWhatTheArticlePrints() {
        assertTrue(book.stdout().contains("model(x) for x = [-3, 0, 3] = [0.0474, 0.5000, 0.9526]"), book.stdout());
        assertTrue(book.stdout().contains("z.grad at z = 0 by SameDiff autodiff = 0.25\n"), book.stdout());
        assertTrue(book.stdout().contains("x.grad at x = 0 by DL4J backprop through the model = 0.25\n"), book.stdout());
    }

    /** PyTorch printed float32 results to 8 decimals, so they agree with ours to half a unit there: 5e-9. */
    @Test
    void outputsMatchPyTorchAndTheClosedForm() {
        Table outputs = book.table("implementation", "outputs.csv",
                ColumnType.STRING, ColumnType.STRING, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE);
        assertEquals(8, outputs.rowCount());
        for (int row = 0; row < outputs.rowCount(); row++) {
            assertEquals(outputs.doubleColumn("pytorch").get(row), outputs.doubleColumn("dl4j").get(row), 5e-9,
                    outputs.row(row).toString());
        }
        INDArray y = ImplementationChapter.forward(ImplementationChapter.sigmoidModel(DataType.FLOAT),
                Nd4j.createFromArray(new float[][]{ImplementationChapter.INPUTS}));
        for (int i = 0; i < ImplementationChapter.INPUTS.length; i++) {
            double exact = Sigmoid.of(ImplementationChapter.INPUTS[i]);
            assertEquals(exact, y.getDouble(0, i), Math.ulp((float) exact), "float32 sigmoid, correctly rounded");
        }
    }

    @Test
    void autogradGivesOneQuarterAtZero() {
        ImplementationChapter.Autograd autograd = ImplementationChapter.autograd(0f);
        assertEquals(0.0, autograd.z());
        assertEquals(0.5, autograd.y());
        assertEquals(0.25, autograd.gradient());
    }

    /** The claim in the API map: SameDiff differentiates with respect to variables, not placeholders. */
    @Test
    void sameDiffNeedsAVariableNotAPlaceholder() {
        SameDiff sd = SameDiff.create();
        sd.nn().sigmoid(sd.placeHolder("z", DataType.FLOAT, 1)).sum().markAsLoss();
        assertThrows(IllegalStateException.class, () -> sd.calculateGradients(Map.of("z", Nd4j.zeros(DataType.FLOAT, 1)), "z"));
    }

    /** The claim in the API map and the reason for forward()'s copy: output() overwrites the ActivationLayer's input. */
    @Test
    void outputOverwritesTheInputOfAnActivationLayerButForwardDoesNot() {
        MultiLayerNetwork model = ImplementationChapter.sigmoidModel(DataType.FLOAT);
        INDArray x = Nd4j.createFromArray(new float[][]{ImplementationChapter.INPUTS});
        ImplementationChapter.forward(model, x);
        assertArrayEquals(new float[]{-3f, 0f, 3f}, x.toFloatVector());
        INDArray y = model.output(x);
        assertArrayEquals(y.toFloatVector(), x.toFloatVector(), "x now holds sigmoid(x)");
    }

    /** DL4J's input gradient against central differences of the model's own output, in DOUBLE. */
    @Test
    void backpropThroughTheModelMatchesFiniteDifferences() {
        MultiLayerNetwork model = ImplementationChapter.sigmoidModel(DataType.DOUBLE);
        double[] inputs = {-3, -0.5, 0, 1.25, 3};
        INDArray x = Nd4j.createFromArray(new double[][]{inputs});
        INDArray gradient = ImplementationChapter.inputGradient(model, x);
        double h = 1e-6;
        for (int i = 0; i < inputs.length; i++) {
            INDArray up = x.dup();
            INDArray down = x.dup();
            up.putScalar(0, i, inputs[i] + h);
            down.putScalar(0, i, inputs[i] - h);
            double difference = (ImplementationChapter.forward(model, up).getDouble(0, i)
                    - ImplementationChapter.forward(model, down).getDouble(0, i)) / (2 * h);
            assertEquals(difference, gradient.getDouble(0, i), 1e-9, "x = " + inputs[i]);
        }
        assertEquals(0.25, ImplementationChapter.inputGradient(model, Nd4j.zeros(DataType.DOUBLE, 1, 1)).getDouble(0));
    }

    /**
     * The ActivationLayer model has no parameters, so GradientCheckUtil would have nothing to check on it
     * alone. Behind a dense layer, every weight gradient of that layer flows back through the
     * ActivationLayer's backprop, which the check then verifies.
     */
    @Test
    void activationLayerBackpropPassesTheGradientCheckBehindADenseLayer() {
        assertEquals(0, ImplementationChapter.sigmoidModel(DataType.DOUBLE).numParams());
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .updater(new NoOp()).seed(5).list()
                .layer(new DenseLayer.Builder().nIn(6).nOut(4).activation(Activation.IDENTITY).build())
                .layer(new ActivationLayer.Builder().activation(Activation.SIGMOID).build())
                .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(4).nOut(2).activation(Activation.IDENTITY).build())
                .build());
        net.init();
        Nd4j.getRandom().setSeed(9);
        GradientChecks.assertPasses(net, new DataSet(Nd4j.randn(DataType.DOUBLE, 5, 6), Nd4j.rand(DataType.DOUBLE, 5, 2)));
    }

    /** The typed-in PyTorch constants are the closed form rounded to float32 and printed to 8 decimals. */
    @Test
    void pytorchConstantsAreTheFloat32ClosedFormTo8Decimals() {
        for (int i = 0; i < ImplementationChapter.INPUTS.length; i++) {
            float rounded = (float) ExactSigmoid.of(ImplementationChapter.INPUTS[i]);
            assertEquals(Double.parseDouble(String.format(Locale.ROOT, "%.8f", rounded)), ImplementationChapter.PYTORCH_SIGMOID[i]);
        }
        assertEquals(ExactSigmoid.derivative(0), ImplementationChapter.PYTORCH_GRADIENT_AT_ZERO);
    }

    /**
     * Every computed row of from-logits against the 40-digit closed forms: where the result is finite
     * it is within rounding of the exact value (a few ulps of the value, or of 1 where the exact value
     * is tiny and ln(1 + t) has rounded t away); the overflows the page names are exactly there.
     */
    @Test
    void fromLogitsAgreesWithTheClosedFormsExceptWhereThePageSaysItOverflows() {
        Table table = book.table("implementation", "from-logits.csv");
        assertEquals(16, table.rowCount());
        for (int row = 0; row < table.rowCount(); row++) {
            String pytorch = table.stringColumn("pytorch").get(row);
            String by = table.stringColumn("computed_by").get(row);
            String type = table.stringColumn("data_type").get(row);
            for (double z : FromLogits.Z) {
                double value = table.numberColumn(FromLogits.column(z)).getDouble(row);
                double exact = switch (pytorch) {
                    case FromLogits.LOG_SIGMOID -> -ExactSigmoid.softplus(-z);
                    case FromLogits.SOFTPLUS, FromLogits.BCE_NEGATIVE -> ExactSigmoid.softplus(z);
                    case FromLogits.BCE_POSITIVE -> ExactSigmoid.softplus(-z);
                    default -> throw new AssertionError(pytorch);
                };
                String where = pytorch + " by " + by + " in " + type + " at z = " + z;
                if (type.equals(FromLogits.EXACT)) {
                    assertEquals(exact, value, 0.0, where);
                } else if (by.startsWith("DL4J")) {
                    continue; // the clipped loss has its own test
                } else if (type.equals("FLOAT") && z == -100 && pytorch.equals(FromLogits.LOG_SIGMOID)) {
                    assertEquals(Double.NEGATIVE_INFINITY, value, where);
                } else if (type.equals("FLOAT") && z == 100 && pytorch.equals(FromLogits.SOFTPLUS)) {
                    assertEquals(Double.POSITIVE_INFINITY, value, where);
                } else {
                    double ulp = type.equals("FLOAT") ? Math.ulp((float) Math.max(Math.abs(exact), 1)) : Math.ulp(Math.max(Math.abs(exact), 1));
                    assertEquals(exact, value, 2 * ulp, where);
                }
            }
        }
        assertEquals(Double.NEGATIVE_INFINITY, FromLogits.logSigmoidOp(Sigmoid.vector(DataType.DOUBLE, -800)).getDouble(0),
                "DOUBLE overflows too, further out");
        assertEquals(Double.POSITIVE_INFINITY, FromLogits.softPlus(Sigmoid.vector(DataType.DOUBLE, 800)).getDouble(0));
        assertEquals(800.0, FromLogits.bceWithLogits(Sigmoid.vector(DataType.FLOAT, -800), Sigmoid.vector(DataType.FLOAT, 1)).getDouble(0),
                "the loss from the logit stays finite where both naive forms overflow");
    }

    /** The page's account of how ND4J computes them: the op is log(sigmoid(z)), softPlus is ln(1 + e^z) as written. */
    @Test
    void logSigmoidOpIsTheLogOfTheSigmoidAndSoftPlusIsTheNaiveFormula() {
        double[] grid = new double[401];
        Arrays.setAll(grid, i -> (i - 200) / 2.0);
        for (DataType type : FromLogits.TYPES) {
            INDArray z = Sigmoid.vector(type, grid);
            INDArray op = FromLogits.logSigmoidOp(z);
            assertArrayEquals(Transforms.log(Transforms.sigmoid(z, true), false).toDoubleVector(), op.toDoubleVector(), type.toString());
            SameDiff sd = SameDiff.create();
            assertArrayEquals(op.toDoubleVector(), sd.nn().logSigmoid(sd.constant(z)).eval().toDoubleVector(), "sd.nn().logSigmoid");
            double[] naive = Transforms.log(Transforms.exp(z, true).addi(1.0), false).toDoubleVector();
            double[] softPlus = FromLogits.softPlus(z).toDoubleVector();
            for (int i = 0; i < grid.length; i++) {
                double ulp = type == DataType.FLOAT ? Math.ulp((float) naive[i]) : Math.ulp(naive[i]);
                assertEquals(naive[i], softPlus[i], 2 * ulp, type + " softPlus at z = " + grid[i]);
            }
        }
    }

    /**
     * SameDiff's conventions against the closed form max(z, 0) - z y + ln(1 + e^-|z|): labels first
     * (swapping the arguments gives another number), the mean as default reduction, and label smoothing
     * that trains on y (1 - s) + s / 2.
     */
    @Test
    void sigmoidCrossEntropyConventions() {
        double[] logits = {-2.5, -0.5, 0, 1, 3};
        double[] labels = {0, 1, 1, 0, 1};
        INDArray z = Nd4j.createFromArray(logits);
        INDArray y = Nd4j.createFromArray(labels);
        double[] perElement = FromLogits.bceWithLogits(z, y).toDoubleVector();
        double mean = 0;
        for (int i = 0; i < logits.length; i++) {
            assertEquals(crossEntropy(logits[i], labels[i]), perElement[i], 1e-15, "z = " + logits[i]);
            mean += crossEntropy(logits[i], labels[i]) / logits.length;
        }
        assertEquals(mean, FromLogits.bceWithLogitsDefaults(z, y), 1e-15, "default reduction: the mean");
        double swapped = FromLogits.bceWithLogits(y, z).sumNumber().doubleValue();
        assertTrue(Math.abs(swapped - mean * logits.length) > 0.1, "the argument order matters: " + swapped);
        double s = 0.2;
        double[] smoothed = FromLogits.bceWithLogitsSmoothed(z, y, s).toDoubleVector();
        for (int i = 0; i < logits.length; i++) {
            assertEquals(crossEntropy(logits[i], labels[i] * (1 - s) + s / 2), smoothed[i], 1e-15, "smoothed, z = " + logits[i]);
        }
    }

    private static double crossEntropy(double z, double y) {
        return Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
    }

    /**
     * DL4J's LossBinaryXENT clips sigma to [1e-5, 1 - 1e-5] (its DEFAULT_CLIPPING_EPSILON): at y = 0 the loss
     * -ln(1 - sigma) tops out at -ln(1 - clip(1 - 1e-5)) and never falls below -ln(1 - 1e-5).
     */
    @Test
    void unfusedXentIsClipped() {
        Table table = book.table("implementation", "from-logits.csv");
        double topFloat = -Math.log(1 - (double) (float) (1 - 1e-5));
        assertEquals(topFloat, ImplementationChapter.valueAt(table, FromLogits.BCE_NEGATIVE, "DL4J LossBinaryXENT on σ(z)", DataType.FLOAT, 100), 1e-5);
        assertEquals(topFloat, book.finding("implementation", "DL4J LossBinaryXENT on σ(z) at z = 100, y = 0, FLOAT"), 1e-4);
        assertEquals(-Math.log(1e-5), ImplementationChapter.valueAt(table, FromLogits.BCE_NEGATIVE, "DL4J LossBinaryXENT on σ(z)", DataType.DOUBLE, 40), 1e-9);
        assertEquals(-Math.log1p(-1e-5), ImplementationChapter.valueAt(table, FromLogits.BCE_NEGATIVE, "DL4J LossBinaryXENT on σ(z)", DataType.DOUBLE, -100), 1e-15);
        assertEquals(11.5, topFloat, 0.05);
    }

    @Test
    void apiMapCoversTheArticlesCalls() {
        Table map = book.table("implementation", "api-map.csv",
                ColumnType.STRING, ColumnType.STRING, ColumnType.STRING, ColumnType.STRING);
        assertEquals(List.of("pytorch", "dl4j_nd4j_samediff", "what_it_does", "value_here"), map.columnNames());
        String pytorch = String.join("\n", map.stringColumn("pytorch").asList());
        for (String call : List.of("torch.sigmoid", "nn.Sigmoid", "requires_grad", "backward()", ".grad",
                "F.logsigmoid", "F.softplus", "BCEWithLogitsLoss", "BCELoss")) {
            assertTrue(pytorch.contains(call), "api-map lacks " + call);
        }
        assertTrue(map.stringColumn("value_here").asList().contains("[0.0474, 0.5000, 0.9526]"));
        assertTrue(map.stringColumn("value_here").asList().contains("0.25"));
    }
}
