// Notebook 7: sigmoid belongs on the output layer.  Run: ./notebook chapters/07-output-layer.jsh

// Cell 1: a binary task, "is this digit a 9 (or a 4)?", with one sigmoid output unit and binary cross-entropy.
var split = Mnist.load();
var train = split.train().onlyClasses(4, 9).first(600).binary(9, DataType.FLOAT);
var test = split.test().onlyClasses(4, 9).binary(9, DataType.FLOAT);

// Cell 2: the same shallow network with sigmoid and with ReLU hidden units, 5 epochs of plain SGD.
Table results = Table.create("held-out accuracy", StringColumn.create("hidden units"), DoubleColumn.create("accuracy"));
for (Activation hidden : new Activation[]{Activation.SIGMOID, Activation.RELU}) {
    MultiLayerNetwork net = Networks.mlp(784).hidden(64, 64).activation(hidden)
            .output(1, Activation.SIGMOID, LossFunction.XENT).sgd(0.1).seed(11).build();
    var batches = train.batchBy(20);
    for (int epoch = 0; epoch < 5; epoch++) batches.forEach(net::fit);
    INDArray p = net.output(test.getFeatures());
    double accuracy = p.gt(0.5).castTo(DataType.FLOAT).eq(test.getLabels()).castTo(DataType.FLOAT).meanNumber().doubleValue();
    results.stringColumn(0).append(hidden.name());
    results.doubleColumn(1).append(accuracy);
}
System.out.println(results.print());

// Cell 3: the sigmoid output is a probability: look at a few held-out digits.
System.out.println("P(9 | x) for five test digits: " + Networks.mlp(784).output(1, Activation.SIGMOID, LossFunction.XENT)
        .seed(1).build().output(test.getFeatures().getRows(0, 1, 2, 3, 4)) + "  (untrained: near 0.5)");
