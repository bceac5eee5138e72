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

// Cell 4: a minibatch step follows the MEAN gradient, sum over examples of delta_n * a_n / B. The deltas
// differ in sign from example to example, so the sum can mix signs even though every a_n > 0. A toy
// count with random deltas (the chapter measures it in a real network): batches whose 8 gradients agree.
Nd4j.getRandom().setSeed(7);
for (int batch : new int[]{1, 10, 100}) {
    int agree = 0;
    for (int trial = 0; trial < 1000; trial++) {
        INDArray batchA = Sigmoid.forward(Nd4j.randn(DataType.DOUBLE, batch, 8).muli(2));
        INDArray mean = batchA.mulColumnVector(Nd4j.randn(DataType.DOUBLE, batch, 1)).mean(0);
        if (mean.minNumber().doubleValue() * mean.maxNumber().doubleValue() >= 0) agree++;
    }
    System.out.printf("minibatch of %3d: all 8 mean gradients of one sign in %.3f of batches%n", batch, agree / 1000.0);
}

// Cell 5: LeCun's conditioning view. For independent inputs with mean m and variance v,
// E[x x'] = v I + m^2 11': one eigenvalue v + n m^2 and n - 1 eigenvalues v. Sigmoid outputs have m = 1/2.
int n = 16, samples = 20_000;
INDArray u = Nd4j.randn(DataType.DOUBLE, samples, n);
for (String name : new String[]{"sigmoid", "sigmoid - 1/2"}) {
    INDArray x = Sigmoid.forward(u.dup());
    if (name.equals("sigmoid - 1/2")) x.subi(0.5);
    INDArray moment = x.transpose().mmul(x).divi(samples);
    double[] eigen = org.nd4j.linalg.eigen.Eigen.symmetricGeneralizedEigenvalues(moment, false).toDoubleVector();
    double v = x.var(0).meanNumber().doubleValue();
    System.out.printf("%-14s largest %.3f (v + n m^2 = %.3f), smallest %.4f, condition number %.1f%n",
            name, eigen[n - 1], v + n * Math.pow(x.meanNumber().doubleValue(), 2), eigen[0], eigen[n - 1] / eigen[0]);
}
