package org.sigmoidbook.chapters.implementation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.BookTest;
import org.sigmoidbook.ChapterData;
import org.sigmoidbook.QuickBook;
import org.sigmoidbook.book.Finding;
import org.sigmoidbook.book.Rows;
import org.sigmoidbook.chapters.implementation.ApiMap.ApiCall;
import org.sigmoidbook.chapters.implementation.FromLogits.Computed;
import org.sigmoidbook.chapters.implementation.ImplementationChapter.Output;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;
import org.sigmoidbook.toolkit.torch.Torch;

/** Chapter 6's tables and findings in the shared quick run, against PyTorch's own values and the closed forms. */
class ImplementationQuickRunTest {

    private static ChapterData run() {
        return QuickBook.chapter("implementation");
    }

    private static List<Computed> fromLogits() {
        return run().rows("from-logits", Computed.class);
    }

    @BookTest
    void printsWhatTheArticlePrints() {
        String stdout = QuickBook.book().stdout();
        assertTrue(stdout.contains("model(x) for x = [-3, 0, 3] = [0.0474, 0.5000, 0.9526]"), stdout);
        assertTrue(stdout.contains("z.grad at z = 0 by SameDiff autodiff = 0.25\n"), stdout);
        assertTrue(stdout.contains("x.grad at x = 0 by DL4J backprop through the model = 0.25\n"), stdout);
        assertTrue(stdout.contains("PyTorch = PyTorch " + Torch.version() + " (libtorch for the CPU) through DJL "), stdout);
    }

    /**
     * PyTorch ran, and its σ and σ′ at the article's input are within 1 ulp of the closed forms rounded
     * to float32 and within the stated 2 ulps of every DL4J/ND4J value; the finding is their largest distance.
     */
    @BookTest
    void outputsComeFromPyTorchAndAgreeWithDl4j() {
        List<Output> outputs = run().rows("outputs", Output.class);
        assertEquals(6, outputs.size());
        long largest = 0;
        for (Output output : outputs) {
            assertNotNull(output.pytorch(), output.toString());
            boolean sigma = output.quantity().equals(Agreement.SIGMA);
            double exact = Ulps.round(sigma ? ExactSigmoid.of(output.z()) : ExactSigmoid.derivative(output.z()), DataType.FLOAT);
            assertTrue(Ulps.between(output.pytorch(), exact, DataType.FLOAT) <= 1, output.toString());
            long apart = 0;
            for (double theirs : new double[]{output.nd4j(), output.dl4jLayer(), output.samediff()}) {
                apart = Math.max(apart, Ulps.between(output.pytorch(), theirs, DataType.FLOAT));
            }
            assertTrue(apart <= 2, output.toString());
            assertEquals(apart, (long) output.ulpsFromPytorch(), output.toString());
            largest = Math.max(largest, apart);
        }
        assertEquals(largest, run().finding("largest distance between PyTorch and DL4J on the article's values, ulps"));
    }

    /**
     * Every computed row of from-logits against the 40-digit closed forms: where the result is finite
     * it is within rounding of the exact value (a few ulps of the value, or of 1 where the exact value
     * is tiny and ln(1 + t) has rounded t away); the overflows the page names are exactly there, and
     * PyTorch's own functions are finite everywhere.
     */
    @BookTest
    void fromLogitsAgreesWithTheClosedFormsExceptWhereThePageSaysItDoesNot() {
        List<Computed> table = fromLogits();
        assertEquals(28, table.size());
        for (Computed row : table) {
            String pytorch = row.pytorch();
            String by = row.computedBy();
            String type = row.dataType();
            for (double z : FromLogits.Z) {
                double value = row.at(z);
                double exact = switch (pytorch) {
                    case FromLogits.LOG_SIGMOID -> -ExactSigmoid.softplus(-z);
                    case FromLogits.SOFTPLUS, FromLogits.BCE_NEGATIVE -> ExactSigmoid.softplus(z);
                    case FromLogits.BCE_POSITIVE -> ExactSigmoid.softplus(-z);
                    default -> throw new AssertionError(pytorch);
                };
                String where = pytorch + " by " + by + " in " + type + " at z = " + z;
                double ulp = type.equals("FLOAT") ? Math.ulp((float) Math.max(Math.abs(exact), 1)) : Math.ulp(Math.max(Math.abs(exact), 1));
                if (by.startsWith("PyTorch")) {
                    assertTrue(Double.isFinite(value), where);
                }
                if (type.equals(FromLogits.EXACT)) {
                    assertEquals(exact, value, 0.0, where);
                } else if (by.startsWith("DL4J")) {
                    continue; // the clipped loss has its own test
                } else if (by.equals(FromLogits.PYTORCH_BCE) && pytorch.equals(FromLogits.BCE_NEGATIVE) && z >= 40) {
                    assertEquals(100.0, value, where + ": σ(z) rounds to 1, and BCELoss clamps log(1 − σ) at -100");
                } else if (type.equals("FLOAT") && z == -100 && by.equals("LogSigmoid op") || type.equals("FLOAT") && z == -100 && by.startsWith("−Transforms")) {
                    assertEquals(Double.NEGATIVE_INFINITY, value, where);
                } else if (type.equals("FLOAT") && z == 100 && by.equals("Transforms.softPlus(z)")) {
                    assertEquals(Double.POSITIVE_INFINITY, value, where);
                } else {
                    assertEquals(exact, value, 2 * ulp, where);
                }
            }
        }
    }

    /**
     * DL4J's LossBinaryXENT clips sigma to [1e-5, 1 - 1e-5] (its DEFAULT_CLIPPING_EPSILON): at y = 0 the loss
     * -ln(1 - sigma) tops out at -ln(1 - clip(1 - 1e-5)) and never falls below -ln(1 - 1e-5).
     */
    @BookTest
    void unfusedXentIsClipped() {
        List<Computed> table = fromLogits();
        double topFloat = -Math.log(1 - (double) (float) (1 - 1e-5));
        assertEquals(topFloat, ImplementationChapter.valueAt(table, FromLogits.BCE_NEGATIVE, "DL4J LossBinaryXENT on σ(z)", DataType.FLOAT, 100), 1e-5);
        assertEquals(topFloat, run().finding("DL4J LossBinaryXENT on σ(z) at z = 100, y = 0, FLOAT"), 1e-4);
        assertEquals(-Math.log(1e-5), ImplementationChapter.valueAt(table, FromLogits.BCE_NEGATIVE, "DL4J LossBinaryXENT on σ(z)", DataType.DOUBLE, 40), 1e-9);
        assertEquals(-Math.log1p(-1e-5), ImplementationChapter.valueAt(table, FromLogits.BCE_NEGATIVE, "DL4J LossBinaryXENT on σ(z)", DataType.DOUBLE, -100), 1e-15);
        assertEquals(11.5, topFloat, 0.05);
    }

    @BookTest
    void apiMapCoversTheArticlesCallsWithPyTorchsValues() {
        List<ApiCall> map = run().rows("api-map", ApiCall.class);
        assertEquals(List.of("pytorch", "dl4j_nd4j_samediff", "what_it_does", "value_here", "value_in_pytorch"), Rows.columns(ApiCall.class));
        String pytorch = String.join("\n", map.stream().map(ApiCall::pytorch).toList());
        for (String call : List.of("torch.sigmoid", "nn.Sigmoid", "requires_grad", "backward()", ".grad",
                "F.logsigmoid", "F.softplus", "BCEWithLogitsLoss", "BCELoss")) {
            assertTrue(pytorch.contains(call), "api-map lacks " + call);
        }
        for (ApiCall call : map) {
            assertTrue(!call.valueInPytorch().equals(ApiMap.NOT_RUN), call.toString());
        }
        ApiCall sigmoid = map.stream().filter(c -> c.pytorch().equals("torch.sigmoid(x)")).findFirst().orElseThrow();
        assertEquals("[0.0474, 0.5000, 0.9526]", sigmoid.valueHere());
        assertEquals(sigmoid.valueHere(), sigmoid.valueInPytorch());
        ApiCall logSigmoid = map.stream().filter(c -> c.pytorch().equals("F.logsigmoid(z)")).findFirst().orElseThrow();
        assertEquals(logSigmoid.valueHere(), logSigmoid.valueInPytorch(), "on [-3, 0, 3] both are finite and agree to 4 decimals");
    }

    /** Every PyTorch finding is a measurement, not "not run", in a run where libtorch started. */
    @BookTest
    void everyPyTorchFindingWasMeasured() {
        for (Finding finding : run().results().findings().values()) {
            assertTrue(!finding.text().startsWith(ImplementationChapter.NOT_RUN), finding.toString());
        }
    }
}
