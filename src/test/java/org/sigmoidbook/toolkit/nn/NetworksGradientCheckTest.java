package org.sigmoidbook.toolkit.nn;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.sigmoidbook.GradientChecks;
import org.sigmoidbook.toolkit.data.Mnist;

class NetworksGradientCheckTest {

    @Test
    /** Same layer types, activations, loss and initialisation as the vanishing chapter, at a size that checks in a second. */
    void nielsenStyleSigmoidNetworkPassesTheFiniteDifferenceCheck() throws Exception {
        Nd4j.getRandom().setSeed(5);
        var data = new DataSet(Nd4j.rand(DataType.DOUBLE, 6, 12), Mnist.load().train().first(6).oneHot(DataType.DOUBLE));
        var net = Networks.mlp(12).hidden(5, 5).activation(Activation.SIGMOID)
                .output(10, Activation.SIGMOID, LossFunction.XENT)
                .dataType(DataType.DOUBLE).frozen().seed(1).build();
        Networks.normalBiases(net, 0, 1, 1);
        GradientChecks.assertPasses(net, data);
    }
}
