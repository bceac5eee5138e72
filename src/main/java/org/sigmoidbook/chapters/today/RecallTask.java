package org.sigmoidbook.chapters.today;

import java.util.SplittableRandom;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sequences that need memory, after the adding problem of Hochreiter and Schmidhuber (1997) with one
 * marked value instead of two. Each of the {@code steps} time steps has two inputs: a value drawn
 * uniformly from [-1, 1], and a marker that is 1 at one of the first {@value #MARKED_WITHIN} steps
 * and 0 elsewhere. The target, read after the last step, is the marked value: the network must write
 * it into its memory, keep it through every later value, and not overwrite it.
 */
public final class RecallTask {

    /** The marker falls on one of the first this many steps. */
    public static final int MARKED_WITHIN = 3;
    public static final int INPUTS = 2;
    /** The variance of the target, uniform on [-1, 1]: the squared error of always answering 0. */
    public static final double TARGET_VARIANCE = 1.0 / 3;

    /** Training and held-out sequences, read-only. */
    public record Data(int steps, DataSet train, DataSet test) {
        public static Data of(int steps, int trainingSequences, int heldoutSequences, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            return new Data(steps, sequences(trainingSequences, steps, random), sequences(heldoutSequences, steps, random));
        }
    }

    private RecallTask() {
    }

    /** {@code n} sequences in DL4J's recurrent layout [n, 2 inputs, steps], with their targets [n, 1]. */
    public static DataSet sequences(int n, int steps, SplittableRandom random) {
        float[] inputs = new float[n * INPUTS * steps];
        float[] targets = new float[n];
        for (int i = 0; i < n; i++) {
            int marked = random.nextInt(MARKED_WITHIN);
            for (int t = 0; t < steps; t++) {
                float value = (float) (2 * random.nextDouble() - 1);
                inputs[i * INPUTS * steps + t] = value;
                if (t == marked) {
                    inputs[(i * INPUTS + 1) * steps + t] = 1;
                    targets[i] = value;
                }
            }
        }
        return new DataSet(Nd4j.create(inputs, new long[]{n, INPUTS, steps}), Nd4j.create(targets, new long[]{n, 1}));
    }

    /** The network's mean squared error on {@code data} over {@link #TARGET_VARIANCE}: 1 for always answering 0, 0 for perfect recall. */
    public static double relativeError(MultiLayerNetwork net, DataSet data) {
        INDArray error = net.output(data.getFeatures(), false).sub(data.getLabels()).castTo(DataType.DOUBLE);
        return error.mul(error).meanNumber().doubleValue() / TARGET_VARIANCE;
    }
}
