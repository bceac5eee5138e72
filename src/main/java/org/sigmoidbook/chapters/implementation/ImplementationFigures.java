package org.sigmoidbook.chapters.implementation;

import static org.sigmoidbook.chapters.implementation.ImplementationChapter.INPUTS;
import static org.sigmoidbook.chapters.implementation.ImplementationChapter.PYTORCH_GRADIENT_AT_ZERO;
import static org.sigmoidbook.chapters.implementation.ImplementationChapter.PYTORCH_SIGMOID;

import java.util.List;

import org.knowm.xchart.XYChart;
import org.sigmoidbook.chapters.implementation.ImplementationChapter.LayerAndGradient;
import org.sigmoidbook.toolkit.charts.Charts;

/** The implementation chapter's figure, drawn from its table alone (and the article's printed values). */
final class ImplementationFigures {

    private ImplementationFigures() {
    }

    /** The layer's output and the gradient DL4J backpropagates through it, with PyTorch's printed values on top. */
    static XYChart layerAndGradient(List<LayerAndGradient> curves) {
        double[] z = curves.stream().mapToDouble(LayerAndGradient::z).toArray();
        XYChart chart = Charts.xy("nn.Sigmoid() the DL4J way: output and gradient", "z", "value");
        Charts.line(chart, "model(z): ActivationLayer(SIGMOID)", z, curves.stream().mapToDouble(LayerAndGradient::output).toArray());
        Charts.line(chart, "z.grad: DL4J backprop of dL/dy = 1", z, curves.stream().mapToDouble(LayerAndGradient::gradient).toArray());
        double[] torchZ = {INPUTS[0], INPUTS[1], INPUTS[2], 0};
        double[] torchValues = {PYTORCH_SIGMOID[0], PYTORCH_SIGMOID[1], PYTORCH_SIGMOID[2], PYTORCH_GRADIENT_AT_ZERO};
        Charts.scatter(chart, "the article's PyTorch printout: sigmoid([-3, 0, 3]) and its gradient at 0", torchZ, torchValues,
                Charts.REFERENCE_COLOR);
        return chart;
    }
}
