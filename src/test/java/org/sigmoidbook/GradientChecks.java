package org.sigmoidbook;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Finite-difference gradient checks in DOUBLE (epsilon 1e-6, max relative error 1e-3, min absolute
 * error 1e-8). Build the network with {@code .dataType(DataType.DOUBLE).frozen()} (NoOp updater):
 * GradientCheckUtil refuses other updaters.
 */
public final class GradientChecks {

    private GradientChecks() {
    }

    public static void assertPasses(MultiLayerNetwork net, DataSet data) {
        DataType previous = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            boolean passed = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                    .input(data.getFeatures().castTo(DataType.DOUBLE)).labels(data.getLabels().castTo(DataType.DOUBLE))
                    .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)
                    .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false));
            assertTrue(passed, "finite-difference gradient check failed");
        } finally {
            Nd4j.setDefaultDataTypes(previous, previous);
        }
    }
}
