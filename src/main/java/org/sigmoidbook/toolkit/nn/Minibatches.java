package org.sigmoidbook.toolkit.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Minibatches for stochastic gradient descent: the examples in a fresh seeded random order every
 * epoch, cut into batches of a fixed size (a short last batch is kept). Same seed, same batches.
 */
public final class Minibatches {

    private final DataSet data;
    private final int batchSize;
    private final long seed;
    private final boolean inPlace;
    private INDArray shuffledFeatures;
    private INDArray shuffledLabels;
    private List<DataSet> batches;
    private int epoch = -1;
    private int next;

    public Minibatches(DataSet data, int batchSize, long seed) {
        this(data, batchSize, seed, false);
    }

    private Minibatches(DataSet data, int batchSize, long seed, boolean inPlace) {
        this.data = data;
        this.batchSize = batchSize;
        this.seed = seed;
        this.inPlace = inPlace;
    }

    /**
     * The same batches in the same order, but every epoch refills the same arrays instead of
     * allocating new ones, which saves about a fifth of a small network's training time here: a
     * batch holds its examples only until the next epoch starts.
     */
    public static Minibatches inPlace(DataSet data, int batchSize, long seed) {
        return new Minibatches(data, batchSize, seed, true);
    }

    /** The next minibatch; a new epoch, in a new order, starts when the previous one is used up. */
    public DataSet next() {
        if (batches == null || next == batches.size()) {
            startEpoch();
        }
        return batches.get(next++);
    }

    /** Every minibatch of the next full epoch, in order. */
    public List<DataSet> epoch() {
        startEpoch();
        next = batches.size();
        return batches;
    }

    /** How many epochs have been started so far. */
    public int epochsStarted() {
        return epoch + 1;
    }

    public int perEpoch() {
        return (data.numExamples() + batchSize - 1) / batchSize;
    }

    private void startEpoch() {
        epoch++;
        int n = data.numExamples();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed * 1_000_003L + epoch);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        if (inPlace) {
            refill(order);
        } else {
            INDArray features = examples(data.getFeatures(), order);
            INDArray labels = examples(data.getLabels(), order);
            batches = new ArrayList<>();
            for (int from = 0; from < n; from += batchSize) {
                INDArrayIndex rows = NDArrayIndex.interval(from, Math.min(from + batchSize, n));
                batches.add(new DataSet(features.get(rows, NDArrayIndex.all()).dup(), labels.get(rows, NDArrayIndex.all()).dup()));
            }
        }
        next = 0;
    }

    /** Copies the examples in {@code order} into arrays made once, whose row blocks are the batches. */
    private void refill(int[] order) {
        if (shuffledFeatures == null) {
            // In c order, so that their one-row-per-example matrices below are views that pullRows writes into.
            shuffledFeatures = Nd4j.createUninitialized(data.getFeatures().dataType(), data.getFeatures().shape(), 'c');
            shuffledLabels = Nd4j.createUninitialized(data.getLabels().dataType(), data.getLabels().shape(), 'c');
            batches = new ArrayList<>();
            for (int from = 0; from < order.length; from += batchSize) {
                INDArrayIndex rows = NDArrayIndex.interval(from, Math.min(from + batchSize, order.length));
                batches.add(new DataSet(shuffledFeatures.get(rows, NDArrayIndex.all()), shuffledLabels.get(rows, NDArrayIndex.all())));
            }
        }
        Nd4j.pullRows(asRows(data.getFeatures()), asRows(shuffledFeatures), 1, order);
        Nd4j.pullRows(asRows(data.getLabels()), asRows(shuffledLabels), 1, order);
    }

    /**
     * The examples (first index) of {@code array} in the given order, whatever its rank. One native
     * gather: getRows(int...) copies row by row, about 20 times slower on 8,000 digits.
     */
    private static INDArray examples(INDArray array, int[] order) {
        long[] shape = array.shape();
        shape[0] = order.length;
        return Nd4j.pullRows(asRows(array), 1, order).reshape('c', shape);
    }

    /** {@code array} as a matrix with one row per example (sequences included): a view of an array in c order. */
    private static INDArray asRows(INDArray array) {
        return array.reshape('c', array.size(0), array.length() / array.size(0));
    }
}
