package org.sigmoidbook.chapters;

import org.knowm.xchart.XYChart;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sigmoidbook.Book;
import org.sigmoidbook.Chapter;
import org.sigmoidbook.toolkit.ChapterRun;
import org.sigmoidbook.toolkit.Charts;
import org.sigmoidbook.toolkit.Sigmoid;

/** Chapter 1: sigma(z) = 1 / (1 + e^-z), its limits, its midpoint and its (0, 1) range. */
public final class EquationChapter implements Chapter {

    public static void main(String[] args) {
        Book.runAlone(new EquationChapter(), args);
    }

    @Override
    public String id() {
        return "equation";
    }

    @Override
    public String title() {
        return "The sigmoid equation";
    }

    @Override
    public void run(ChapterRun run) throws Exception {
        double[] z = Charts.range(-10, 10, 401);
        INDArray sigma = Sigmoid.forward(Sigmoid.vector(DataType.DOUBLE, z));
        run.finding("sigma(0)", Sigmoid.forward(Sigmoid.vector(DataType.DOUBLE, 0)).getDouble(0), "%.4f");
        XYChart chart = Charts.xy("The sigmoid function", "z", "σ(z)");
        Charts.line(chart, "σ(z) = 1 / (1 + e^-z)", z, sigma.toDoubleVector());
        Charts.mark(chart, "σ(0) = 0.5", 0, 0.5);
        run.figure("sigmoid-curve", chart);
    }
}
