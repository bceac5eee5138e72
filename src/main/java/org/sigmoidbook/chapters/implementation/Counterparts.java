package org.sigmoidbook.chapters.implementation;

import java.util.Map;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sigmoidbook.runtime.Silence;
import org.sigmoidbook.toolkit.numerics.Sigmoid;
import org.sigmoidbook.toolkit.torch.Autograd.ValueAndGradient;

/**
 * The DL4J/ND4J counterparts of torch.sigmoid and its autograd gradient, each computing σ(z) and
 * σ′(z) on a vector of z in one data type.
 */
enum Counterparts {
    /** ND4J's element-wise op, and σ′ from its output as s (1 − s): PyTorch's own backward formula. */
    ND4J("ND4J Transforms.sigmoid; σ′ as s(1 − s)"),
    /** The one-layer network of the chapter: its output, and the input gradient DL4J back-propagates. */
    DL4J_LAYER("DL4J ActivationLayer(SIGMOID): output, backprop"),
    /** SameDiff's sigmoid in a graph whose loss is the sum of the outputs, and calculateGradients. */
    SAMEDIFF("SameDiff sd.nn().sigmoid, calculateGradients");

    private final String label;

    Counterparts(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** σ and σ′ at each of {@code z}, computed in {@code type}. */
    ValueAndGradient of(DataType type, double[] z) {
        return switch (this) {
            case ND4J -> {
                INDArray s = Sigmoid.forward(Sigmoid.vector(type, z));
                yield new ValueAndGradient(s.toDoubleVector(), Sigmoid.derivativeFromOutput(s).toDoubleVector());
            }
            case DL4J_LAYER -> {
                MultiLayerNetwork model = ImplementationChapter.sigmoidModel(type);
                INDArray x = Sigmoid.vector(type, z).reshape(1, z.length);
                yield new ValueAndGradient(ImplementationChapter.forward(model, x).toDoubleVector(),
                        ImplementationChapter.inputGradient(model, x).toDoubleVector());
            }
            case SAMEDIFF -> sameDiff(type, z);
        };
    }

    private static ValueAndGradient sameDiff(DataType type, double[] z) {
        SameDiff sd = SameDiff.create();
        SDVariable input = sd.var("z", Sigmoid.vector(type, z));
        SDVariable y = sd.nn().sigmoid("y", input);
        y.sum("loss").markAsLoss();
        Map<String, INDArray> gradients = Silence.stdout(() -> sd.calculateGradients(Map.of(), "z"));
        INDArray value = sd.output(Map.<String, INDArray>of(), "y").get("y");
        return new ValueAndGradient(value.toDoubleVector(), gradients.get("z").toDoubleVector());
    }
}
