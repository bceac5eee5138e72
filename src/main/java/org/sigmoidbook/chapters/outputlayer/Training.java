package org.sigmoidbook.chapters.outputlayer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.sigmoidbook.book.Progress;
import org.sigmoidbook.toolkit.nn.GradientRecorder;
import org.sigmoidbook.toolkit.nn.Minibatches;
import tech.tablesaw.api.Table;

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
    record Run(Activation hidden, Remedy remedy, long seed, int epochs, int recordedEpochs) {

        String hiddenName() {
            return name(hidden);
        }
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

    static String name(Activation activation) {
        return activation.name().toLowerCase(Locale.ROOT);
    }

    static Trace train(Run run, DigitTask task, Progress progress) {
        MultiLayerNetwork net = run.remedy().network(run.hidden(), run.seed());
        Minibatches minibatches = new Minibatches(task.train(), OutputLayerChapter.BATCH_SIZE, run.seed());
        List<DataSet> batches = minibatches.epoch();
        List<DigitTask.Score> scores = new ArrayList<>();
        scores.add(task.score(net));
        boolean recording = run.recordedEpochs() > 0;
        double[] trainLoss = new double[run.recordedEpochs() + 1];
        double[][] norms = new double[run.recordedEpochs() + 1][];
        GradientRecorder recorder = new GradientRecorder();
        if (recording) {
            trainLoss[0] = net.score(task.train());
            norms[0] = batches.stream().mapToDouble(b -> GradientRecorder.meanGradients(net, b).get(0).weightNorm()).toArray();
            net.setListeners(recorder);
        }
        int learnedAt = -1;
        int updatesRecorded = 0;
        for (int epoch = 1; epoch <= run.epochs(); epoch++) {
            if (epoch > 1) {
                batches = minibatches.epoch();
            }
            for (DataSet batch : batches) {
                net.fit(batch.getFeatures(), batch.getLabels());
            }
            DigitTask.Score score = task.score(net);
            scores.add(score);
            if (epoch <= run.recordedEpochs()) {
                trainLoss[epoch] = net.score(task.train());
                double[] all = firstLayerNorms(recorder.table());
                norms[epoch] = Arrays.copyOfRange(all, updatesRecorded, all.length);
                updatesRecorded = all.length;
                if (epoch == run.recordedEpochs()) {
                    net.setListeners();
                }
            }
            progress.step();
            learnedAt = learnedAt < 0 && score.accuracy() > LEARNED ? epoch : learnedAt;
            if (run.remedy() == Remedy.LONG && learnedAt > 0 && epoch >= learnedAt + EPOCHS_AFTER_LEARNING) {
                break;
            }
        }
        return new Trace(run, scores.stream().mapToDouble(DigitTask.Score::accuracy).toArray(),
                scores.stream().mapToDouble(DigitTask.Score::loss).toArray(), recording ? new Recording(trainLoss, norms) : null);
    }

    /** The first hidden layer's gradient norm at every update recorded so far. */
    private static double[] firstLayerNorms(Table recorded) {
        Table first = recorded.where(recorded.intColumn("layer").isEqualTo(1));
        return first.doubleColumn("weight_grad_norm").asDoubleArray();
    }
}
