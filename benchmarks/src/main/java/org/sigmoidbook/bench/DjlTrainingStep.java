package org.sigmoidbook.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.sigmoidbook.chapters.outputlayer.OutputLayerChapter;
import org.sigmoidbook.runtime.Backend;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.torch.Torch;

/**
 * One training step of chapter 7's network (784, five hidden layers of 32 sigmoids, one sigmoid
 * output, binary cross-entropy, SGD with learning rate 0.1, minibatch 32, float32) in PyTorch through
 * DJL, on one libtorch thread, the peer of {@link TrainingStep} (DL4J) and benchmarks/peer/step_numpy.py:
 * <ul>
 *   <li>{@code trainer}: DJL's high-level API, as its examples train: a SequentialBlock of Linear and
 *       sigmoid blocks, a Trainer with Loss.sigmoidBinaryCrossEntropyLoss() (from the logit) and
 *       Optimizer.sgd(), a GradientCollector and trainer.step() per minibatch;</li>
 *   <li>{@code ops}: plain NDArray operations with autograd off, the forward pass, the backward pass
 *       written out and the SGD update in place, line for line the NumPy peer.</li>
 * </ul>
 * The same 40 minibatches of 4s and 9s as TrainingStep, cycled. Prints what TrainingStep prints:
 * "ms-per-step cpu-ms-per-step peak-rss-mib", the median over 10 blocks of 500 steps of wall time
 * per step after 1,000 warm-up steps, the process's CPU time per timed step, and its peak resident memory.
 */
public final class DjlTrainingStep {

    private static final int WARMUP_STEPS = 1_000;
    private static final int BLOCKS = 10;
    private static final int STEPS_PER_BLOCK = 500;
    private static final float LEARNING_RATE = (float) OutputLayerChapter.LEARNING_RATE;

    private DjlTrainingStep() {
    }

    /** One way of taking a step on a minibatch of features and labels. */
    private interface Step {
        void take(NDArray features, NDArray labels);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1 || !List.of("trainer", "ops").contains(args[0])) {
            throw new IllegalArgumentException("usage: DjlTrainingStep trainer|ops");
        }
        Backend.skipResidentMemoryCheck();
        String problem = Backend.start();
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        Torch.Start torch = Torch.start();
        if (!torch.available()) {
            throw new IllegalStateException(torch.problem());
        }
        Digits fours = Mnist.load().train().onlyClasses(4, 9);
        List<DataSet> batches = fours.first(OutputLayerChapter.BATCH_SIZE * 40).binary(9, DataType.FLOAT).batchBy(OutputLayerChapter.BATCH_SIZE);
        try (NDManager manager = Torch.manager()) {
            List<NDArray[]> data = new ArrayList<>();
            for (DataSet batch : batches) {
                data.add(new NDArray[]{manager.create(batch.getFeatures().toFloatMatrix()), manager.create(batch.getLabels().toFloatMatrix())});
            }
            if (args[0].equals("trainer")) {
                try (Model model = Model.newInstance("step", Torch.ENGINE)) {
                    model.setBlock(network());
                    DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss())
                            .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(LEARNING_RATE)).build());
                    try (Trainer trainer = model.newTrainer(config)) {
                        trainer.initialize(new Shape(OutputLayerChapter.BATCH_SIZE, Digits.PIXELS));
                        time(manager, data, (x, y) -> {
                            try (GradientCollector collector = trainer.newGradientCollector()) {
                                NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
                                collector.backward(trainer.getLoss().evaluate(new NDList(y), new NDList(logits)));
                            }
                            trainer.step();
                        });
                    }
                }
            } else {
                time(manager, data, new PlainStep(manager));
            }
        }
    }

    private static SequentialBlock network() {
        SequentialBlock net = new SequentialBlock();
        for (int layer = 0; layer < OutputLayerChapter.HIDDEN_LAYERS; layer++) {
            net.add(Linear.builder().setUnits(OutputLayerChapter.WIDTH).build()).add(Activation.sigmoidBlock());
        }
        return net.add(Linear.builder().setUnits(1).build());
    }

    /** Warm-up, then the median wall time per step over blocks; each step's temporary arrays are freed with its scope. */
    private static void time(NDManager manager, List<NDArray[]> data, Step step) throws IOException {
        int taken = 0;
        for (; taken < WARMUP_STEPS; taken++) {
            take(manager, data.get(taken % data.size()), step);
        }
        double[] perStep = new double[BLOCKS];
        long cpuStart = TrainingStep.processCpuNanos();
        for (int block = 0; block < BLOCKS; block++) {
            long start = System.nanoTime();
            for (int i = 0; i < STEPS_PER_BLOCK; i++, taken++) {
                take(manager, data.get(taken % data.size()), step);
            }
            perStep[block] = (System.nanoTime() - start) / 1e6 / STEPS_PER_BLOCK;
        }
        double cpuPerStep = (TrainingStep.processCpuNanos() - cpuStart) / 1e6 / (BLOCKS * STEPS_PER_BLOCK);
        Arrays.sort(perStep);
        double median = (perStep[BLOCKS / 2 - 1] + perStep[BLOCKS / 2]) / 2;
        System.out.printf(Locale.ROOT, "%.3f %.3f %d%n", median, cpuPerStep, TrainingStep.peakResidentMib());
    }

    private static void take(NDManager manager, NDArray[] batch, Step step) {
        try (NDManager scope = manager.newSubManager()) {
            batch[0].tempAttach(scope);
            batch[1].tempAttach(scope);
            step.take(batch[0], batch[1]);
        }
    }

    /** The NumPy peer's step in DJL NDArray operations: weights N(0, 1/n_in), biases 0, updated in place. */
    private static final class PlainStep implements Step {
        private final List<NDArray> weights = new ArrayList<>();
        private final List<NDArray> biases = new ArrayList<>();

        PlainStep(NDManager manager) {
            long inputs = Digits.PIXELS;
            manager.getEngine().setRandomSeed(1);
            for (int layer = 0; layer <= OutputLayerChapter.HIDDEN_LAYERS; layer++) {
                long outputs = layer < OutputLayerChapter.HIDDEN_LAYERS ? OutputLayerChapter.WIDTH : 1;
                weights.add(manager.randomNormal(new Shape(inputs, outputs)).divi(Math.sqrt(inputs)));
                biases.add(manager.zeros(new Shape(outputs)));
                inputs = outputs;
            }
        }

        @Override
        public void take(NDArray x, NDArray y) {
            List<NDArray> activations = new ArrayList<>(List.of(x));
            for (int layer = 0; layer < weights.size(); layer++) {
                activations.add(activations.get(layer).matMul(weights.get(layer)).add(biases.get(layer)).getNDArrayInternal().sigmoid());
            }
            NDArray delta = activations.get(weights.size()).sub(y).div(x.getShape().get(0));
            for (int layer = weights.size() - 1; layer >= 0; layer--) {
                NDArray a = activations.get(layer);
                NDArray gradW = a.transpose().matMul(delta);
                NDArray gradB = delta.sum(new int[]{0});
                if (layer > 0) {
                    delta = delta.matMul(weights.get(layer).transpose()).mul(a).mul(a.neg().add(1));
                }
                weights.get(layer).subi(gradW.mul(LEARNING_RATE));
                biases.get(layer).subi(gradB.mul(LEARNING_RATE));
            }
        }
    }
}
