package org.sigmoidbook.toolkit.nn;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The book's one accuracy: the share of examples classified right. With one sigmoid output an
 * output of at least ½ (a logit of at least 0) reads as the positive class, label 1; with several
 * outputs the largest one is the class.
 */
public final class Accuracy {

    private Accuracy() {
    }

    /** From outputs read as P(y = 1 | x), against labels of 0 and 1. */
    public static double ofProbabilities(double[] probability, double[] label) {
        requireSameLength(probability, label);
        int correct = 0;
        for (int i = 0; i < probability.length; i++) {
            correct += (probability[i] >= 0.5) == (label[i] == 1) ? 1 : 0;
        }
        return correct / (double) probability.length;
    }

    /** From logits z, where σ(z) ≥ ½ exactly when z ≥ 0, against labels of 0 and 1. */
    public static double ofLogits(double[] logit, double[] label) {
        requireSameLength(logit, label);
        int correct = 0;
        for (int i = 0; i < logit.length; i++) {
            correct += (logit[i] >= 0) == (label[i] == 1) ? 1 : 0;
        }
        return correct / (double) logit.length;
    }

    /** Of {@code net} on {@code data} as it is now, in inference mode. */
    public static double of(MultiLayerNetwork net, DataSet data) {
        var output = net.output(data.getFeatures(), false);
        var labels = data.getLabels();
        if (output.columns() == 1) {
            return ofProbabilities(output.toDoubleVector(), labels.toDoubleVector());
        }
        var predicted = output.argMax(1).toLongVector();
        var actual = labels.argMax(1).toLongVector();
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            correct += predicted[i] == actual[i] ? 1 : 0;
        }
        return correct / (double) predicted.length;
    }

    private static void requireSameLength(double[] outputs, double[] labels) {
        if (outputs.length != labels.length || outputs.length == 0) {
            throw new IllegalArgumentException(outputs.length + " outputs for " + labels.length + " labels");
        }
    }
}
