package org.sigmoidbook.chapters.outputlayer;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.nn.HiddenUnit;
import org.sigmoidbook.toolkit.nn.Networks;

/**
 * One cell's training run: the hidden units and the remedy applied to them, the output head, the
 * depth, the SGD learning rate, how much it trains and its seed. Two experiments that ask for the
 * same setup share its run. The seed fixes the initial weights and the minibatch order, so runs of
 * one seed see the same minibatches, and with the same hidden units and depth start from the same
 * hidden weights whatever their head.
 */
record Setup(HiddenUnit hidden, Remedy remedy, Head head, int hiddenLayers, double learningRate, Budget budget, int seed) {

    /** The network at its initial weights. */
    MultiLayerNetwork build() {
        if (remedy == Remedy.BATCHNORM) {
            return batchNormalised();
        }
        MultiLayerNetwork net = spec(hidden).build();
        switch (remedy) {
            case X4 -> Networks.scaleWeights(net, Remedy.SIGMOID_GAIN);
            case ORTHOGONAL -> Orthogonal.initialise(net, Remedy.SIGMOID_GAIN, seed);
            case SIGMOID_AS_TANH -> SigmoidAsTanh.copy(spec(HiddenUnit.TANH).build(), net);
            default -> {
            }
        }
        return net;
    }

    /** Weights N(0, 1/n_in) (DL4J's XAVIER for that remedy, He's N(0, 2/n_in) with ReLU), biases 0. */
    private Networks.Mlp spec(HiddenUnit units) {
        WeightInit init = units == HiddenUnit.RELU ? WeightInit.RELU : remedy == Remedy.XAVIER ? WeightInit.XAVIER : WeightInit.NORMAL;
        return Networks.mlp(Digits.PIXELS).hiddenLayers(hiddenLayers, OutputLayerChapter.WIDTH).activation(units.activation())
                .output(head.outputs(), head.activation(), head.lossFunction()).weights(init.getWeightInitFunction())
                .updater(updater()).seed(seed);
    }

    private IUpdater updater() {
        return remedy == Remedy.ADAM ? new Adam(Remedy.ADAM_LEARNING_RATE) : new Sgd(learningRate);
    }

    /**
     * Each hidden layer as a weighted sum without bias (batch normalisation's shift replaces it),
     * DL4J's BatchNormalization (scale 1 and shift 0 at the start, running averages for inference),
     * then the units.
     */
    private MultiLayerNetwork batchNormalised() {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .updater(updater()).weightInit(WeightInit.NORMAL).biasInit(0.0).list();
        int in = Digits.PIXELS;
        for (int l = 0; l < hiddenLayers; l++) {
            layers.layer(new DenseLayer.Builder().nIn(in).nOut(OutputLayerChapter.WIDTH).activation(Activation.IDENTITY).hasBias(false).build());
            layers.layer(new BatchNormalization.Builder().nIn(OutputLayerChapter.WIDTH).nOut(OutputLayerChapter.WIDTH).build());
            layers.layer(new ActivationLayer.Builder().activation(hidden.activation()).build());
            in = OutputLayerChapter.WIDTH;
        }
        layers.layer(new OutputLayer.Builder(head.lossFunction()).nIn(in).nOut(head.outputs()).activation(head.activation()).build());
        MultiLayerNetwork net = new MultiLayerNetwork(layers.build());
        net.init();
        return net;
    }
}
