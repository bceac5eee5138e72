package org.sigmoidbook.chapters.outputlayer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.sigmoidbook.book.Progress;
import org.sigmoidbook.toolkit.nn.GradientRecorder;
import org.sigmoidbook.toolkit.nn.HiddenUnit;
import org.sigmoidbook.toolkit.nn.Minibatches;

/**
 * One training run of the chapter's network: held-out accuracy and loss after every epoch, and
 * optionally (for the runs the training-curves figures show) the training loss and the first
 * hidden layer's gradient at every update. The minibatch order depends on the seed alone, so runs
 * of one seed with different hidden units or remedies see the same minibatches.
 */
final class Training {

    /** Held-out accuracy that counts as having learned the task. */
    static final double LEARNED = 0.9;
    /** A long run stops this many epochs after it first passes {@link #LEARNED}. */
    static final int EPOCHS_AFTER_LEARNING = 20;

    /**
     * What to train: {@code epochs} epochs, or for {@link Remedy#LONG} up to {@code epochs}, stopping
     * early once learned; {@code recordedEpochs} epochs are recorded in detail (0 for none).
     */
    record Run(HiddenUnit hidden, Remedy remedy, long seed, int epochs, int recordedEpochs) {
    }

    /** What a run measured; arrays are indexed by epoch, 0 being the initial network. */
    record Trace(Run run, double[] accuracy, double[] loss, Recording recording) {

        int lastEpoch() {
            return accuracy.length - 1;
        }

        /** The first epoch up to {@code epoch} whose held-out accuracy passed {@link #LEARNED}, or -1. */
        int firstLearnedBy(int epoch) {
            for (int e = 0; e <= Math.min(epoch, lastEpoch()); e++) {
                if (accuracy[e] > LEARNED) {
                    return e;
                }
            }
            return -1;
        }
    }

    /**
     * The recorded epochs of a run: the training loss after each, and the first hidden layer's
     * gradient norm (the mean over the minibatch of dC/dW1) per minibatch: row 0 at the initial
     * weights on the first epoch's minibatches, row e > 0 at each update of epoch e.
     */
    record Recording(double[] trainLoss, double[][] firstLayerNorms) {
    }

    private Training() {
    }

    static Trace train(Run run, DigitTask task, Progress progress) {
        MultiLayerNetwork net = run.remedy().network(run.hidden(), run.seed());
        Minibatches minibatches = Minibatches.inPlace(task.train(), OutputLayerChapter.BATCH_SIZE, run.seed());
        List<DataSet> batches = minibatches.epoch();
        List<DigitTask.Score> scores = new ArrayList<>();
        scores.add(task.score(net));
        Recorder recorder = run.recordedEpochs() > 0 ? new Recorder(net, task, batches, run.recordedEpochs()) : null;
        int learnedAt = -1;
        for (int epoch = 1; epoch <= run.epochs(); epoch++) {
            if (epoch > 1) {
                batches = minibatches.epoch();
            }
            for (DataSet batch : batches) {
                net.fit(batch.getFeatures(), batch.getLabels());
            }
            DigitTask.Score score = task.score(net);
            scores.add(score);
            if (recorder != null) {
                recorder.epochDone(epoch);
            }
            progress.step();
            learnedAt = learnedAt < 0 && score.accuracy() > LEARNED ? epoch : learnedAt;
            if (run.remedy() == Remedy.LONG && learnedAt > 0 && epoch >= learnedAt + EPOCHS_AFTER_LEARNING) {
                break;
            }
        }
        return new Trace(run, scores.stream().mapToDouble(DigitTask.Score::accuracy).toArray(),
                scores.stream().mapToDouble(DigitTask.Score::loss).toArray(), recorder == null ? null : recorder.recording());
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
            if (epoch >= trainLoss.length) {
                return;
            }
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
