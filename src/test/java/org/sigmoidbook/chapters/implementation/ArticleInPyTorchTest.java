package org.sigmoidbook.chapters.implementation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sigmoidbook.BookTest;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;

/**
 * The article's snippet in PyTorch against DL4J and against the closed forms: σ on [−3, 0, 3] and its
 * gradient agree with DL4J's to within the ulps the chapter states for float32 (its grid comparison:
 * σ up to 2 apart, σ′ up to 4; ImplementationCommittedTest holds the committed run to them), and
 * with σ and σ′ correctly rounded to float32 within 1 ulp.
 */
class ArticleInPyTorchTest {

    /** The largest distances between PyTorch and DL4J that the chapter states for float32. */
    static final long SIGMA_ULPS = 2;
    static final long SLOPE_ULPS = 4;
    private static final double[] X = ImplementationChapter.toDoubles(ImplementationChapter.INPUTS);

    @BookTest
    void sigmoidAndGradientAgreeWithDl4jToTheStatedUlp() {
        ArticleInPyTorch pytorch = ArticleInPyTorch.run(X);
        INDArray x = Nd4j.createFromArray(new float[][]{ImplementationChapter.INPUTS});
        MultiLayerNetwork model = ImplementationChapter.sigmoidModel(DataType.FLOAT);
        double[] output = ImplementationChapter.forward(model, x).toDoubleVector();
        double[] gradient = ImplementationChapter.inputGradient(model, x).toDoubleVector();
        for (int i = 0; i < X.length; i++) {
            String at = "x = " + X[i];
            assertTrue(Ulps.between(pytorch.sigmoid()[i], output[i], DataType.FLOAT) <= SIGMA_ULPS, at + ": σ " + pytorch.sigmoid()[i] + " vs " + output[i]);
            assertTrue(Ulps.between(pytorch.gradient()[i], gradient[i], DataType.FLOAT) <= SLOPE_ULPS,
                    at + ": σ′ " + pytorch.gradient()[i] + " vs " + gradient[i]);
            assertEquals(pytorch.sigmoid()[i], pytorch.module()[i], 0.0, at + ": nn.Sigmoid() is torch.sigmoid");
        }
    }

    @BookTest
    void sigmoidAndGradientAreTheClosedFormsRoundedToFloat32() {
        ArticleInPyTorch pytorch = ArticleInPyTorch.run(X);
        for (int i = 0; i < X.length; i++) {
            assertTrue(Ulps.between(pytorch.sigmoid()[i], Ulps.round(ExactSigmoid.of(X[i]), DataType.FLOAT), DataType.FLOAT) <= 1, "σ at " + X[i]);
            assertTrue(Ulps.between(pytorch.gradient()[i], Ulps.round(ExactSigmoid.derivative(X[i]), DataType.FLOAT), DataType.FLOAT) <= 1,
                    "σ′ at " + X[i]);
        }
        assertEquals(0.5, pytorch.valueAtZero(), 0.0, "σ(0) is exactly 1/2");
        assertEquals(0.25, pytorch.gradientAtZero(), 0.0, "σ′(0) is exactly 1/4");
    }
}
