// Notebook 3: vanishing gradients.  Run: ./notebook chapters/03-vanishing.jsh

// Cell 1: 500 real MNIST digits, one-hot labels.
var digits = Mnist.load().train().first(500).tenClass(DataType.FLOAT);

// Cell 2: one backward pass through sigmoid networks of growing depth, no training.
// The "speed" of a layer is the norm of its mean bias gradient dC/db (Nielsen's measure).
Table speeds = Table.create("speed of the first hidden layer",
        IntColumn.create("hidden layers"), DoubleColumn.create("first layer"), DoubleColumn.create("last hidden layer"));
for (int depth = 1; depth <= 6; depth++) {
    MultiLayerNetwork net = Networks.mlp(784).hiddenLayers(depth, 30).activation(Activation.SIGMOID)
            .output(10, Activation.SIGMOID, LossFunction.XENT).seed(1).build();
    Networks.normalBiases(net, 0, 1, 1);
    List<LayerGradient> layers = GradientRecorder.meanGradients(net, digits);
    speeds.intColumn(0).append(depth);
    speeds.doubleColumn(1).append(layers.get(0).biasNorm());
    speeds.doubleColumn(2).append(layers.get(depth - 1).biasNorm());
}
System.out.println(speeds.print());

// Cell 3: the ratio first/last falls roughly like 0.25 per extra layer, sigma'(z) <= 0.25 being the cap.
DoubleColumn ratio = speeds.doubleColumn(1).divide(speeds.doubleColumn(2)).setName("first / last");
System.out.println(Table.create("ratio", speeds.intColumn(0), ratio).print());

// Cell 4: change Activation.SIGMOID to Activation.RELU in cell 2 (and re-run cells 2 and 3): the ratio stays near 1.
