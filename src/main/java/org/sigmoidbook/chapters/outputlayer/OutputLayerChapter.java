package org.sigmoidbook.chapters.outputlayer;

import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.sigmoidbook.book.Chapter;
import org.sigmoidbook.book.ChapterInfo;
import org.sigmoidbook.book.Figures;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Launcher;
import org.sigmoidbook.book.Results;
import org.sigmoidbook.chapters.outputlayer.DepthExperiment.DepthRun;
import org.sigmoidbook.chapters.outputlayer.HeadsExperiment.HeadRun;
import org.sigmoidbook.chapters.outputlayer.LearningRateExperiment.LearningRateRun;
import org.sigmoidbook.chapters.outputlayer.RemediesExperiment.LongRunEpoch;
import org.sigmoidbook.chapters.outputlayer.RemediesExperiment.Outcome;
import org.sigmoidbook.chapters.outputlayer.SignalExperiment.Spread;
import org.sigmoidbook.chapters.outputlayer.TrainingTables.EpochResult;
import org.sigmoidbook.chapters.outputlayer.TrainingTables.Update;
import org.sigmoidbook.toolkit.nn.HiddenUnit;
import org.sigmoidbook.toolkit.nn.Networks;

/**
 * Chapter 7: the article's conclusion, measured as a grid declared before it runs ({@link Grid}).
 * Deep MLPs are trained on "is this digit a 9 or a 4?" over seeds: sigmoid hidden layers with
 * remedies against tanh and ReLU, at several learning rates and two depths, and five output heads
 * on the same hidden stacks. In the book's setup the sigmoid hidden layers sit on a plateau at
 * chance, because the forward signal fades layer by layer.
 */
@ChapterInfo(number = 7, id = "output-layer", title = "Sigmoid belongs in the output layer",
        summary = "the conclusion on a declared grid: a sigmoid output with cross-entropy matches a two-way softmax within 5 seeds; sigmoid hidden "
                + "layers train only with a remedy, and at ten layers only batch norm of those tried",
        cover = "remedies")
public final class OutputLayerChapter implements Chapter {

    public static final int HIDDEN_LAYERS = 5;
    public static final int WIDTH = 32;
    public static final int BATCH_SIZE = 32;
    public static final double LEARNING_RATE = 0.1;
    public static final List<HiddenUnit> HIDDEN_UNITS = List.of(HiddenUnit.SIGMOID, HiddenUnit.TANH, HiddenUnit.RELU);

    public static void main(String[] args) {
        Launcher.run(OutputLayerChapter.class, args);
    }

    /**
     * The network every run starts from but for its hidden units: {@link #HIDDEN_LAYERS} hidden
     * layers, one sigmoid output unit with binary cross-entropy, biases 0, SGD. Weights N(0, 1/n_in),
     * or He's N(0, 2/n_in) with ReLU hidden units, the initialisation ReLU is used with.
     */
    public static Networks.Mlp network(int inputs, int width, HiddenUnit hidden) {
        WeightInit init = hidden == HiddenUnit.RELU ? WeightInit.RELU : WeightInit.NORMAL;
        return Networks.mlp(inputs).hiddenLayers(HIDDEN_LAYERS, width).activation(hidden.activation())
                .output(1, Activation.SIGMOID, LossFunction.XENT).weights(init.getWeightInitFunction()).sgd(LEARNING_RATE);
    }

    @Override
    public void measure(Lab lab) throws Exception {
        Grid grid = Grid.of(lab);
        DigitTask task = DigitTask.load(grid.trainingDigits());
        lab.table("grid", grid.factors(task.heldOut().numExamples()));
        lab.finding("held-out share of 9s", Arrays.stream(task.heldOutLabels()).average().orElseThrow(), "%.4f");
        lab.finding("seed of the recorded runs", Integer.toString(grid.firstSeed()));
        lab.finding("published: Nielsen's [784, 30, 30, 30, 30, 10] sigmoid network, MNIST test accuracy",
                "about 96.5% (Nielsen, Neural Networks and Deep Learning, chapter 5)");
        Runs runs = Runs.train(lab, task, grid.setups(), grid.recorded());
        TrainingTables.measure(lab, grid, runs);
        RemediesExperiment.measure(lab, grid, runs);
        HeadsExperiment.measure(lab, grid, runs);
        LearningRateExperiment.measure(lab, grid, runs);
        DepthExperiment.measure(lab, grid, runs);
        SignalExperiment.measure(lab, grid, task);
    }

    @Override
    public void draw(Results results, Figures figures) throws Exception {
        figures.add("training-curves", OutputLayerFigures.trainingCurves(results.rows("results", EpochResult.class)));
        figures.add("first-layer-gradient", OutputLayerFigures.firstLayerGradient(results.rows("first-layer-gradient", Update.class)));
        figures.add("signal", OutputLayerFigures.signal(results.rows("signal", Spread.class)));
        figures.add("remedies", OutputLayerFigures.remedies(results.rows("remedies", Outcome.class)));
        figures.add("plateau", OutputLayerFigures.plateau(results.rows("plateau", LongRunEpoch.class)));
        figures.add("heads", GridFigures.heads(results.rows("heads", HeadRun.class)));
        figures.add("lr-sweep", GridFigures.learningRates(results.rows("lr-sweep", LearningRateRun.class)));
        figures.add("depth", GridFigures.depth(results.rows("depth", DepthRun.class)));
    }
}
