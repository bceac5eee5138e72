// Notebook 5: outputs that are not centred on zero.  Run: ./notebook chapters/05-zero-centering.jsh

// Cell 1: a neuron fed by sigmoid outputs a_i > 0. Its weight gradients are dC/dw_i = delta * a_i:
// one shared delta times positive numbers, so all of them have the sign of delta.
Nd4j.getRandom().setSeed(5);
INDArray a = Sigmoid.forward(Nd4j.randn(DataType.DOUBLE, 1, 8));
for (double delta : new double[]{0.3, -0.7}) {
    System.out.println("delta = " + delta + "  ->  dC/dw = " + a.mul(delta));
}

// Cell 2: the same with tanh inputs, centred on zero: the signs now differ from weight to weight.
INDArray t = Transforms.tanh(Nd4j.randn(DataType.DOUBLE, 1, 8));
System.out.println("tanh inputs, delta = 0.3  ->  dC/dw = " + t.mul(0.3));

// Cell 3: count it over many random examples: the fraction whose 8 weight gradients share one sign.
int trials = 10_000, sigmoidSame = 0, tanhSame = 0;
for (int i = 0; i < trials; i++) {
    INDArray z = Nd4j.randn(DataType.DOUBLE, 1, 8);
    double delta = Nd4j.randn(DataType.DOUBLE, 1, 1).getDouble(0);
    INDArray gs = Sigmoid.forward(z).mul(delta), gt = Transforms.tanh(z).mul(delta);
    if (gs.minNumber().doubleValue() * gs.maxNumber().doubleValue() >= 0) sigmoidSame++;
    if (gt.minNumber().doubleValue() * gt.maxNumber().doubleValue() >= 0) tanhSame++;
}
System.out.printf("same-sign fraction: sigmoid inputs %.3f, tanh inputs %.3f (chance for 8 signs: %.4f)%n",
        (double) sigmoidSame / trials, (double) tanhSame / trials, 2 / 256.0);
