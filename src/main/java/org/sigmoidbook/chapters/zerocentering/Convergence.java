package org.sigmoidbook.chapters.zerocentering;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
import org.sigmoidbook.toolkit.nn.Accuracy;
import org.sigmoidbook.toolkit.nn.HiddenUnit;
import org.sigmoidbook.toolkit.nn.Minibatches;
import org.sigmoidbook.toolkit.nn.Networks;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/**
 * The same deep MLP (N(0, 1/n_in) weights, times a scale in the hidden layers; zero biases; softmax
 * output; SGD) trained on the same digits in the same order with each kind of hidden unit. Then the
 * sigmoid against sigmoid - ½ with the hidden weights ×4, Glorot's factor for the sigmoid
 * (4 = 1/σ'(0)): equal slopes at 0, so only the centring differs. Table {@code convergence}.
 */
final class Convergence {

    static final int LAYERS = 4;
    static final double LEARNING_RATE = 0.1;
    static final int BATCH = 20;
    /** Glorot's factor for the sigmoid. */
    static final double GLOROT_SIGMOID_FACTOR = 1 / Sigmoid.derivativeFromOutput(0.5);

    private Convergence() {
    }

    /** One training run: a kind of hidden unit and the factor its hidden weights are scaled by. */
    record Training(HiddenUnit unit, double hiddenWeightScale) {
        String label() {
            return hiddenWeightScale == 1 ? unit.label() : unit.label() + ", weights × " + (int) hiddenWeightScale;
        }
    }

    /** Loss and accuracy of one run after {@code epoch} epochs, epoch 0 being the initial network: a row of {@code convergence}. */
    record Epoch(HiddenUnit hidden, double hiddenWeightScale, int epoch, double trainLoss, double heldoutLoss, double heldoutAccuracy) {
    }

    /** The network of every run, before training. */
    static MultiLayerNetwork network(Training training, int width, long seed) {
        MultiLayerNetwork net = Networks.mlp(Digits.PIXELS).hiddenLayers(LAYERS, width)
                .activation(training.unit().activation()).output(10, Activation.SOFTMAX, LossFunction.MCXENT)
                .sgd(LEARNING_RATE).seed(seed).build();
        for (int layer = 0; layer < LAYERS; layer++) {
            net.getParam(layer + "_W").muli(training.hiddenWeightScale());
        }
        return net;
    }

    static List<Epoch> train(Training training, DataSet train, DataSet heldOut, int width, int epochs, long seed) {
        MultiLayerNetwork net = network(training, width, seed);
        Minibatches batches = new Minibatches(train, BATCH, seed);
        List<Epoch> curve = new ArrayList<>();
        for (int e = 0; e <= epochs; e++) {
            if (e > 0) {
                for (DataSet batch : batches.epoch()) {
                    net.fit(batch);
                }
            }
            curve.add(new Epoch(training.unit(), training.hiddenWeightScale(), e, net.score(train), net.score(heldOut),
                    Accuracy.of(net, heldOut)));
        }
        return curve;
    }

    /** What the first hidden layer of each unit's network hands on, before training, for {@code digits}: [digits, width] in DOUBLE. */
    static List<INDArray> firstHiddenLayers(INDArray digits, int width, long seed) {
        List<INDArray> outputs = new ArrayList<>();
        for (HiddenUnit unit : ZeroCenteringChapter.UNITS) {
            outputs.add(network(new Training(unit, 1), width, seed).feedForward(digits, false).get(1).castTo(DataType.DOUBLE));
        }
        return outputs;
    }

    static int width(Lab lab) {
        return lab.size(32, 64);
    }

    static int heldOutDigits(Lab lab) {
        return lab.size(300, 1000);
    }

    static DataSet heldOut(Lab lab, Mnist.Split mnist) {
        return mnist.test().first(heldOutDigits(lab)).tenClass(DataType.FLOAT);
    }

    static void measure(Lab lab, Mnist.Split mnist) throws Exception {
        int width = width(lab);
        int epochs = lab.size(3, 6);
        Digits trainDigits = mnist.train().first(lab.size(800, 2000));
        int heldOutDigits = heldOutDigits(lab);
        int updatesPerEpoch = new Minibatches(trainDigits.tenClass(DataType.FLOAT), BATCH, lab.seed()).perEpoch();
        lab.finding("convergence network", String.format(Locale.ROOT,
                "%d hidden layers of %d units, weights N(0, 1/n_in), SGD lr %.2f, minibatch %d, %d training digits, %d held out",
                LAYERS, width, LEARNING_RATE, BATCH, trainDigits.size(), heldOutDigits));
        lab.finding("convergence training digits", trainDigits.size(), "%.0f");
        lab.finding("convergence epochs", epochs, "%.0f");
        lab.finding("convergence SGD steps per epoch", updatesPerEpoch, "%.0f");
        lab.finding("convergence SGD steps in all", epochs * updatesPerEpoch, "%.0f");
        lab.finding("convergence learning rate", LEARNING_RATE, "%.2f");

        List<Training> runs = new ArrayList<>();
        ZeroCenteringChapter.UNITS.forEach(u -> runs.add(new Training(u, 1)));
        runs.add(new Training(HiddenUnit.SIGMOID, GLOROT_SIGMOID_FACTOR));
        runs.add(new Training(HiddenUnit.CENTRED_SIGMOID, GLOROT_SIGMOID_FACTOR));
        List<List<Epoch>> curves;
        try (Progress progress = lab.progress("convergence", runs.size())) {
            curves = lab.parallel(runs, run -> {
                List<Epoch> curve = train(run, trainDigits.tenClass(DataType.FLOAT), heldOut(lab, mnist), width, epochs, lab.seed());
                progress.step();
                return curve;
            });
        }
        for (int r = 0; r < runs.size(); r++) {
            Epoch last = curves.get(r).get(epochs);
            lab.finding(runs.get(r).label() + ": final training loss", last.trainLoss(), "%.4f");
            lab.finding(runs.get(r).label() + ": final held-out accuracy", last.heldoutAccuracy(), "%.4f");
        }
        lab.table("convergence", curves.stream().flatMap(List::stream).toList());
    }
}
