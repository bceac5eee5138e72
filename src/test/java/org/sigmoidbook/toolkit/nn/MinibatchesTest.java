package org.sigmoidbook.toolkit.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class MinibatchesTest {

    /** Example i has feature value i, so the order can be read back from the batches. */
    private static DataSet numbered(int n) {
        double[][] x = new double[n][1];
        for (int i = 0; i < n; i++) {
            x[i][0] = i;
        }
        return new DataSet(Nd4j.createFromArray(x).castTo(DataType.FLOAT), Nd4j.zeros(DataType.FLOAT, n, 2));
    }

    private static List<Integer> order(List<DataSet> batches) {
        List<Integer> order = new ArrayList<>();
        for (DataSet batch : batches) {
            for (double v : batch.getFeatures().toDoubleVector()) {
                order.add((int) v);
            }
        }
        return order;
    }

    @Test
    void everyEpochHoldsEveryExampleOnceInANewSeededOrder() {
        Minibatches batches = new Minibatches(numbered(23), 5, 7);
        assertEquals(5, batches.perEpoch());
        List<DataSet> first = batches.epoch();
        assertArrayEquals(new int[]{5, 5, 5, 5, 3}, first.stream().mapToInt(DataSet::numExamples).toArray());
        List<Integer> firstOrder = order(first);
        List<Integer> secondOrder = order(batches.epoch());
        assertEquals(23, firstOrder.stream().distinct().count());
        assertEquals(23, secondOrder.stream().distinct().count());
        assertFalse(firstOrder.equals(secondOrder), "each epoch is reshuffled");
        assertEquals(firstOrder, order(new Minibatches(numbered(23), 5, 7).epoch()), "same seed, same order");
        assertEquals(2, batches.epochsStarted());
    }

    /** Ten examples in batches of five: exactly two batches, no empty third, fresh or refilled; another seed, another order. */
    @Test
    void anExactMultipleMakesFullBatchesOnlyAndTheSeedChoosesTheOrder() {
        for (Minibatches batches : List.of(new Minibatches(numbered(10), 5, 7), Minibatches.inPlace(numbered(10), 5, 7))) {
            assertEquals(2, batches.perEpoch());
            assertArrayEquals(new int[]{5, 5}, batches.epoch().stream().mapToInt(DataSet::numExamples).toArray());
        }
        assertNotEquals(order(new Minibatches(numbered(23), 5, 7).epoch()), order(new Minibatches(numbered(23), 5, 8).epoch()));
    }

    /** Sequences [n, 2, 3] whose every value is the example's number, as is its label; fresh batches and batches refilled in place. */
    @Test
    void sequencesAndTheirLabelsAreShuffledTogether() {
        int n = 11;
        double[] values = new double[n * 6];
        for (int i = 0; i < values.length; i++) {
            values[i] = i / 6;
        }
        DataSet sequences = new DataSet(Nd4j.createFromArray(values).reshape(n, 2, 3).castTo(DataType.FLOAT),
                Nd4j.createFromArray(numbered(n).getFeatures().toDoubleVector()).reshape(n, 1).castTo(DataType.FLOAT));
        List<List<Integer>> orders = new ArrayList<>();
        for (Minibatches batches : List.of(new Minibatches(sequences, 4, 5), Minibatches.inPlace(sequences, 4, 5))) {
            List<Integer> seen = new ArrayList<>();
            for (int epoch = 0; epoch < 2; epoch++) {
                for (DataSet batch : batches.epoch()) {
                    assertArrayEquals(new long[]{batch.numExamples(), 2, 3}, batch.getFeatures().shape());
                    for (int row = 0; row < batch.numExamples(); row++) {
                        double label = batch.getLabels().getDouble(row, 0);
                        for (double v : batch.getFeatures().slice(row).reshape(-1).toDoubleVector()) {
                            assertEquals(label, v, "example " + label);
                        }
                        seen.add((int) label);
                    }
                }
            }
            assertEquals(n, seen.stream().distinct().count());
            assertFalse(seen.subList(0, n).equals(seen.stream().sorted().distinct().toList()), "shuffled");
            orders.add(seen);
        }
        assertEquals(orders.get(0), orders.get(1), "in place, the same examples in the same order");
    }

    @Test
    void nextRunsOnIntoTheFollowingEpoch() {
        Minibatches stepwise = new Minibatches(numbered(10), 4, 3);
        Minibatches whole = new Minibatches(numbered(10), 4, 3);
        List<DataSet> expected = new ArrayList<>(whole.epoch());
        expected.addAll(whole.epoch());
        for (DataSet batch : expected) {
            assertEquals(batch.getFeatures(), stepwise.next().getFeatures());
        }
    }

    @Test
    void inPlaceBatchesHoldTheSameExamplesInTheSameOrderEveryEpoch() {
        Minibatches fresh = new Minibatches(numbered(23), 5, 7);
        Minibatches inPlace = Minibatches.inPlace(numbered(23), 5, 7);
        List<DataSet> firstEpoch = null;
        for (int epoch = 0; epoch < 3; epoch++) {
            List<DataSet> reused = inPlace.epoch();
            assertEquals(order(fresh.epoch()), order(reused), "epoch " + epoch);
            if (firstEpoch == null) {
                firstEpoch = reused;
            }
            assertTrue(firstEpoch.get(0).getFeatures() == reused.get(0).getFeatures(), "the same arrays, refilled");
        }
    }
}
