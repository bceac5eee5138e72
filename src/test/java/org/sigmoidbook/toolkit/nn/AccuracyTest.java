package org.sigmoidbook.toolkit.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** The book's one accuracy, counted by hand. */
class AccuracyTest {

    /** An output of exactly 1/2 (a logit of exactly 0) reads as class 1. */
    @Test
    void probabilitiesAndLogitsSplitAtOneHalfAndZero() {
        double[] labels = {1, 0, 1, 0, 1};
        assertEquals(3 / 5.0, Accuracy.ofProbabilities(new double[]{0.5, 0.49, 0.2, 0.9, 0.99}, labels), 0.0);
        assertEquals(3 / 5.0, Accuracy.ofLogits(new double[]{0, -0.01, -1.4, 2.2, 4.6}, labels), 0.0);
        assertThrows(IllegalArgumentException.class, () -> Accuracy.ofProbabilities(new double[]{0.5}, labels));
        assertThrows(IllegalArgumentException.class, () -> Accuracy.ofLogits(new double[0], new double[0]));
    }

    /** One sigmoid output reads its probability; several outputs pick the largest, against one-hot labels. */
    @Test
    void aNetworkIsScoredByItsOutputs() {
        var oneOutput = Networks.mlp(2).output(1, Activation.SIGMOID, LossFunction.XENT).dataType(DataType.DOUBLE).frozen().seed(1).build();
        oneOutput.setParams(Nd4j.createFromArray(1.0, -1.0, 0.0).castTo(DataType.DOUBLE).reshape(1, 3));
        // sigma(x1 - x2): >= 1/2 exactly when x1 >= x2
        DataSet binary = new DataSet(Nd4j.createFromArray(new double[][]{{2, 1}, {1, 2}, {3, 3}, {0, 5}}),
                Nd4j.createFromArray(new double[][]{{1}, {1}, {1}, {1}}));
        assertEquals(2 / 4.0, Accuracy.of(oneOutput, binary), 0.0);

        var threeOutputs = Networks.mlp(3).output(3, Activation.IDENTITY, LossFunction.MSE).dataType(DataType.DOUBLE).frozen().seed(1).build();
        // identity weights, zero biases: the output is the input
        threeOutputs.setParams(Nd4j.concat(1, Nd4j.eye(3).castTo(DataType.DOUBLE).reshape(1, 9), Nd4j.zeros(DataType.DOUBLE, 1, 3)));
        DataSet classes = new DataSet(Nd4j.createFromArray(new double[][]{{0.1, 0.7, 0.2}, {0.5, 0.2, 0.3}, {0.1, 0.2, 0.3}}),
                Nd4j.createFromArray(new double[][]{{0, 1, 0}, {0, 0, 1}, {0, 0, 1}}));
        assertEquals(2 / 3.0, Accuracy.of(threeOutputs, classes), 0.0);
    }
}
