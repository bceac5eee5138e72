package org.sigmoidbook.chapters.outputlayer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.sigmoidbook.book.Progress;
import org.sigmoidbook.toolkit.nn.GradientRecorder;
import org.sigmoidbook.toolkit.nn.Minibatches;

/**
 * One training run of a {@link Setup}: held-out accuracy and loss after every epoch, the held-out
 * calibration at the end, and optionally (for the runs the training-curve figures and the
 * gradient ratios use) the training loss and the first hidden layer's gradient at every update.
 * The minibatch order depends on the seed alone.
 */
final class Training {

    /** Held-out accuracy that counts as having learned the task. */
    static final double LEARNED = 0.9;
    /** A long run stops this many epochs after it first passes {@link #LEARNED}. */
    static final int EPOCHS_AFTER_LEARNING = 5;

    /**
     * What a run measured; arrays are indexed by epoch, 0 being the initial network, which is scored
     * (at the cost of a forward pass over the held-out digits) only where a table shows it, and NaN
     * elsewhere.
     */
    record Trace(Setup setup, double[] accuracy, double[] loss, double ece, Recording recording) {

        int lastEpoch() {
            return accuracy.length - 1;
        }

        double finalAccuracy() {
            return accuracy[lastEpoch()];
        }

        double finalLoss() {
            return loss[lastEpoch()];
        }

        /** The first epoch after which held-out accuracy passed {@link #LEARNED}, or null. */
        Integer firstLearned() {
            for (int e = 1; e <= lastEpoch(); e++) {
                if (accuracy[e] > LEARNED) {
                    return e;
                }
            }
            return null;
        }
    }

    /**
     * A run's training loss after each epoch, and the first hidden layer's gradient norm (the mean
     * over the minibatch of dC/dW1) per minibatch: row 0 at the initial weights on the first
     * epoch's minibatches, row e > 0 at each update of epoch e.
     */
    record Recording(double[] trainLoss, double[][] firstLayerNorms) {
    }

    private Training() {
    }

    static Trace train(Setup setup, DigitTask task, boolean record, Progress progress) {
        MultiLayerNetwork net = setup.build();
        Minibatches minibatches = Minibatches.inPlace(task.train(setup.head()), OutputLayerChapter.BATCH_SIZE, setup.seed());
        List<DataSet> batches = minibatches.epoch();
        List<DigitTask.Score> scores = new ArrayList<>();
        boolean scoreInitial = record || setup.remedy() == Remedy.LONG;
        scores.add(scoreInitial ? task.score(net, setup.head()) : new DigitTask.Score(Double.NaN, Double.NaN, Double.NaN));
        Recorder recorder = record ? new Recorder(net, task, batches, setup.budget().epochs()) : null;
        int learnedAt = -1;
        for (int epoch = 1; epoch <= setup.budget().epochs(); epoch++) {
            if (epoch > 1) {
                batches = minibatches.epoch();
            }
            for (DataSet batch : batches) {
                net.fit(batch.getFeatures(), batch.getLabels());
            }
            DigitTask.Score score = task.score(net, setup.head());
            scores.add(score);
            if (recorder != null) {
                recorder.epochDone(epoch);
            }
            progress.step();
            learnedAt = learnedAt < 0 && score.accuracy() > LEARNED ? epoch : learnedAt;
            if (setup.remedy() == Remedy.LONG && learnedAt > 0 && epoch >= learnedAt + EPOCHS_AFTER_LEARNING) {
                break;
            }
        }
        return new Trace(setup, scores.stream().mapToDouble(DigitTask.Score::accuracy).toArray(),
                scores.stream().mapToDouble(DigitTask.Score::loss).toArray(), scores.get(scores.size() - 1).ece(),
                recorder == null ? null : recorder.recording());
    }

    /** Fills a {@link Recording} of the first {@code epochs} epochs of training {@code net}, then lets go of it. */
    private static final class Recorder {
        private final MultiLayerNetwork net;
        private final DigitTask task;
        private final GradientRecorder gradients = new GradientRecorder();
        private final double[] trainLoss;
        private final double[][] norms;
        private int updatesSeen;

        Recorder(MultiLayerNetwork net, DigitTask task, List<DataSet> firstBatches, int epochs) {
            this.net = net;
            this.task = task;
            trainLoss = new double[epochs + 1];
            norms = new double[epochs + 1][];
            trainLoss[0] = net.score(task.train());
            norms[0] = firstBatches.stream().mapToDouble(b -> GradientRecorder.meanGradients(net, b).get(0).weightNorm()).toArray();
            net.setListeners(gradients);
        }

        void epochDone(int epoch) {
            trainLoss[epoch] = net.score(task.train());
            double[] all = gradients.updates().stream().filter(u -> u.layer() == 1).mapToDouble(GradientRecorder.Update::weightGradNorm).toArray();
            norms[epoch] = Arrays.copyOfRange(all, updatesSeen, all.length);
            updatesSeen = all.length;
            if (epoch == trainLoss.length - 1) {
                net.setListeners();
            }
        }

        Recording recording() {
            return new Recording(trainLoss, norms);
        }
    }
}
