package org.sigmoidbook.chapters.saturation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.sigmoidbook.GradientChecks;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.nn.Networks;

/** Glorot and Bengio's network, its probe steps and the power-law fit, on their own. */
class GlorotRunTest {

    @Test
    void probesAreSpreadEvenlyOnALogScale() {
        assertEquals(List.of(0, 1, 2, 3, 5, 10, 15, 20, 30, 50, 75, 100, 120), GlorotRun.probeSteps(120));
        List<Integer> full = GlorotRun.probeSteps(1000);
        assertEquals(List.of(0, 1, 2, 3, 5, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000), full);
    }

    /** The trend finding is a least-squares slope on log-log axes: a pure power law gives back its exponent. */
    @Test
    void topLayerTrendIsTheExponentOfAPowerLaw() {
        double[] x = {Math.log(100), Math.log(200), Math.log(500), Math.log(1000)};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.log(3) - 0.6 * x[i];
        }
        assertEquals(-0.6, GlorotRun.slope(x, y), 1e-12);
    }

    /** Glorot and Bengio's "standard" initialisation: DL4J's UNIFORM must be uniform in +-1/sqrt(n_in). */
    @Test
    void uniformWeightsAreBoundedByOneOverRootFanIn() {
        MultiLayerNetwork net = Networks.mlp(Digits.PIXELS).hidden(1000).uniformWeights().seed(3).build();
        double[] w = net.getParam("0_W").ravel().toDoubleVector();
        double bound = 1 / Math.sqrt(Digits.PIXELS);
        double max = 0;
        double sumSquares = 0;
        for (double v : w) {
            max = Math.max(max, Math.abs(v));
            sumSquares += v * v;
        }
        assertTrue(max <= bound * (1 + 1e-6), "largest |w| " + max + " exceeds " + bound);
        assertTrue(max > bound * 0.999, "784,000 draws should come close to the bound");
        assertEquals(bound / Math.sqrt(3), Math.sqrt(sumSquares / w.length), bound / Math.sqrt(3) * 0.01,
                "a uniform draw on [-b, b] has standard deviation b / sqrt(3)");
    }

    @Test
    void glorotStyleNetworkPassesTheGradientCheck() {
        Nd4j.getRandom().setSeed(11);
        DataSet data = new DataSet(Nd4j.rand(DataType.DOUBLE, 5, 12), Nd4j.eye(10).getRows(0, 3, 5, 7, 9).castTo(DataType.DOUBLE));
        MultiLayerNetwork net = Networks.mlp(12).hiddenLayers(4, 6).activation(Activation.SIGMOID)
                .output(10, Activation.SOFTMAX, LossFunction.MCXENT).uniformWeights()
                .dataType(DataType.DOUBLE).frozen().seed(2).build();
        Networks.scaleWeights(net, 3.0);
        GradientChecks.assertPasses(net, data);
    }
}
