// Notebook 4: saturation.  Run: ./notebook chapters/04-saturation.jsh

// Cell 1: in float32, ND4J's sigma(z) = 1 / (1 + e^-z) rounds to exactly 1 from z = 24 ln 2, and sigma' = s (1 - s)
// from that output is then 0: the subtraction 1 - s has cancelled. sigma' = sigma(z) sigma(-z) never subtracts and
// stays close to the exact e^-z / (1 + e^-z)^2 until e^z overflows near z = 88.7.
for (float z : new float[]{5f, 10f, 15f, 16f, 17f, 20f, 50f, 88f}) {
    INDArray s = Sigmoid.forward(Sigmoid.vector(DataType.FLOAT, z));
    INDArray sMinus = Sigmoid.forward(Sigmoid.vector(DataType.FLOAT, -z));
    double e = Math.exp(-z);
    System.out.printf("z = %4.0f  sigma = %.9f  s(1 - s) = %.3e  sigma(z) sigma(-z) = %.3e  exact = %.3e%n", z, s.getFloat(0),
            Sigmoid.derivativeFromOutput(s).getFloat(0), s.mul(sMinus).getFloat(0), e / ((1 + e) * (1 + e)));
}
System.out.printf("24 ln 2 = %.4f%n", 24 * Math.log(2));

// Cell 2: on the left the two ways of writing sigma part. ND4J computes 1 / (1 + e^-z): e^-z overflows below
// -ln(FLT_MAX) = -88.72 and sigma becomes exactly 0. The stable form e^z / (1 + e^z) only underflows, through the
// subnormal floats, down to ln(2^-150) = -103.97.
System.out.printf("-ln(FLT_MAX) = %.4f   ln(2^-150) = %.4f%n", -Math.log(Float.MAX_VALUE), -150 * Math.log(2));
for (float z : new float[]{-80f, -88f, -89f, -95f, -103f, -104f}) {
    float e = (float) Math.exp(z);
    System.out.printf("z = %6.1f  ND4J: %.3e  stable form: %.3e  exact: %.3e%n", z,
            Sigmoid.at(z, DataType.FLOAT), e / (1f + e), Math.exp(z) / (1 + Math.exp(z)));
}

// Cell 3: large initial weights push units into the flat tails. Scale the weights and count saturated units
// (|sigma'(z)| < 0.01) on 200 digits. The first layer's gradient still grows with the scale, because every
// weight on the way back grows too; chapter 4 compares it with the growth it would have without saturation.
var probe = Mnist.load().train().first(200);
Table saturation = Table.create("saturation", DoubleColumn.create("weight scale"),
        DoubleColumn.create("saturated (layer 1)"), DoubleColumn.create("first-layer gradient"));
for (double scale : new double[]{0.5, 1, 2, 4, 8}) {
    MultiLayerNetwork net = Networks.mlp(784).hiddenLayers(3, 100).activation(HiddenUnit.SIGMOID.activation()).seed(3).build();
    Networks.scaleWeights(net, scale);
    saturation.doubleColumn(0).append(scale);
    saturation.doubleColumn(1).append(GradientRecorder.activationStats(net, probe.features(DataType.FLOAT)).get(0).saturatedFraction());
    saturation.doubleColumn(2).append(GradientRecorder.meanGradients(net, probe.tenClass(DataType.FLOAT)).get(0).weightNorm());
}
System.out.println(saturation.print());

// Cell 4: Glorot and Bengio's top layer, small: four sigmoid layers of 300 units, weights uniform in
// +-1/sqrt(n_in), SGD on minibatches of 10. The top layer's mean activation sinks while the layer below rises.
var mnist = Mnist.load();
MultiLayerNetwork deep = Networks.mlp(784).hiddenLayers(4, 300).activation(HiddenUnit.SIGMOID.activation()).
        output(10, Activation.SOFTMAX, LossFunction.MCXENT).uniformWeights().sgd(0.1).seed(1).build();
var held = mnist.test().first(300).features(DataType.FLOAT);
var batches = new Minibatches(mnist.train().tenClass(DataType.FLOAT), 10, 1);
for (int step = 0; step <= 300; step++) {
    if (step % 100 == 0) {
        var layers = deep.feedForward(held, false);
        System.out.printf("step %3d: layer 3 mean %.3f, top layer mean %.3f%n", step,
                layers.get(3).meanNumber().doubleValue(), layers.get(4).meanNumber().doubleValue());
    }
    deep.fit(batches.next());
}
