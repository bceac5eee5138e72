package org.sigmoidbook.chapters.equation;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.nn.Minibatches;
import org.sigmoidbook.toolkit.nn.Networks;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/**
 * The chapter's classifier: logistic regression, one sigmoid unit on the pixels trained with binary
 * cross-entropy, so that its output is literally sigma(w.x + b), the probability that a digit is a 9
 * rather than a 4. A seed chooses the initial weights and the order of the minibatches; each seed's
 * run owns its network and its random streams.
 */
final class LogisticRegression {

    static final double LEARNING_RATE = 0.5;
    static final int BATCH_SIZE = 100;

    private LogisticRegression() {
    }

    /**
     * One seed's trained classifier on the held-out digits: P(y = 1 | x) for every digit in file order,
     * the largest |w.x + b|, how far the network's output is from sigma of the score recomputed by hand,
     * and how far the logit of the output is from the score in FLOAT and, with the same weights, in DOUBLE.
     */
    record Trained(long seed, double[] pNine, double largestScore, double outputVsSigmoid, double logitErrorFloat,
                   double logitErrorDouble) {
    }

    /** One sigmoid unit on {@code inputs} values, binary cross-entropy. */
    static Networks.Mlp network(int inputs) {
        return Networks.mlp(inputs).output(1, Activation.SIGMOID, LossFunction.XENT);
    }

    /** Trains on {@code train} for {@code epochs} epochs of SGD in FLOAT and reads the held-out digits. */
    static Trained train(Digits train, Digits heldOut, int epochs, long seed) {
        MultiLayerNetwork net = network(Digits.PIXELS).sgd(LEARNING_RATE).seed(seed).build();
        Minibatches batches = new Minibatches(train.binary(Digits.POSITIVE_DIGIT, DataType.FLOAT), BATCH_SIZE, seed);
        for (int epoch = 0; epoch < epochs; epoch++) {
            batches.epoch().forEach(net::fit);
        }
        INDArray features = heldOut.features(DataType.FLOAT);
        INDArray output = net.output(features);
        INDArray score = linearScore(net, features);
        MultiLayerNetwork inDouble = net.convertDataType(DataType.DOUBLE);
        INDArray x = features.castTo(DataType.DOUBLE);
        return new Trained(seed, output.toDoubleVector(), score.amaxNumber().doubleValue(),
                maxAbsDifference(output, Sigmoid.forward(score)), maxAbsDifference(logit(output), score),
                maxAbsDifference(logit(inDouble.output(x)), linearScore(inDouble, x)));
    }

    /** The score w.x + b recomputed by hand from the network's weights, in their data type. */
    private static INDArray linearScore(MultiLayerNetwork net, INDArray features) {
        return features.mmul(net.getParam("0_W")).addRowVector(net.getParam("0_b"));
    }

    /** The logit sigma^-1(p) = ln(p / (1 - p)), with ND4J in the data type of p. */
    static INDArray logit(INDArray p) {
        return Transforms.log(p.div(p.rsub(1.0)), false);
    }

    private static double maxAbsDifference(INDArray a, INDArray b) {
        return Transforms.abs(a.sub(b), false).maxNumber().doubleValue();
    }
}
