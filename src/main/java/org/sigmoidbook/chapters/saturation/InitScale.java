package org.sigmoidbook.chapters.saturation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.math3.stat.StatUtils;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.GradientRecorder;
import org.sigmoidbook.toolkit.nn.GradientRecorder.ActivationStats;
import org.sigmoidbook.toolkit.nn.LayerGradient;
import org.sigmoidbook.toolkit.nn.Networks;

/**
 * The Glorot network at initialisation with every weight matrix multiplied by a factor s from 0.1
 * to 100: how many units start saturated, and how large the first layer's gradient is. While every
 * unit works near z = 0 (sigma' about 1/4), dC/dW1 passes back through the weight matrices above
 * layer 1 and grows like s^L; saturation shows as the fall below that line.
 */
final class InitScale {

    static final int DECADES = 3;
    /** The sweep starts at s = 10^-1. */
    static final int SMALLEST_DECADE = -1;

    /** A row of init-scale.csv: one hidden layer of the network with every weight times {@code weightScale}. */
    record LayerAtScale(double weightScale, int layer, double saturatedFraction, double activationMean, double activationStd,
                        double weightGradNorm) {
    }

    private InitScale() {
    }

    static List<LayerAtScale> measure(Lab lab, Mnist.Split mnist) throws Exception {
        int width = lab.size(250, GlorotRun.WIDTH);
        lab.finding("initial weight scale: units per hidden layer", width, "%.0f");
        int perDecade = lab.size(2, 3);
        DataSet digits = mnist.train().first(GlorotRun.PROBE_EXAMPLES).tenClass(DataType.FLOAT);
        List<Double> factors = new ArrayList<>();
        for (int p = 0; p <= DECADES * perDecade; p++) {
            factors.add(Math.pow(10, SMALLEST_DECADE + (double) p / perDecade));
        }
        return lab.parallel(factors, factor -> atScale(factor, width, digits, lab.seed())).stream().flatMap(List::stream).toList();
    }

    private static List<LayerAtScale> atScale(double factor, int width, DataSet digits, long seed) {
        MultiLayerNetwork net = GlorotRun.network(width, seed).frozen().build();
        Networks.scaleWeights(net, factor);
        List<ActivationStats> stats = GradientRecorder.activationStats(net, digits.getFeatures());
        List<LayerGradient> gradients = GradientRecorder.meanGradients(net, digits);
        List<LayerAtScale> rows = new ArrayList<>();
        for (int l = 0; l < GlorotRun.LAYERS; l++) {
            rows.add(new LayerAtScale(factor, l + 1, stats.get(l).saturatedFraction(), stats.get(l).mean(), stats.get(l).std(),
                    gradients.get(l).weightNorm()));
        }
        return rows;
    }

    /** The rows of hidden layer 1, by weight scale. */
    static List<LayerAtScale> firstLayer(List<LayerAtScale> rows) {
        return rows.stream().filter(row -> row.layer() == 1).toList();
    }

    /** The first layer's gradient norm if it grew like s^L from the smallest scale: no unit saturated. */
    static double[] linearRegime(double[] factors, double[] firstGradient) {
        double[] line = new double[factors.length];
        for (int i = 0; i < factors.length; i++) {
            line[i] = firstGradient[0] * Math.pow(factors[i] / factors[0], GlorotRun.LAYERS);
        }
        return line;
    }

    /** The saturated share and the first layer's gradient against the s^4 line at 1x, 10x and 100x: one network per scale, one seed. */
    static void findings(Lab lab, List<LayerAtScale> table) {
        List<LayerAtScale> first = firstLayer(table);
        double[] factors = first.stream().mapToDouble(LayerAtScale::weightScale).toArray();
        double[] firstGradient = first.stream().mapToDouble(LayerAtScale::weightGradNorm).toArray();
        double[] line = linearRegime(factors, firstGradient);
        for (double at : new double[]{1, 10, 100}) {
            int i = nearest(factors, at);
            double[] saturated = table.stream().filter(row -> row.weightScale() == factors[i])
                    .mapToDouble(LayerAtScale::saturatedFraction).toArray();
            // commons-math's mean, the one Tablesaw takes: the findings keep their last digits
            lab.oneSeed(String.format(Locale.ROOT, "saturated fraction of all hidden units at %.0fx", at), StatUtils.mean(saturated));
            lab.oneSeed(String.format(Locale.ROOT, "first layer's gradient at %.0fx relative to the s^%d line", at, GlorotRun.LAYERS),
                    firstGradient[i] / line[i]);
        }
    }

    static int nearest(double[] values, double target) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (Math.abs(Math.log(values[i] / target)) < Math.abs(Math.log(values[best] / target))) {
                best = i;
            }
        }
        return best;
    }
}
