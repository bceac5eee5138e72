package org.sigmoidbook.chapters.saturation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Progress;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.HiddenUnit;
import org.sigmoidbook.toolkit.nn.Minibatches;
import org.sigmoidbook.toolkit.nn.Networks;

/**
 * Glorot and Bengio's Figure 2 experiment, on MNIST instead of their Shapeset-3x2: four hidden
 * layers of 1000 sigmoid units, zero biases, weights uniform in +-1/sqrt(n_in), softmax and negative
 * log-likelihood, SGD on minibatches of 10; the mean and standard deviation of each hidden layer's
 * activations on 300 fixed held-out digits, probed at steps spread evenly on a log scale.
 */
final class GlorotRun {

    static final int LAYERS = 4;
    static final int WIDTH = 1000;
    /** Glorot and Bengio tuned their learning rate; this one reproduces their Figure 2 on MNIST. */
    static final double LEARNING_RATE = 0.1;
    static final int BATCH = 10;
    static final int PROBE_EXAMPLES = 300;
    /** Probes at these multiples of every power of ten, about six per decade. */
    private static final double[] PROBES_PER_DECADE = {1, 1.5, 2, 3, 5, 7.5};

    /** A row of activations-during-training.csv: one hidden layer's activations on the probe digits at one step. */
    record Probe(int step, int layer, double mean, double std) {
    }

    private GlorotRun() {
    }

    /** The network, before its updater is chosen. */
    static Networks.Mlp network(int width, long seed) {
        return Networks.mlp(Digits.PIXELS).hiddenLayers(LAYERS, width).activation(HiddenUnit.SIGMOID.activation())
                .output(10, Activation.SOFTMAX, LossFunction.MCXENT).uniformWeights().sgd(LEARNING_RATE).seed(seed);
    }

    /** Step 0, the whole-numbered 1, 1.5, 2, 3, 5, 7.5 times powers of ten below {@code steps}, and {@code steps}. */
    static List<Integer> probeSteps(int steps) {
        List<Integer> probes = new ArrayList<>(List.of(0));
        for (long decade = 1; decade <= steps; decade *= 10) {
            for (double multiple : PROBES_PER_DECADE) {
                double step = multiple * decade;
                if (step == Math.rint(step) && step < steps) {
                    probes.add((int) step);
                }
            }
        }
        probes.add(steps);
        return probes;
    }

    /** Trains for {@code steps} SGD steps and returns one row per probed step and hidden layer. */
    static List<Probe> train(Lab lab, Mnist.Split mnist, int steps) {
        MultiLayerNetwork net = network(WIDTH, lab.seed()).build();
        INDArray probe = mnist.test().first(PROBE_EXAMPLES).features(DataType.FLOAT);
        Minibatches batches = new Minibatches(mnist.train().tenClass(DataType.FLOAT), BATCH, lab.seed());
        List<Probe> rows = new ArrayList<>();
        List<Integer> probes = probeSteps(steps);
        try (Progress progress = lab.progress("Glorot network", steps)) {
            for (int s = 0; s <= steps; s++) {
                if (probes.contains(s)) {
                    List<INDArray> activations = net.feedForward(probe, false);
                    for (int l = 1; l <= LAYERS; l++) {
                        INDArray a = activations.get(l);
                        rows.add(new Probe(s, l, a.meanNumber().doubleValue(), a.stdNumber().doubleValue()));
                    }
                }
                if (s < steps) {
                    net.fit(batches.next());
                    progress.step();
                }
            }
        }
        return rows;
    }

    /** The rows of one hidden layer, in step order. */
    static List<Probe> layer(List<Probe> probes, int layer) {
        return probes.stream().filter(probe -> probe.layer() == layer).toList();
    }

    static int lastStep(List<Probe> probes) {
        return probes.stream().mapToInt(Probe::step).max().orElseThrow();
    }

    /** The mean activation of {@code layer} at {@code step}. */
    static double mean(List<Probe> probes, int step, int layer) {
        return layer(probes, layer).stream().filter(probe -> probe.step() == step).findFirst().orElseThrow().mean();
    }

    /** A power law mean = a step^exponent, fitted over steps from {@code from} to {@code to}. */
    record PowerLaw(double exponent, double logFactor, int from, int to) {
        double at(double step) {
            return Math.exp(logFactor + exponent * Math.log(step));
        }
    }

    /**
     * The top layer's mean against the step on log-log axes, fitted by least squares over the last
     * decade of steps: the exponent is near -0.6 while the layer keeps sinking into saturation; it
     * would rise towards 0 and above as the layer desaturated.
     */
    static PowerLaw topLayerTrend(List<Probe> probes) {
        List<Probe> top = layer(probes, LAYERS);
        int last = lastStep(top);
        List<Probe> decade = top.stream().filter(probe -> probe.step() >= last / 10).toList();
        double[] x = decade.stream().mapToDouble(Probe::step).toArray();
        double[] y = decade.stream().mapToDouble(Probe::mean).toArray();
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.log(x[i]);
            y[i] = Math.log(y[i]);
        }
        double exponent = slope(x, y);
        double logFactor = Arrays.stream(y).average().orElseThrow() - exponent * Arrays.stream(x).average().orElseThrow();
        return new PowerLaw(exponent, logFactor, last / 10, last);
    }

    /** The least-squares slope of y on x. */
    static double slope(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxy / sxx;
    }
}
