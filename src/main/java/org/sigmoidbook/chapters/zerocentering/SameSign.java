package org.sigmoidbook.chapters.zerocentering;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.HiddenUnit;
import org.sigmoidbook.toolkit.nn.Minibatches;
import org.sigmoidbook.toolkit.nn.NdArrays;
import org.sigmoidbook.toolkit.nn.Networks;

/**
 * Do a neuron's incoming weight gradients share one sign? For one example dC/dW2_ij = a_i delta_j,
 * so neuron j of the second layer gets gradients of one sign exactly when the first layer's outputs
 * a_i do: always for sigmoid units. A minibatch step uses the mean over its examples,
 * sum_n a_i(n) delta_j(n) / B, whose deltas differ in sign from example to example. Measured with
 * DL4J's own backprop in a 784-n-30-10 network at initialisation: table {@code same-sign} over the
 * fan-in n for single examples (one seed), table {@code same-sign-batches} over the batch size at n = 30
 * for several seeds.
 */
final class SameSign {

    /** Neurons in the second hidden layer, whose incoming gradients are counted. */
    static final int NEURONS = 30;
    /** The widest fan-in of the single-digit sweep, and the fan-in of the minibatch measurement. */
    static final int WIDEST_FAN_IN = 30;
    static final int BATCH_FAN_IN = WIDEST_FAN_IN;
    /** The fan-ins of the single-digit sweep; a quick run takes every fourth one: 1, 6 and the widest. */
    static final int[] FAN_INS = {1, 2, 3, 4, 6, 8, 12, 16, WIDEST_FAN_IN};
    static final int[] BATCH_SIZES = {1, 10, 20, 100};

    private SameSign() {
    }

    /** Counts of (example or batch, neuron) pairs: how many had gradients, how many of one sign. */
    record Count(int pairs, int sameSign, double majorityShare) {
        double fraction() {
            return (double) sameSign / pairs;
        }
    }

    /** Single digits through a layer fed by {@code fanIn} units: a row of {@code same-sign}. */
    record ByFanIn(HiddenUnit hidden, int fanIn, int pairs, double sameSignFraction, double ifSignsWereIndependent) {
    }

    /** Minibatch means at fan-in {@link #BATCH_FAN_IN}, for one seed's network and minibatches: a row of {@code same-sign-batches}. */
    record ByBatchSize(HiddenUnit hidden, int batchSize, int seed, int pairs, double sameSignFraction, double majoritySignShare) {
    }

    static MultiLayerNetwork network(HiddenUnit unit, int fanIn, long seed) {
        return Networks.mlp(Digits.PIXELS).hidden(fanIn, NEURONS).activation(unit.activation())
                .output(10, Activation.SOFTMAX, LossFunction.MCXENT).frozen().seed(seed).build();
    }

    /**
     * The second layer's weight gradient, [fan-in, neurons], as DL4J's backprop computes it for
     * {@code data}: the sum over its examples (the sign is that of the mean).
     */
    static double[][] secondLayerGradient(MultiLayerNetwork net, DataSet data) {
        return NdArrays.rows(net.calculateGradients(data.getFeatures(), data.getLabels(), null, null).getFirst()
                .getGradientFor("1_W"));
    }

    /**
     * For each neuron (column) with a non-zero gradient: whether all its incoming gradients share one
     * sign, and which share of them has the more common sign.
     */
    static Count count(double[][] gradient) {
        int pairs = 0;
        int same = 0;
        double majority = 0;
        for (int j = 0; j < gradient[0].length; j++) {
            int positive = 0;
            int negative = 0;
            for (double[] row : gradient) {
                positive += row[j] > 0 ? 1 : 0;
                negative += row[j] < 0 ? 1 : 0;
            }
            if (positive + negative > 0) {
                pairs++;
                same += positive == 0 || negative == 0 ? 1 : 0;
                majority += (double) Math.max(positive, negative) / (positive + negative);
            }
        }
        return new Count(pairs, same, majority);
    }

    static Count total(List<Count> counts) {
        return new Count(counts.stream().mapToInt(Count::pairs).sum(), counts.stream().mapToInt(Count::sameSign).sum(),
                counts.stream().mapToDouble(Count::majorityShare).sum());
    }

    /** One count per minibatch, each from one DL4J forward and backward pass. */
    static Count overBatches(MultiLayerNetwork net, List<DataSet> batches) {
        List<Count> counts = new ArrayList<>();
        for (DataSet batch : batches) {
            counts.add(count(secondLayerGradient(net, batch)));
        }
        return total(counts);
    }

    /** Single examples, one pass each. */
    static List<DataSet> singles(DataSet examples) {
        List<DataSet> singles = new ArrayList<>();
        for (int n = 0; n < examples.numExamples(); n++) {
            singles.add(new DataSet(examples.getFeatures().getRow(n, true), examples.getLabels().getRow(n, true)));
        }
        return singles;
    }

    private record FanIn(HiddenUnit unit, int fanIn) {
    }

    static void measure(Lab lab, Mnist.Split mnist) throws Exception {
        int examples = lab.size(20, 40);
        Digits digits = mnist.train().first(examples);
        int stride = lab.size(4, 1);
        List<FanIn> runs = new ArrayList<>();
        for (HiddenUnit unit : ZeroCenteringChapter.UNITS) {
            for (int k = 0; k < FAN_INS.length; k += stride) {
                runs.add(new FanIn(unit, FAN_INS[k]));
            }
        }
        List<Count> counts = lab.parallel(runs, run -> overBatches(network(run.unit(), run.fanIn(), lab.seed()),
                singles(digits.tenClass(DataType.FLOAT))));
        List<ByFanIn> rows = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            FanIn run = runs.get(r);
            double fraction = counts.get(r).fraction();
            rows.add(new ByFanIn(run.unit(), run.fanIn(), examples * NEURONS, fraction, Math.pow(2, 1 - run.fanIn())));
            if (run.fanIn() == WIDEST_FAN_IN) {
                lab.proportion("same-sign fraction, layer fed by " + WIDEST_FAN_IN + " " + run.unit().label() + " units",
                        counts.get(r).sameSign(), counts.get(r).pairs(), 1);
            }
        }
        lab.table("same-sign", rows);

        lab.finding("same-sign: widest fan-in", WIDEST_FAN_IN, "%.0f");
        byBatch(lab, mnist);
    }

    private record BatchRun(HiddenUnit unit, int batchSize, int seed) {
    }

    /**
     * The same count for the mean gradient of minibatches of B digits drawn at random (a seeded
     * shuffle of the first {@code batches * B} training digits), the same number of minibatches for
     * every B, at fan-in {@link #BATCH_FAN_IN}: sigmoid inputs against the centred sigmoid, which has
     * the same slope. Each seed draws its own network and minibatches; both units read the same ones.
     */
    private static void byBatch(Lab lab, Mnist.Split mnist) throws Exception {
        int batches = lab.size(10, 40);
        List<Integer> seeds = IntStream.range(0, lab.size(2, 5)).mapToObj(k -> (int) lab.seed() + k).toList();
        List<BatchRun> runs = new ArrayList<>();
        for (int seed : seeds) {
            for (HiddenUnit unit : List.of(HiddenUnit.SIGMOID, HiddenUnit.CENTRED_SIGMOID)) {
                for (int size : BATCH_SIZES) {
                    runs.add(new BatchRun(unit, size, seed));
                }
            }
        }
        List<Count> counts = lab.parallel(runs, run -> overBatches(network(run.unit(), BATCH_FAN_IN, run.seed()),
                new Minibatches(mnist.train().first(batches * run.batchSize()).tenClass(DataType.FLOAT), run.batchSize(), run.seed()).epoch()));
        List<ByBatchSize> rows = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            BatchRun run = runs.get(r);
            Count count = counts.get(r);
            rows.add(new ByBatchSize(run.unit(), run.batchSize(), run.seed(), count.pairs(), count.fraction(), count.majorityShare() / count.pairs()));
        }
        lab.table("same-sign-batches", rows);
        for (int size : BATCH_SIZES) {
            for (HiddenUnit unit : List.of(HiddenUnit.SIGMOID, HiddenUnit.CENTRED_SIGMOID)) {
                List<ByBatchSize> of = rows.stream().filter(row -> row.hidden() == unit && row.batchSize() == size).toList();
                String name = unit.label() + " inputs, minibatches of " + size;
                lab.overSeeds("same-sign fraction, " + name, of.stream().mapToDouble(ByBatchSize::sameSignFraction).toArray());
                lab.overSeeds("share of weights with the majority sign, " + name, of.stream().mapToDouble(ByBatchSize::majoritySignShare).toArray());
            }
        }
        lab.finding("minibatches per batch size (same-sign)", batches, "%.0f");
        lab.finding("same-sign: minibatch seeds", seeds.size(), "%.0f");
        lab.finding("same-sign: minibatch fan-in", BATCH_FAN_IN, "%.0f");
    }
}
