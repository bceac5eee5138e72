package org.sigmoidbook.chapters.saturation;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.sigmoidbook.GradientChecks;
import org.sigmoidbook.toolkit.nn.Networks;

/** The single sigmoid neurons of the frozen-neuron experiment, on their own. */
class FrozenNeuronTest {

    @Test
    void singleSigmoidNeuronsPassTheGradientCheck() {
        Nd4j.getRandom().setSeed(12);
        DataSet data = new DataSet(Nd4j.rand(DataType.DOUBLE, 6, 10),
                Nd4j.createFromArray(new double[][]{{1}, {0}, {1}, {1}, {0}, {0}}));
        for (LossFunction loss : new LossFunction[]{LossFunction.MSE, LossFunction.XENT}) {
            MultiLayerNetwork net = Networks.mlp(10).output(1, Activation.SIGMOID, loss)
                    .dataType(DataType.DOUBLE).frozen().seed(4).build();
            net.getParam("0_b").assign(2.0);
            GradientChecks.assertPasses(net, data);
        }
    }
}
