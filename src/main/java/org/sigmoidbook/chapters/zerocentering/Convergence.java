package org.sigmoidbook.chapters.zerocentering;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.adapter.SingletonDataSetIterator;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Progress;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.Minibatches;
import org.sigmoidbook.toolkit.nn.Networks;
import org.sigmoidbook.toolkit.numerics.Sigmoid;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

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
    record Training(HiddenUnits.Unit unit, double hiddenWeightScale) {
        String label() {
            return hiddenWeightScale == 1 ? unit.name() : unit.name() + ", weights × " + (int) hiddenWeightScale;
        }
    }

    /** Loss and accuracy per epoch of one training run, epoch 0 being the initial network. */
    record Curves(double[] trainLoss, double[] heldOutLoss, double[] heldOutAccuracy) {
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

    static Curves train(Training training, DataSet train, DataSet heldOut, int width, int epochs, long seed) {
        MultiLayerNetwork net = network(training, width, seed);
        Minibatches batches = new Minibatches(train, BATCH, seed);
        Curves curves = new Curves(new double[epochs + 1], new double[epochs + 1], new double[epochs + 1]);
        for (int e = 0; e <= epochs; e++) {
            if (e > 0) {
                for (DataSet batch : batches.epoch()) {
                    net.fit(batch);
                }
            }
            curves.trainLoss()[e] = net.score(train);
            curves.heldOutLoss()[e] = net.score(heldOut);
            curves.heldOutAccuracy()[e] = net.evaluate(new SingletonDataSetIterator(heldOut)).accuracy();
        }
        return curves;
    }

    /** What the first hidden layer of each unit's network hands on, before training, for {@code digits}: [digits, width] in DOUBLE. */
    static List<INDArray> firstHiddenLayers(INDArray digits, int width, long seed) {
        List<INDArray> outputs = new ArrayList<>();
        for (HiddenUnits.Unit unit : HiddenUnits.all()) {
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
        HiddenUnits.all().forEach(u -> runs.add(new Training(u, 1)));
        runs.add(new Training(HiddenUnits.sigmoid(), GLOROT_SIGMOID_FACTOR));
        runs.add(new Training(HiddenUnits.centredSigmoid(), GLOROT_SIGMOID_FACTOR));
        List<Curves> results;
        try (Progress progress = lab.progress("convergence", runs.size())) {
            results = lab.parallel(runs, run -> {
                Curves curves = train(run, trainDigits.tenClass(DataType.FLOAT), heldOut(lab, mnist), width, epochs, lab.seed());
                progress.step();
                return curves;
            });
        }
        StringColumn unit = StringColumn.create("hidden_unit");
        DoubleColumn scale = DoubleColumn.create("hidden_weight_scale");
        IntColumn epoch = IntColumn.create("epoch");
        DoubleColumn trainLoss = DoubleColumn.create("train_loss");
        DoubleColumn heldOutLoss = DoubleColumn.create("held_out_loss");
        DoubleColumn heldOutAccuracy = DoubleColumn.create("held_out_accuracy");
        for (int r = 0; r < runs.size(); r++) {
            Training run = runs.get(r);
            Curves curves = results.get(r);
            for (int e = 0; e <= epochs; e++) {
                unit.append(run.unit().name());
                scale.append(run.hiddenWeightScale());
                epoch.append(e);
                trainLoss.append(curves.trainLoss()[e]);
                heldOutLoss.append(curves.heldOutLoss()[e]);
                heldOutAccuracy.append(curves.heldOutAccuracy()[e]);
            }
            lab.finding(run.label() + ": final training loss", curves.trainLoss()[epochs], "%.4f");
            lab.finding(run.label() + ": final held-out accuracy", curves.heldOutAccuracy()[epochs], "%.4f");
        }
        lab.table("convergence", Table.create("convergence", unit, scale, epoch, trainLoss, heldOutLoss, heldOutAccuracy));
    }
}
