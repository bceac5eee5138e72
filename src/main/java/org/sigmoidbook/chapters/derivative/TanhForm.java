package org.sigmoidbook.chapters.derivative;

import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/**
 * sigma(z) = (1 + tanh(z / 2)) / 2, and what follows from it: a sigmoid network is a tanh network
 * with halved weights into each layer, halved weights out of it and shifted biases, so the two
 * compute the same functions. Also the first terms of the sigmoid's series about 0,
 * 1/2 + z/4 - z^3/48 (from tanh x = x - x^3/3 + ...).
 */
final class TanhForm {

    /** The small network the rewrite is checked on: inputs, hidden units, outputs, examples. */
    static final int INPUTS = 5;
    static final int HIDDEN = 7;
    static final int OUTPUTS = 3;
    static final int EXAMPLES = 64;
    /** Its weights and inputs are fixed numbers, not the chapter's seed: the check has nothing random in it. */
    private static final long WEIGHTS = 2;

    private TanhForm() {
    }

    /** max |(1 + tanh(z / 2)) / 2 - sigma(z)| over {@code z}, with ND4J's tanh in DOUBLE against the 40-digit sigma. */
    static double identityError(double[] z) {
        double[] viaTanh = Transforms.tanh(Sigmoid.vector(DataType.DOUBLE, z).div(2), false).add(1).div(2).toDoubleVector();
        double worst = 0;
        for (int i = 0; i < z.length; i++) {
            worst = Math.max(worst, Math.abs(viaTanh[i] - ExactSigmoid.of(z[i])));
        }
        return worst;
    }

    /**
     * A layer of sigmoid units and a linear layer after it, V sigma(W x + b) + c, against the tanh
     * network V/2 tanh(W/2 x + b/2) + (c + V 1/2) in DOUBLE: the largest difference of their outputs.
     */
    static double rewriteError() {
        Random random = new Random(WEIGHTS);
        INDArray x = normal(random, EXAMPLES, INPUTS);
        INDArray w = normal(random, INPUTS, HIDDEN);
        INDArray b = normal(random, 1, HIDDEN);
        INDArray v = normal(random, HIDDEN, OUTPUTS);
        INDArray c = normal(random, 1, OUTPUTS);
        INDArray sigmoidNet = Sigmoid.forward(x.mmul(w).addRowVector(b)).mmul(v).addRowVector(c);
        INDArray shifted = c.add(Nd4j.ones(DataType.DOUBLE, 1, HIDDEN).mmul(v).div(2));
        INDArray tanhNet = Transforms.tanh(x.mmul(w.div(2)).addRowVector(b.div(2)), false).mmul(v.div(2)).addRowVector(shifted);
        return Transforms.abs(sigmoidNet.sub(tanhNet), false).maxNumber().doubleValue();
    }

    /**
     * max |sigma(z) - series(z)| over |z| <= 1 in steps of 1/128, against the 40-digit sigma:
     * {@code cubic} false for 1/2 + z/4, true for 1/2 + z/4 - z^3/48.
     */
    static double seriesError(boolean cubic) {
        double worst = 0;
        for (int k = -128; k <= 128; k++) {
            double z = k / 128.0;
            double series = 0.5 + z / 4 - (cubic ? z * z * z / 48 : 0);
            worst = Math.max(worst, Math.abs(ExactSigmoid.of(z) - series));
        }
        return worst;
    }

    private static INDArray normal(Random random, int rows, int columns) {
        double[][] values = new double[rows][columns];
        for (double[] row : values) {
            for (int j = 0; j < columns; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return Nd4j.createFromArray(values);
    }
}
