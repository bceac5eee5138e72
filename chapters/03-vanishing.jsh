// Notebook 3: vanishing gradients.  Run: ./notebook chapters/03-vanishing.jsh
import org.deeplearning4j.nn.weights.WeightInit;

// Cell 1: 300 real MNIST digits, one-hot labels.
var digits = Mnist.load().train().first(300).tenClass(DataType.FLOAT);

// Cell 2: one backward pass through networks of growing depth, no training (biases 0).
// The "speed" of a layer is the norm of its mean bias gradient dC/db (Nielsen's measure).
double firstOverLast(HiddenUnit unit, WeightInit init, double weightFactor, int depth, long seed) {
    MultiLayerNetwork net = Networks.mlp(784).hiddenLayers(depth, 30).activation(unit.activation())
            .output(10, Activation.SIGMOID, LossFunction.XENT).weights(init.getWeightInitFunction()).frozen().seed(seed).build();
    Networks.scaleWeights(net, weightFactor);
    List<LayerGradient> layers = GradientRecorder.meanGradients(net, digits);
    return layers.get(0).biasNorm() / layers.get(depth - 1).biasNorm();
}
Table ratios = Table.create("first / last hidden layer, seed 1", IntColumn.create("hidden layers"),
        DoubleColumn.create("sigmoid"), DoubleColumn.create("0.25^(L-1)"), DoubleColumn.create("relu"), DoubleColumn.create("relu, He init"));
for (int depth = 1; depth <= 6; depth++) {
    ratios.intColumn(0).append(depth);
    ratios.doubleColumn(1).append(firstOverLast(HiddenUnit.SIGMOID, WeightInit.NORMAL, 1, depth, 1));
    ratios.doubleColumn(2).append(Math.pow(0.25, depth - 1));
    ratios.doubleColumn(3).append(firstOverLast(HiddenUnit.RELU, WeightInit.NORMAL, 1, depth, 1));
    ratios.doubleColumn(4).append(firstOverLast(HiddenUnit.RELU, WeightInit.RELU, 1, depth, 1));
}
System.out.println(ratios.print());

// Cell 3: the sigmoid ratio falls about like 0.25^(L-1), the product of the sigma' factors at z = 0.
// It is not a bound: each step back also multiplies by W, and some seeds lie above the line.
for (long seed = 1; seed <= 10; seed++) {
    double ratio = firstOverLast(HiddenUnit.SIGMOID, WeightInit.NORMAL, 1, 2, seed);
    System.out.printf("L = 2, seed %2d: ratio %.3f %s%n", seed, ratio, ratio > 0.25 ? "(above 0.25)" : "");
}

// Cell 4: ReLU with N(0, 1/n_in) has half of He's variance 2/n_in (DL4J's WeightInit.RELU): check it.
var he = Networks.mlp(784).hidden(30).activation(HiddenUnit.RELU.activation()).weights(WeightInit.RELU.getWeightInitFunction()).seed(1).build();
System.out.printf("variance of WeightInit.RELU weights x n_in: %.3f%n", Math.pow(he.getParam("0_W").stdNumber().doubleValue(), 2) * 784);

// Cell 5: the other side (Nielsen): |w sigma'(w a + b)| >= 1 holds only for a in a window of width
// 4 arcosh(sqrt|w| / 2) / |w|, none for |w| <= 4, widest near |w| = 6.9. Compare with a scan over a.
double window(double w) { double h = Math.sqrt(w) / 2; return w <= 4 ? 0 : 4 * Math.log(h + Math.sqrt(h * h - 1)) / w; }
for (double w : new double[]{3, 5, 6.9, 20, 100}) {
    double step = 1e-5;
    int inside = 0;
    for (double a = -2; a <= 2; a += step) {
        double s = Sigmoid.of(w * a - 0.3);
        inside += w * s * (1 - s) >= 1 ? 1 : 0;
    }
    System.out.printf("|w| = %5.1f: closed form %.4f, scan %.4f%n", w, window(w), inside * step);
}

// Cell 6: change HiddenUnit.SIGMOID to HiddenUnit.TANH in cell 3, or the factor 1 to 4 (Glorot's factor): the ratio stays higher.
