package org.sigmoidbook.chapters.zerocentering;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Progress;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.Accuracy;
import org.sigmoidbook.toolkit.nn.HiddenUnit;
import org.sigmoidbook.toolkit.nn.Minibatches;
import org.sigmoidbook.toolkit.nn.Networks;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/**
 * The same deep MLP (N(0, 1/n_in) weights, times a scale in the hidden layers; zero biases; softmax
 * output; SGD) trained on the same digits in the same order with each kind of hidden unit, for
 * several seeds. Then the sigmoid against sigmoid − ½ with the hidden weights ×4, the factor the
 * Deep Learning Tutorials use for the sigmoid (4 = 1/σ'(0)), and a third network that separates the
 * two effects of the sigmoid's offset: the sigmoid with the biases b = −½ W·1 in every layer it
 * feeds, which computes exactly the function of the centred network at initialisation and differs
 * from it only in how gradient descent moves it. Tables {@code convergence} and
 * {@code slopes-at-initialisation}.
 */
final class Convergence {

    static final int LAYERS = 4;
    static final double LEARNING_RATE = 0.1;
    static final int BATCH = 20;
    /** The Deep Learning Tutorials' factor for the sigmoid's initial weights, 1/σ'(0). */
    static final double SIGMOID_WEIGHT_FACTOR = 1 / Sigmoid.derivativeFromOutput(0.5);

    private Convergence() {
    }

    /** How the biases start. */
    enum Biases {
        /** All zero, as in every other run of the book. */
        ZERO("zero"),
        /**
         * b = −½ W·1 in every layer fed by hidden units: W σ(z) + b = W (σ(z) − ½), so the sigmoid
         * network computes what the centred one does.
         */
        OFFSET_REMOVED("offset-removed");

        private final String id;

        Biases(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** One training run's network: a kind of hidden unit, the factor its hidden weights are scaled by, its biases. */
    record Training(HiddenUnit unit, double hiddenWeightScale, Biases biases) {
        String label() {
            String label = hiddenWeightScale == 1 ? unit.label() : unit.label() + ", weights × " + (int) hiddenWeightScale;
            return biases == Biases.ZERO ? label : label + ", b = −W·½";
        }
    }

    /** The runs of one seed, in the order of every table: the four units, then the three at weights ×4. */
    static final List<Training> TRAININGS = List.of(
            new Training(HiddenUnit.SIGMOID, 1, Biases.ZERO),
            new Training(HiddenUnit.CENTRED_SIGMOID, 1, Biases.ZERO),
            new Training(HiddenUnit.TANH, 1, Biases.ZERO),
            new Training(HiddenUnit.LECUN_TANH, 1, Biases.ZERO),
            new Training(HiddenUnit.SIGMOID, SIGMOID_WEIGHT_FACTOR, Biases.ZERO),
            new Training(HiddenUnit.SIGMOID, SIGMOID_WEIGHT_FACTOR, Biases.OFFSET_REMOVED),
            new Training(HiddenUnit.CENTRED_SIGMOID, SIGMOID_WEIGHT_FACTOR, Biases.ZERO));

    /**
     * Loss and accuracy of one run after {@code epoch} epochs, epoch 0 being the initial network: a
     * row of {@code convergence}.
     */
    record Epoch(HiddenUnit hidden, double hiddenWeightScale, Biases biases, int seed, int epoch, double trainLoss,
                 double heldoutLoss, double heldoutAccuracy) {
        Training training() {
            return new Training(hidden, hiddenWeightScale, biases);
        }
    }

    /** The mean slope f'(z) of one hidden layer's units over the held-out digits, at initialisation: a row of {@code slopes-at-initialisation}. */
    record Slope(HiddenUnit hidden, double hiddenWeightScale, Biases biases, int seed, int layer, double meanSlope) {
        Training training() {
            return new Training(hidden, hiddenWeightScale, biases);
        }
    }

    /** The network of every run, before training. */
    static MultiLayerNetwork network(Training training, int width, long seed) {
        MultiLayerNetwork net = Networks.mlp(Digits.PIXELS).hiddenLayers(LAYERS, width)
                .activation(training.unit().activation()).output(10, Activation.SOFTMAX, LossFunction.MCXENT)
                .sgd(LEARNING_RATE).seed(seed).build();
        for (int layer = 0; layer < LAYERS; layer++) {
            net.getParam(layer + "_W").muli(training.hiddenWeightScale());
        }
        if (training.biases() == Biases.OFFSET_REMOVED) {
            for (int layer = 1; layer <= LAYERS; layer++) {
                INDArray weights = net.getParam(layer + "_W");
                net.getParam(layer + "_b").assign(weights.sum(0).muli(-0.5).reshape(1, weights.size(1)));
            }
        }
        return net;
    }

    /** The pre-activations z of every hidden layer for {@code features}, from the layer parameters: [digits, width] each. */
    static List<INDArray> preActivations(MultiLayerNetwork net, INDArray features) {
        List<INDArray> activations = net.feedForward(features, false);
        return IntStream.range(0, LAYERS)
                .mapToObj(layer -> activations.get(layer).mmul(net.getParam(layer + "_W")).addiRowVector(net.getParam(layer + "_b")))
                .toList();
    }

    /** The mean of f'(z) over the digits and units of each hidden layer. */
    static double[] meanSlopes(MultiLayerNetwork net, Training training, INDArray features) {
        return preActivations(net, features).stream().mapToDouble(z -> training.unit().activation()
                .backprop(z.dup(), Nd4j.onesLike(z)).getFirst().meanNumber().doubleValue()).toArray();
    }

    /** One run's curve and, for the runs at weights ×4, its layers' slopes at initialisation. */
    record Run(List<Epoch> curve, List<Slope> slopes) {
    }

    static Run train(Training training, int seed, DataSet train, DataSet heldOut, int width, int epochs) {
        MultiLayerNetwork net = network(training, width, seed);
        List<Slope> slopes = new ArrayList<>();
        if (training.hiddenWeightScale() != 1) {
            double[] mean = meanSlopes(net, training, heldOut.getFeatures());
            for (int layer = 0; layer < LAYERS; layer++) {
                slopes.add(new Slope(training.unit(), training.hiddenWeightScale(), training.biases(), seed, layer + 1, mean[layer]));
            }
        }
        Minibatches batches = Minibatches.inPlace(train, BATCH, seed);
        List<Epoch> curve = new ArrayList<>();
        for (int e = 0; e <= epochs; e++) {
            if (e > 0) {
                for (DataSet batch : batches.epoch()) {
                    net.fit(batch);
                }
            }
            curve.add(new Epoch(training.unit(), training.hiddenWeightScale(), training.biases(), seed, e, net.score(train),
                    net.score(heldOut), Accuracy.of(net, heldOut)));
        }
        return new Run(curve, slopes);
    }

    /** What the first hidden layer of each unit's network hands on, before training, for {@code digits}: [digits, width] in DOUBLE. */
    static List<INDArray> firstHiddenLayers(INDArray digits, int width, long seed) {
        List<INDArray> outputs = new ArrayList<>();
        for (HiddenUnit unit : ZeroCenteringChapter.UNITS) {
            outputs.add(network(new Training(unit, 1, Biases.ZERO), width, seed).feedForward(digits, false).get(1).castTo(DataType.DOUBLE));
        }
        return outputs;
    }

    static int width(Lab lab) {
        return lab.size(16, 64);
    }

    static int heldOutDigits(Lab lab) {
        return lab.size(200, 1000);
    }

    static DataSet heldOut(Lab lab, Mnist.Split mnist) {
        return mnist.test().first(heldOutDigits(lab)).tenClass(DataType.FLOAT);
    }

    private record Job(Training training, int seed) {
    }

    static void measure(Lab lab, Mnist.Split mnist) throws Exception {
        int width = width(lab);
        int epochs = lab.size(1, 6);
        Digits trainDigits = mnist.train().first(lab.size(200, 2000));
        int heldOutDigits = heldOutDigits(lab);
        List<Integer> seeds = IntStream.range(0, lab.size(2, 5)).mapToObj(k -> (int) lab.seed() + k).toList();
        int updatesPerEpoch = new Minibatches(trainDigits.tenClass(DataType.FLOAT), BATCH, lab.seed()).perEpoch();
        lab.finding("convergence network", String.format(Locale.ROOT,
                "%d hidden layers of %d units, weights N(0, 1/n_in), SGD lr %.2f, minibatch %d, %d training digits, %d held out",
                LAYERS, width, LEARNING_RATE, BATCH, trainDigits.size(), heldOutDigits));
        lab.finding("convergence training digits", trainDigits.size(), "%.0f");
        lab.finding("convergence epochs", epochs, "%.0f");
        lab.finding("convergence SGD steps per epoch", updatesPerEpoch, "%.0f");
        lab.finding("convergence SGD steps in all", epochs * updatesPerEpoch, "%.0f");
        lab.finding("convergence learning rate", LEARNING_RATE, "%.2f");
        lab.finding("convergence seeds", seeds.size(), "%.0f");

        List<Job> jobs = new ArrayList<>();
        for (int seed : seeds) {
            TRAININGS.forEach(training -> jobs.add(new Job(training, seed)));
        }
        List<Run> runs;
        try (Progress progress = lab.progress("convergence", jobs.size())) {
            runs = lab.parallel(jobs, job -> {
                Run run = train(job.training(), job.seed(), trainDigits.tenClass(DataType.FLOAT), heldOut(lab, mnist), width, epochs);
                progress.step();
                return run;
            });
        }
        List<Epoch> curves = runs.stream().flatMap(run -> run.curve().stream()).toList();
        lab.table("convergence", curves);
        List<Slope> slopes = runs.stream().flatMap(run -> run.slopes().stream()).toList();
        lab.table("slopes-at-initialisation", slopes);
        findings(lab, curves, slopes, epochs);
    }

    private static double[] finalValues(List<Epoch> curves, Training training, int epochs, boolean loss) {
        return curves.stream().filter(row -> row.training().equals(training) && row.epoch() == epochs)
                .mapToDouble(row -> loss ? row.trainLoss() : row.heldoutAccuracy()).toArray();
    }

    private static void findings(Lab lab, List<Epoch> curves, List<Slope> slopes, int epochs) {
        for (Training training : TRAININGS) {
            lab.overSeeds(training.label() + ": final training loss", finalValues(curves, training, epochs, true));
            lab.overSeeds(training.label() + ": final held-out accuracy", finalValues(curves, training, epochs, false));
        }
        Training centred = TRAININGS.get(6);
        for (Training training : TRAININGS.subList(4, 6)) {
            double[] loss = finalValues(curves, training, epochs, true);
            double[] reference = finalValues(curves, centred, epochs, true);
            double[] difference = IntStream.range(0, loss.length).mapToDouble(s -> loss[s] - reference[s]).toArray();
            lab.overSeeds(training.label() + " minus " + centred.label() + ": final training loss", difference);
        }
        for (Training training : TRAININGS.subList(4, 7)) {
            double[] perSeed = slopes.stream().filter(row -> row.training().equals(training)).mapToInt(Slope::seed).distinct()
                    .mapToDouble(seed -> slopes.stream().filter(row -> row.training().equals(training) && row.seed() == seed && row.layer() > 1)
                            .mapToDouble(Slope::meanSlope).average().orElseThrow()).toArray();
            lab.overSeeds(training.label() + ": mean slope in hidden layers 2 to " + LAYERS + " at initialisation", perSeed);
        }
    }
}
