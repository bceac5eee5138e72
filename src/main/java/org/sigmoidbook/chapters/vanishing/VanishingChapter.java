package org.sigmoidbook.chapters.vanishing;

import java.util.List;
import java.util.stream.LongStream;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.sigmoidbook.book.Chapter;
import org.sigmoidbook.book.ChapterInfo;
import org.sigmoidbook.book.Figures;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Launcher;
import org.sigmoidbook.book.Results;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.HiddenUnit;
import org.sigmoidbook.toolkit.nn.Networks;

/**
 * Chapter 3: the vanishing gradient. Backpropagation multiplies the error, once per layer, by a
 * weight matrix and by sigma'(z) <= 1/4, so in a deep sigmoid network with moderate weights the
 * first layers receive a gradient about four times smaller per layer. Measured at initialisation
 * over depth (with tanh, ReLU and two remedies beside the sigmoid), reproduced against Nielsen's
 * published numbers (Neural Networks and Deep Learning, chapter 5, fig/generate_gradient.py),
 * followed through his full-batch training run, and set beside the other side of the same product:
 * the window of inputs where one layer's factor exceeds 1 (unstable gradients).
 */
@ChapterInfo(number = 3, id = "vanishing", title = "Vanishing gradients",
        summary = "gradients through sigmoid, tanh and ReLU layers; Nielsen's measurements and unstable window reproduced",
        cover = "depth-sweep")
public final class VanishingChapter implements Chapter {

    /** Hidden width of every network in this chapter, as in Nielsen's experiment. */
    public static final int WIDTH = 30;
    /** Nielsen's 1,000 images: for his speeds at initialisation and his training run. */
    public static final int IMAGES = 1000;
    public static final double LEARNING_RATE = 0.1;
    /** Nielsen's lambda; his update divides it by the number of training examples. */
    public static final double LAMBDA = 5.0;

    public static void main(String[] args) {
        Launcher.run(VanishingChapter.class, args);
    }

    /**
     * The chapter's networks: {@code hiddenLayers} layers of {@code width} {@code hidden} units and ten
     * sigmoid outputs with cross-entropy, weights N(0, 1/n_in), as in Nielsen's network2.py.
     */
    public static Networks.Mlp network(int inputs, int hiddenLayers, int width, HiddenUnit hidden) {
        return Networks.mlp(inputs).hiddenLayers(hiddenLayers, width).activation(hidden.activation())
                .output(10, Activation.SIGMOID, LossFunction.XENT).normalWeights();
    }

    /** Nielsen's initialisation on top of {@link #network}: biases N(0, 1) as well. */
    public static MultiLayerNetwork nielsenNetwork(Networks.Mlp mlp, long seed) {
        MultiLayerNetwork net = mlp.seed(seed).build();
        Networks.normalBiases(net, 0, 1, seed);
        return net;
    }

    /**
     * The DL4J L2 coefficient that reproduces Nielsen's update w -> (1 - eta lambda / n) w - eta grad.
     * DL4J adds coefficient * w to the mean gradient before the SGD step (its score term is
     * coefficient / 2 * |w|^2), so the coefficient is lambda / n; VanishingChapterTest checks the step.
     */
    public static double l2Coefficient(double lambda, int examples) {
        return lambda / examples;
    }

    static String architecture(int hiddenLayers) {
        return "[784," + "30,".repeat(hiddenLayers) + "10]";
    }

    @Override
    public void measure(Lab lab) throws Exception {
        Digits train = Mnist.load().train();
        DataSet images = train.first(IMAGES).tenClass(DataType.FLOAT);

        int sweepSeeds = lab.size(5, 10);
        int sweepImages = lab.size(100, DepthSweep.IMAGES);
        lab.finding("depth sweep: images", sweepImages, "%.0f");
        lab.finding("depth sweep: seeds per kind and depth", sweepSeeds, "%.0f");
        List<DepthSweep.Run> sweep = DepthSweep.measure(lab, train.first(sweepImages).tenClass(DataType.FLOAT), sweepSeeds);
        lab.table("depth-sweep", sweep);
        DepthSweep.reportFactors(lab, sweep);
        DepthSweep.reportSeedsAboveQuarterPower(lab, sweep);
        for (DepthSweep.Hidden hidden : List.of(DepthSweep.Hidden.RELU, DepthSweep.Hidden.RELU_HE)) {
            lab.overSeeds(hidden.id() + ": variance of the initial weights times n_in, first hidden layer",
                    LongStream.range(0, sweepSeeds).mapToDouble(s -> DepthSweep.varianceTimesFanIn(hidden, lab.seed() + s)).toArray());
        }

        int initSeeds = lab.size(40, 100);
        lab.finding("speed at init: seeds per network", initSeeds, "%.0f");
        lab.table("speed-at-init", NielsenRuns.speedAtInit(lab, images, initSeeds));

        int epochs = lab.size(20, 500);
        int trainingSeeds = lab.size(2, 3);
        lab.finding("training: epochs", epochs, "%.0f");
        lab.finding("training: seeds per network", trainingSeeds, "%.0f");
        NielsenRuns.Training training = NielsenRuns.training(lab, images, epochs, trainingSeeds);
        lab.table("speed-during-training", training.speeds());
        lab.table("weight-change", training.changes());
        NielsenRuns.reportTraining(lab, training);

        lab.table("unstable-window", UnstableWindow.widths());
        lab.table("unstable-factor", UnstableWindow.factors());
        UnstableWindow.report(lab);
    }

    @Override
    public void draw(Results results, Figures figures) throws Exception {
        List<NielsenRuns.EpochSpeed> speeds = results.rows("speed-during-training", NielsenRuns.EpochSpeed.class);
        figures.add("depth-sweep", VanishingFigures.depthSweep(results.rows("depth-sweep", DepthSweep.Run.class)));
        figures.add("speed-at-init", VanishingFigures.speedAtInit(results.rows("speed-at-init", NielsenRuns.InitSpeed.class)));
        figures.add("speed-during-training", VanishingFigures.speedDuringTraining(speeds));
        figures.add("weight-change", VanishingFigures.weightChange(results.rows("weight-change", NielsenRuns.WeightChange.class), speeds));
        figures.add("unstable-window", VanishingFigures.unstableWindow(results.rows("unstable-factor", UnstableWindow.FactorPoint.class),
                results.rows("unstable-window", UnstableWindow.WindowWidth.class)));
    }
}
