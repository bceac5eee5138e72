// Notebook 4: saturation.  Run: ./notebook chapters/04-saturation.jsh

// Cell 1: in FLOAT, sigma(z) rounds to exactly 1 well before z is large; its derivative from outputs is then 0.
for (float z : new float[]{5f, 10f, 15f, 16f, 17f, 20f}) {
    INDArray s = Sigmoid.forward(Sigmoid.vector(DataType.FLOAT, z));
    System.out.printf("z = %4.0f  sigma = %.9f  sigma' from outputs = %.3e%n", z, s.getFloat(0),
            Sigmoid.derivativeFromOutput(s).getFloat(0));
}

// Cell 2: large initial weights push units into the flat tails. Scale the weights and count saturated units
// (|sigma'(z)| < 0.01) on 200 digits. The first layer's gradient still grows with the scale, because every
// weight on the way back grows too; chapter 4 compares it with the growth it would have without saturation.
var probe = Mnist.load().train().first(200);
Table saturation = Table.create("saturation", DoubleColumn.create("weight scale"),
        DoubleColumn.create("saturated (layer 1)"), DoubleColumn.create("first-layer gradient"));
for (double scale : new double[]{0.5, 1, 2, 4, 8}) {
    MultiLayerNetwork net = Networks.mlp(784).hiddenLayers(3, 100).activation(Activation.SIGMOID).seed(3).build();
    Networks.scaleWeights(net, scale);
    saturation.doubleColumn(0).append(scale);
    saturation.doubleColumn(1).append(GradientRecorder.activationStats(net, probe.features(DataType.FLOAT)).get(0).saturatedFraction());
    saturation.doubleColumn(2).append(GradientRecorder.meanGradients(net, probe.tenClass(DataType.FLOAT)).get(0).weightNorm());
}
System.out.println(saturation.print());
