package org.sigmoidbook.chapters.crossentropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sigmoidbook.BookTest;
import org.sigmoidbook.book.run.Notes;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.BinaryCrossEntropyWithLogits;

/** The code snippet of chapter 8's page, built and trained. */
class CrossEntropyPageTest {

    /** The configuration the page recommends builds, trains, and outputs the logit. */
    @BookTest
    void thePagesFusedLossSnippetTrainsAndOutputsTheLogit() throws Exception {
        String page = Notes.template("08-cross-entropy").orElseThrow();
        assertTrue(page.contains(".layer(new OutputLayer.Builder(new BinaryCrossEntropyWithLogits())"));
        assertTrue(page.contains(".activation(Activation.IDENTITY).nIn(30).nOut(1).build())"));
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .updater(new Sgd(0.5))
                .list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(30).activation(Activation.SIGMOID).build())
                .layer(new OutputLayer.Builder(new BinaryCrossEntropyWithLogits())
                        .activation(Activation.IDENTITY).nIn(30).nOut(1).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSet batch = Mnist.load().train().first(200).onlyClasses(4, 9).binary(9, DataType.FLOAT);
        double before = net.score(batch);
        for (int step = 0; step < 20; step++) {
            net.fit(batch);
        }
        assertTrue(net.score(batch) < before, "the loss did not fall: " + before + " -> " + net.score(batch));
        INDArray hidden = net.feedForwardToLayer(0, batch.getFeatures(), false).get(1);
        INDArray logits = hidden.mmul(net.getParam("1_W")).addiRowVector(net.getParam("1_b"));
        INDArray output = net.output(batch.getFeatures());
        assertEquals(0.0, output.sub(logits).amaxNumber().doubleValue(), 1e-5);
        double p = Transforms.sigmoid(output).getDouble(0);
        assertTrue(p > 0 && p < 1);
    }
}
