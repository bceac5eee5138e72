package org.sigmoidbook.chapters.saturation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
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
 * activations on 300 fixed held-out digits, probed at steps spread evenly on a log scale, in the
 * runs of several seeds (each its own initial weights and order of minibatches).
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

    /** A row of activations-during-training.csv: one hidden layer's activations on the probe digits at one step of one seed's run. */
    record Probe(long seed, int step, int layer, double mean, double std) {
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

    /**
     * Trains a network of hidden layers {@code width} units wide for {@code steps} SGD steps from each
     * of {@code seeds} seeds (lab.seed(), lab.seed() + 1, ...) and returns, seed by seed, one row per
     * probed step and hidden layer.
     */
    static List<Probe> train(Lab lab, Mnist.Split mnist, int width, int steps, int seeds) throws Exception {
        INDArray probe = mnist.test().first(PROBE_EXAMPLES).features(DataType.FLOAT);
        DataSet train = mnist.train().tenClass(DataType.FLOAT);
        List<Long> runs = LongStream.range(0, seeds).mapToObj(s -> lab.seed() + s).toList();
        try (Progress progress = lab.progress("Glorot network", (long) steps * seeds)) {
            return lab.parallel(runs, seed -> train(width, steps, seed, train, probe, progress)).stream().flatMap(List::stream).toList();
        }
    }

    private static List<Probe> train(int width, int steps, long seed, DataSet train, INDArray probe, Progress progress) {
        MultiLayerNetwork net = network(width, seed).build();
        Minibatches batches = new Minibatches(train, BATCH, seed);
        List<Probe> rows = new ArrayList<>();
        List<Integer> probes = probeSteps(steps);
        for (int s = 0; s <= steps; s++) {
            if (probes.contains(s)) {
                List<INDArray> activations = net.feedForward(probe, false);
                for (int l = 1; l <= LAYERS; l++) {
                    INDArray a = activations.get(l);
                    rows.add(new Probe(seed, s, l, a.meanNumber().doubleValue(), a.stdNumber().doubleValue()));
                }
            }
            if (s < steps) {
                net.fit(batches.next());
                progress.step();
            }
        }
        return rows;
    }

    /** The seeds of the runs, ascending. */
    static long[] seeds(List<Probe> probes) {
        return probes.stream().mapToLong(Probe::seed).distinct().sorted().toArray();
    }

    /** The rows of one seed's run. */
    static List<Probe> run(List<Probe> probes, long seed) {
        return probes.stream().filter(probe -> probe.seed() == seed).toList();
    }

    /** The rows of one hidden layer of one run, in step order. */
    static List<Probe> layer(List<Probe> probes, int layer) {
        return probes.stream().filter(probe -> probe.layer() == layer).toList();
    }

    static int lastStep(List<Probe> probes) {
        return probes.stream().mapToInt(Probe::step).max().orElseThrow();
    }

    /** The mean activation of {@code layer} at {@code step} in one run. */
    static double mean(List<Probe> probes, int step, int layer) {
        return layer(probes, layer).stream().filter(probe -> probe.step() == step).findFirst().orElseThrow().mean();
    }

    /** Whether one run ends as in Glorot and Bengio's figure 2: layer 3 above layer 2 above layer 1 above the top layer. */
    static boolean orderedAsInThePaper(List<Probe> run, int step) {
        return mean(run, step, 3) > mean(run, step, 2) && mean(run, step, 2) > mean(run, step, 1) && mean(run, step, 1) > mean(run, step, 4);
    }

    /** A power law mean = a step^exponent, fitted over steps from {@code from} to {@code to}. */
    record PowerLaw(double exponent, double logFactor, int from, int to) {
        double at(double step) {
            return Math.exp(logFactor + exponent * Math.log(step));
        }
    }

    /**
     * The top layer's mean against the step on log-log axes in one run, fitted by least squares over
     * the last decade of steps: the exponent is negative while the layer keeps sinking into
     * saturation; it would rise towards 0 and above as the layer desaturated.
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
