package org.sigmoidbook.toolkit.nn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Records, per iteration and per layer, the norms of the weight and bias gradients, as a mean over
 * the minibatch: how fast each layer learns. {@link #activationStats} gives, on a batch, the mean
 * and standard deviation of each layer's activations and the fraction of saturated units
 * (|f'(z)| below a threshold).
 * <p>
 * DL4J hands listeners the raw gradient summed over the minibatch, as views into a buffer it
 * overwrites; the recorder divides by the batch size and reads the values inside the callback.
 * Layer numbers start at 1 for the first hidden layer; the output layer comes last.
 */
public final class GradientRecorder extends BaseTrainingListener {

    public static final double SATURATION_THRESHOLD = 0.01;

    /** Whether a layer is hidden or the output layer. */
    public enum Role {
        HIDDEN("hidden"), OUTPUT("output");

        private final String id;

        Role(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** One layer's gradient in one iteration: the norms of dC/dW and dC/db, averaged over the minibatch. */
    public record Update(int iteration, int epoch, int layer, Role role, double weightGradNorm, double biasGradNorm) {
    }

    private final List<double[]> pendingGradients = new ArrayList<>();
    private final List<Update> updates = new ArrayList<>();

    @Override
    public void onGradientCalculation(Model model) {
        MultiLayerNetwork net = (MultiLayerNetwork) model;
        double batch = net.getInputMiniBatchSize();
        double[] norms = layerNorms(net.getFlattenedGradients(), net.gradient().gradientForVariable(), net.getnLayers());
        pendingGradients.clear();
        for (int l = 0; l < net.getnLayers(); l++) {
            pendingGradients.add(new double[]{norms[2 * l] / batch, norms[2 * l + 1] / batch});
        }
    }

    @Override
    public void iterationDone(Model model, int iterationNumber, int epochNumber) {
        MultiLayerNetwork net = (MultiLayerNetwork) model;
        for (int l = 0; l < net.getnLayers(); l++) {
            double[] norms = pendingGradients.isEmpty() ? new double[]{Double.NaN, Double.NaN} : pendingGradients.get(l);
            updates.add(new Update(iterationNumber, epochNumber, l + 1, l == net.getnLayers() - 1 ? Role.OUTPUT : Role.HIDDEN,
                    norms[0], norms[1]));
        }
    }

    /**
     * The L2 norms of {@code l_W} and {@code l_b} for every layer l (W of layer 0 at index 0, its b at 1, ...).
     * DL4J keeps all of them as views into one flat array; copying that array once and summing in Java
     * costs a fraction of one native reduction per view, which matters when recording every iteration.
     */
    static double[] layerNorms(INDArray flat, Map<String, INDArray> views, int layers) {
        Elements elements = Elements.of(flat);
        double[] norms = new double[2 * layers];
        for (int l = 0; l < layers; l++) {
            for (int k = 0; k < 2; k++) {
                INDArray view = views.get(l + (k == 0 ? "_W" : "_b"));
                long from = view.offset();
                long to = from + view.length();
                if (elements == null || view.data().address() != flat.data().address() || to > flat.length()) {
                    norms[2 * l + k] = view.norm2Number().doubleValue();
                    continue;
                }
                double sum = 0;
                for (int i = (int) from; i < to; i++) {
                    double value = elements.get(i);
                    sum += value * value;
                }
                norms[2 * l + k] = Math.sqrt(sum);
            }
        }
        return norms;
    }

    /** Read access to a whole FLOAT or DOUBLE buffer through NIO, without copying it (null for anything else). */
    private interface Elements {
        double get(int index);

        static Elements of(INDArray flat) {
            if (flat.isView() || flat.data().length() != flat.length()) {
                return null;
            }
            ByteBuffer bytes = flat.data().asNio().order(ByteOrder.nativeOrder());
            if (flat.dataType() == DataType.FLOAT) {
                FloatBuffer floats = bytes.asFloatBuffer();
                return floats::get;
            }
            if (flat.dataType() == DataType.DOUBLE) {
                DoubleBuffer doubles = bytes.asDoubleBuffer();
                return doubles::get;
            }
            return null;
        }
    }

    /** Everything recorded so far, one update per (iteration, layer), in order. */
    public List<Update> updates() {
        return List.copyOf(updates);
    }

    /** Mean, standard deviation and saturated fraction of one layer's outputs on a batch. */
    public record ActivationStats(int layer, double mean, double std, double saturatedFraction) {
    }

    /** Activation statistics of every layer of {@code net} on {@code features}, without training. */
    public static List<ActivationStats> activationStats(MultiLayerNetwork net, INDArray features) {
        List<INDArray> activations = net.feedForward(features, false);
        List<ActivationStats> stats = new ArrayList<>();
        for (int l = 0; l < net.getnLayers(); l++) {
            INDArray in = activations.get(l);
            INDArray out = activations.get(l + 1);
            INDArray z = in.mmul(net.getParam(l + "_W")).addiRowVector(net.getParam(l + "_b"));
            IActivation function = ((BaseLayer) net.getLayer(l).conf().getLayer()).getActivationFn();
            INDArray slope = function.backprop(z, Nd4j.onesLike(z)).getFirst();
            double saturated = Nd4j.getExecutioner().exec(
                    new org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition(
                            org.nd4j.linalg.ops.transforms.Transforms.abs(slope),
                            org.nd4j.linalg.indexing.conditions.Conditions.lessThan(SATURATION_THRESHOLD)))
                    .getDouble(0) / slope.length();
            stats.add(new ActivationStats(l + 1, out.meanNumber().doubleValue(), out.stdNumber().doubleValue(), saturated));
        }
        return stats;
    }

    /**
     * One forward and backward pass over {@code data}, without training: the mean gradient of
     * every layer, first hidden layer first.
     */
    public static List<LayerGradient> meanGradients(MultiLayerNetwork net, DataSet data) {
        Gradient gradient = net.calculateGradients(data.getFeatures(), data.getLabels(), null, null).getFirst();
        double batch = data.getFeatures().size(0);
        List<LayerGradient> layers = new ArrayList<>();
        for (int l = 0; l < net.getnLayers(); l++) {
            layers.add(new LayerGradient(l + 1,
                    gradient.getGradientFor(l + "_W").div(batch),
                    gradient.getGradientFor(l + "_b").div(batch)));
        }
        return layers;
    }
}
