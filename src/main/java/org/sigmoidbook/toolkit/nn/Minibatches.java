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
    private List<DataSet> batches;
    private int epoch = -1;
    private int next;

    public Minibatches(DataSet data, int batchSize, long seed) {
        this.data = data;
        this.batchSize = batchSize;
        this.seed = seed;
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
        INDArray features = examples(data.getFeatures(), order);
        INDArray labels = examples(data.getLabels(), order);
        batches = new ArrayList<>();
        for (int from = 0; from < n; from += batchSize) {
            INDArrayIndex rows = NDArrayIndex.interval(from, Math.min(from + batchSize, n));
            batches.add(new DataSet(features.get(rows, NDArrayIndex.all()).dup(), labels.get(rows, NDArrayIndex.all()).dup()));
        }
        next = 0;
    }

    /**
     * The examples (first index) of {@code array} in the given order, whatever its rank. One native
     * gather: getRows(int...) copies row by row, about 20 times slower on 8,000 digits.
     */
    private static INDArray examples(INDArray array, int[] order) {
        long[] shape = array.shape();
        INDArray rows = array.reshape('c', shape[0], array.length() / shape[0]);
        shape[0] = order.length;
        return Nd4j.pullRows(rows, 1, order).reshape('c', shape);
    }
}
