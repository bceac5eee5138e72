package org.sigmoidbook.chapters.crossentropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sigmoidbook.QuickBook;
import org.sigmoidbook.book.Results;
import org.sigmoidbook.book.run.Csv;
import org.sigmoidbook.book.run.Notes;
import org.sigmoidbook.runtime.ProjectRoot;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.BinaryCrossEntropyWithLogits;
import tech.tablesaw.api.Table;

/**
 * Every number the page states, from the chapter's quick run, against an independent expectation
 * (closed forms in Java's float and double arithmetic); the claims about the full-size recovery
 * experiment against the committed tables; and the page's code snippet, built and trained.
 */
@Tag("book")
class CrossEntropyChapterTest {

    private static final String CHAPTER = "cross-entropy";
    private static final double FLOAT_ROUNDS_TO_ONE = 24 * Math.log(2);
    private static final double DOUBLE_ROUNDS_TO_ONE = 53 * Math.log(2);
    private static QuickBook.Output book;

    @BeforeAll
    static void runQuickChapter() {
        book = QuickBook.book();
    }

    private static double finding(String name) {
        return book.finding(CHAPTER, name);
    }

    @Test
    void gradientsAtFifteen() {
        float s = 1f / (1f + (float) Math.exp(-15));
        float a = Math.min(s, (float) (1 - 1e-5));
        assertEquals(a / (a * (1f - a)) * (s * (1f - s)), finding("DL4J XENT dL/dz at z = 15, label 0, FLOAT"), 5e-5);
        assertEquals(0.036, finding("DL4J XENT dL/dz at z = 15, label 0, FLOAT"), 5e-4);
        double sd = 1 / (1 + Math.exp(-15));
        double ad = Math.min(sd, 1 - 1e-5);
        assertEquals(ad / (ad * (1 - ad)) * (sd * (1 - sd)), finding("DL4J XENT dL/dz at z = 15, label 0, DOUBLE"), 5e-5);
        assertEquals(sd, finding("exact dL/dz = sigma(15)"), 5e-9);
        assertEquals(1.0, finding("fused dL/dz at z = 15, label 0, FLOAT"), 1e-6);
        assertEquals(sd, finding("fused dL/dz at z = 15, label 0, FLOAT"), 1e-6 * sd);
        assertEquals(Math.exp(-15) / Math.pow(1 + Math.exp(-15), 2), finding("quadratic cost's factor sigma'(15)"), 5e-10);
        assertEquals(Math.log(99999), finding("z where sigma(z) = 1 - 1e-5"), 5e-5);
        // Label 1 at z = -40: sigma'(z) / (clipped a = 1e-5) times (a - 1) / (1 - a), about -e^-40 / 1e-5.
        assertEquals(-Math.exp(-40) / 1e-5, finding("DL4J XENT dL/dz at z = -40, label 1, FLOAT"), 0.01e-13);
    }

    @Test
    void thresholdsWhereTheGradientIsExactlyZero() {
        assertEquals(FLOAT_ROUNDS_TO_ONE, finding("DL4J XENT gradient is 0 from z (label 0, FLOAT)"), 1e-4);
        assertEquals(DOUBLE_ROUNDS_TO_ONE, finding("DL4J XENT gradient is 0 from z (label 0, DOUBLE)"), 1e-4);
        assertEquals(-FLOAT_ROUNDS_TO_ONE, finding("SameDiff gradient is 0 up to z (label 0, FLOAT)"), 1e-4);
        assertEquals(-DOUBLE_ROUNDS_TO_ONE, finding("SameDiff gradient is 0 up to z (label 0, DOUBLE)"), 1e-4);
        assertEquals(16.6355, finding("24 ln 2"), 5e-5);
        assertEquals(36.7368, finding("53 ln 2"), 5e-5);
        assertTrue(finding("SameDiff dL/dz: worst relative error where the output is wrong, FLOAT") <= 1e-6);
    }

    @Test
    void lossCapsAndFloor() {
        assertEquals(-Math.log(1f - (float) (1 - 1e-5)), finding("DL4J XENT loss at z = 40, label 0, FLOAT"), 5e-5);
        assertEquals(-Math.log((float) 1e-5), finding("DL4J XENT loss at z = -40, label 1, FLOAT"), 5e-5);
        assertEquals(-Math.log(1e-5), finding("DL4J XENT loss at z = 40, label 0, DOUBLE"), 5e-5);
        double floor = -Math.log(1f - (float) 1e-5);
        assertEquals(floor, finding("DL4J XENT loss at z = -40, label 0, FLOAT"), 0.001e-5);
        assertEquals(Math.exp(-40), finding("exact loss at z = -40, label 0"), 0.01e-18);
        assertTrue(finding("fused loss: worst relative error over the grid, FLOAT") <= 1e-6);
        assertTrue(finding("fused loss: worst relative error over the grid, DOUBLE") <= 1e-12);
        assertEquals(Math.log(Float.MAX_VALUE), finding("z where e^z overflows in FLOAT (ln of the largest float)"), 5e-5);
    }

    /** The four forms of the label-0 loss in FLOAT, against Java's double arithmetic. */
    @Test
    void naiveFormsFailWhereFloatRoundsAndTheStableFormDoesNot() {
        Table forms = book.table(CHAPTER, "loss-forms.csv");
        assertEquals(List.of("z", LossForms.FROM_SIGMOID, LossForms.FROM_EXP, LossForms.ND4J_SOFTPLUS, LossForms.STABLE, LossForms.EXACT),
                forms.columnNames());
        for (int row = 0; row < forms.rowCount(); row++) {
            double z = forms.numberColumn("z").getDouble(row);
            double exact = Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
            assertEquals(exact, forms.numberColumn(LossForms.EXACT).getDouble(row), 1e-15 * Math.max(1, exact));
            assertEquals(exact, forms.numberColumn(LossForms.STABLE).getDouble(row), 1e-6 * exact, "stable, z = " + z);
            assertEquals(forms.numberColumn(LossForms.FROM_EXP).getDouble(row), forms.numberColumn(LossForms.ND4J_SOFTPLUS).getDouble(row),
                    "ND4J's softplus is log(1 + e^z), z = " + z);
            double fromSigmoid = forms.numberColumn(LossForms.FROM_SIGMOID).getDouble(row);
            double fromExp = forms.numberColumn(LossForms.FROM_EXP).getDouble(row);
            assertEquals(z > FLOAT_ROUNDS_TO_ONE, fromSigmoid == Double.POSITIVE_INFINITY, "-log(1 - sigma), z = " + z);
            assertEquals(z > Math.log(Float.MAX_VALUE), fromExp == Double.POSITIVE_INFINITY, "log(1 + e^z), z = " + z);
            if (z < -FLOAT_ROUNDS_TO_ONE) {
                assertEquals(0.0, fromExp, "1 + e^z rounds to 1, z = " + z);
            }
        }
    }

    @Test
    void recoverySetupAndTheQuickRunsClaims() throws IOException {
        Mnist.Split mnist = Mnist.load();
        assertEquals(Recovery.Setup.quick().trainingDigits(), finding("training digits (4s and 9s)"));
        int[] heldOut = mnist.test().onlyClasses(4, 9).classCounts();
        assertEquals(heldOut[4] + heldOut[9], finding("held-out digits (4s and 9s)"));
        assertEquals((double) heldOut[9] / (heldOut[4] + heldOut[9]), finding("held-out accuracy at the start (share of 9s)"), 5e-5);
        assertEquals(1, finding("from z = 15, fused: runs recovered"));
        assertEquals(1, finding("from z = 20, fused: runs recovered"));
        assertEquals(0, finding("from z = 15, quadratic: runs recovered"));
        assertEquals(0, finding("from z = 20, dl4j-xent: runs recovered"));
        assertEquals(0, finding("from z = 20, quadratic: runs recovered"));
        assertTrue(finding("from z = 15, fused: median steps to recover") < finding("from z = 15, dl4j-xent: median steps to recover"));
        assertEquals(finding("from z = 20: training cross-entropy at the start"), finding("from z = 20, dl4j-xent: training cross-entropy after the last step"));
        assertTrue(Math.abs(finding("from z = 15, quadratic: training cross-entropy change")) < 1e-3);
    }

    /** The full-size claims of the page, on the committed tables: every seed, both starts. */
    @Test
    void committedRecoveryTablesSupportThePage() throws IOException {
        Path data = ProjectRoot.get().resolve("data").resolve(CHAPTER);
        Table spread = Csv.read(data.resolve("recovery-spread.csv"));
        Results results = new Results(data);
        int seeds = (int) results.value("seeds");
        assertTrue(seeds >= 5, "the spread is over " + seeds + " seeds");
        assertEquals(2 * 3 * seeds, spread.rowCount());
        for (int row = 0; row < spread.rowCount(); row++) {
            double start = spread.numberColumn("start_logit").getDouble(row);
            String loss = spread.stringColumn("loss").get(row);
            boolean recovered = !Double.isNaN(spread.numberColumn("steps_to_recover").getDouble(row));
            boolean expected = loss.equals("fused") || (loss.equals("dl4j-xent") && start == 15);
            assertEquals(expected, recovered, loss + " from " + start + ", seed " + spread.numberColumn("seed").getDouble(row));
        }
        Table from15 = spread.where(spread.numberColumn("start_logit").isEqualTo(15));
        for (double seed : Arrays.stream(from15.numberColumn("seed").asDoubleArray()).distinct().toArray()) {
            Table runs = from15.where(from15.numberColumn("seed").isEqualTo(seed));
            double fused = runs.where(runs.stringColumn("loss").isEqualTo("fused")).numberColumn("steps_to_recover").getDouble(0);
            double dl4j = runs.where(runs.stringColumn("loss").isEqualTo("dl4j-xent")).numberColumn("steps_to_recover").getDouble(0);
            assertTrue(fused < dl4j, "seed " + seed + ": fused " + fused + ", dl4j-xent " + dl4j);
        }
        Table summary = Recovery.summary(spread);
        assertEquals(summary.doubleColumn("median_steps").getDouble(1), results.value("from z = 15, fused: median steps to recover"));
    }

    /** The configuration the page recommends builds, trains, and outputs the logit. */
    @Test
    void thePagesFusedLossSnippetTrainsAndOutputsTheLogit() throws IOException {
        String page = Notes.template("08-cross-entropy").orElseThrow();
        assertTrue(page.contains(".layer(new OutputLayer.Builder(new BinaryCrossEntropyWithLogits())"));
        assertTrue(page.contains(".activation(Activation.IDENTITY).nIn(30).nOut(1).build())"));
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .updater(new Sgd(0.5))
                .list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(30).activation(Activation.SIGMOID).build())
                .layer(new OutputLayer.Builder(new BinaryCrossEntropyWithLogits())
                        .activation(Activation.IDENTITY).nIn(30).nOut(1).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSet batch = Mnist.load().train().first(200).onlyClasses(4, 9).binary(9, DataType.FLOAT);
        double before = net.score(batch);
        for (int step = 0; step < 20; step++) {
            net.fit(batch);
        }
        assertTrue(net.score(batch) < before, "the loss did not fall: " + before + " -> " + net.score(batch));
        INDArray hidden = net.feedForwardToLayer(0, batch.getFeatures(), false).get(1);
        INDArray logits = hidden.mmul(net.getParam("1_W")).addiRowVector(net.getParam("1_b"));
        INDArray output = net.output(batch.getFeatures());
        assertEquals(0.0, output.sub(logits).amaxNumber().doubleValue(), 1e-5);
        double p = Transforms.sigmoid(output).getDouble(0);
        assertTrue(p > 0 && p < 1);
    }
}
