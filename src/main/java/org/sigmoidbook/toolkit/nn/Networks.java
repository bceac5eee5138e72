package org.sigmoidbook.toolkit.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Builds the fully connected networks the book trains, fluently:
 * <pre>{@code
 * MultiLayerNetwork net = Networks.mlp(784).hidden(30, 30).activation(Activation.SIGMOID)
 *         .output(10, Activation.SIGMOID, LossFunction.XENT).seed(1).build();
 * }</pre>
 * Defaults: SGD with learning rate 0.1, weights N(0, 1/n_in), zero biases, FLOAT, no regularisation.
 */
public final class Networks {

    private Networks() {
    }

    public static Mlp mlp(int inputs) {
        return new Mlp(inputs);
    }

    /** Replaces every bias with a draw from N(mean, std^2), as in Nielsen's networks (N(0, 1)). */
    public static void normalBiases(MultiLayerNetwork net, double mean, double std, long seed) {
        Random rng = new Random(seed);
        for (int layer = 0; layer < net.getnLayers(); layer++) {
            INDArray bias = net.getParam(layer + "_b");
            double[] draws = new double[(int) bias.length()];
            for (int i = 0; i < draws.length; i++) {
                draws[i] = mean + std * rng.nextGaussian();
            }
            bias.assign(Nd4j.createFromArray(draws).reshape(bias.shape()).castTo(bias.dataType()));
        }
    }

    /** Multiplies every weight matrix (not the biases) by {@code factor}. */
    public static void scaleWeights(MultiLayerNetwork net, double factor) {
        for (int layer = 0; layer < net.getnLayers(); layer++) {
            net.getParam(layer + "_W").muli(factor);
        }
    }

    public static final class Mlp {
        private final int inputs;
        private final List<Integer> hidden = new ArrayList<>();
        private IActivation hiddenActivation = Activation.SIGMOID.getActivationFunction();
        private int outputs = 10;
        private IActivation outputActivation = Activation.SOFTMAX.getActivationFunction();
        private ILossFunction loss = LossFunction.MCXENT.getILossFunction();
        private IWeightInit weightInit = WeightInit.NORMAL.getWeightInitFunction();
        private IUpdater updater = new Sgd(0.1);
        private double l2;
        private long seed = 42;
        private DataType dataType = DataType.FLOAT;

        private Mlp(int inputs) {
            this.inputs = inputs;
        }

        /** Hidden layer widths, first to last. */
        public Mlp hidden(int... widths) {
            for (int width : widths) {
                hidden.add(width);
            }
            return this;
        }

        /** {@code count} hidden layers of the same width. */
        public Mlp hiddenLayers(int count, int width) {
            for (int i = 0; i < count; i++) {
                hidden.add(width);
            }
            return this;
        }

        public Mlp activation(Activation activation) {
            return activation(activation.getActivationFunction());
        }

        public Mlp activation(IActivation activation) {
            this.hiddenActivation = activation;
            return this;
        }

        public Mlp output(int units, Activation activation, LossFunction loss) {
            return output(units, activation, loss.getILossFunction());
        }

        /** An output layer with a loss object, such as {@code BinaryCrossEntropyWithLogits} with IDENTITY. */
        public Mlp output(int units, Activation activation, ILossFunction loss) {
            this.outputs = units;
            this.outputActivation = activation.getActivationFunction();
            this.loss = loss;
            return this;
        }

        /** Weights N(0, 1/n_in): standard deviation 1/sqrt(n_in) (DL4J's NORMAL). The default. */
        public Mlp normalWeights() {
            return weights(WeightInit.NORMAL.getWeightInitFunction());
        }

        /** Weights uniform in [-1/sqrt(n_in), 1/sqrt(n_in)], Glorot and Bengio's "standard" initialisation. */
        public Mlp uniformWeights() {
            return weights(WeightInit.UNIFORM.getWeightInitFunction());
        }

        public Mlp weights(IWeightInit init) {
            this.weightInit = init;
            return this;
        }

        public Mlp updater(IUpdater updater) {
            this.updater = updater;
            return this;
        }

        /** Plain gradient descent with the given learning rate. */
        public Mlp sgd(double learningRate) {
            return updater(new Sgd(learningRate));
        }

        /** No parameter updates: for measuring gradients and for gradient checks. */
        public Mlp frozen() {
            return updater(new NoOp());
        }

        /** L2 weight decay coefficient as DL4J applies it (lambda / n for Nielsen's lambda and n examples). */
        public Mlp l2(double coefficient) {
            this.l2 = coefficient;
            return this;
        }

        public Mlp seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Mlp dataType(DataType dataType) {
            this.dataType = dataType;
            return this;
        }

        public MultiLayerConfiguration configuration() {
            NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                    .seed(seed).dataType(dataType).updater(updater).weightInit(weightInit).biasInit(0.0)
                    .l2(l2)
                    .list();
            int in = inputs;
            for (int width : hidden) {
                layers.layer(new DenseLayer.Builder().nIn(in).nOut(width).activation(hiddenActivation).build());
                in = width;
            }
            layers.layer(new OutputLayer.Builder(loss).nIn(in).nOut(outputs).activation(outputActivation).build());
            return layers.build();
        }

        public MultiLayerNetwork build() {
            MultiLayerNetwork net = new MultiLayerNetwork(configuration());
            net.init();
            return net;
        }
    }
}
