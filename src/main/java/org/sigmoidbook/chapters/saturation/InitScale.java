package org.sigmoidbook.chapters.saturation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.GradientRecorder;
import org.sigmoidbook.toolkit.nn.GradientRecorder.ActivationStats;
import org.sigmoidbook.toolkit.nn.LayerGradient;
import org.sigmoidbook.toolkit.nn.Networks;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

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

    private InitScale() {
    }

    static Table measure(Lab lab, Mnist.Split mnist) throws Exception {
        int width = lab.size(250, GlorotRun.WIDTH);
        int perDecade = lab.size(2, 4);
        DataSet digits = mnist.train().first(GlorotRun.PROBE_EXAMPLES).tenClass(DataType.FLOAT);
        List<Double> factors = new ArrayList<>();
        for (int p = 0; p <= DECADES * perDecade; p++) {
            factors.add(Math.pow(10, SMALLEST_DECADE + (double) p / perDecade));
        }
        List<Table> rows = lab.parallel(factors, factor -> atScale(factor, width, digits, lab.seed()));
        Table table = rows.get(0).emptyCopy();
        rows.forEach(table::append);
        return table;
    }

    private static Table atScale(double factor, int width, DataSet digits, long seed) {
        MultiLayerNetwork net = GlorotRun.network(width, seed).frozen().build();
        Networks.scaleWeights(net, factor);
        List<ActivationStats> stats = GradientRecorder.activationStats(net, digits.getFeatures());
        List<LayerGradient> gradients = GradientRecorder.meanGradients(net, digits);
        Table table = Table.create("init-scale", DoubleColumn.create("weight_scale"), IntColumn.create("layer"),
                DoubleColumn.create("saturated_fraction"), DoubleColumn.create("activation_mean"),
                DoubleColumn.create("activation_std"), DoubleColumn.create("weight_grad_norm"));
        for (int l = 0; l < GlorotRun.LAYERS; l++) {
            table.doubleColumn("weight_scale").append(factor);
            table.intColumn("layer").append(l + 1);
            table.doubleColumn("saturated_fraction").append(stats.get(l).saturatedFraction());
            table.doubleColumn("activation_mean").append(stats.get(l).mean());
            table.doubleColumn("activation_std").append(stats.get(l).std());
            table.doubleColumn("weight_grad_norm").append(gradients.get(l).weightNorm());
        }
        return table;
    }

    /** The first layer's gradient norm if it grew like s^L from the smallest scale: no unit saturated. */
    static double[] linearRegime(double[] factors, double[] firstGradient) {
        double[] line = new double[factors.length];
        for (int i = 0; i < factors.length; i++) {
            line[i] = firstGradient[0] * Math.pow(factors[i] / factors[0], GlorotRun.LAYERS);
        }
        return line;
    }

    static void findings(Lab lab, Table table) {
        Table first = table.where(table.intColumn("layer").isEqualTo(1));
        double[] factors = first.doubleColumn("weight_scale").asDoubleArray();
        double[] firstGradient = first.doubleColumn("weight_grad_norm").asDoubleArray();
        double[] line = linearRegime(factors, firstGradient);
        for (double at : new double[]{1, 10, 100}) {
            int i = nearest(factors, at);
            Table rows = table.where(table.doubleColumn("weight_scale").isEqualTo(factors[i]));
            lab.finding(String.format(Locale.ROOT, "saturated fraction of all hidden units at %.0fx", at),
                    rows.doubleColumn("saturated_fraction").mean(), "%.4f");
            lab.finding(String.format(Locale.ROOT, "first layer's gradient at %.0fx relative to the s^%d line", at, GlorotRun.LAYERS),
                    firstGradient[i] / line[i], "%.3g");
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
