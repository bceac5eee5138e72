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

// Cell 6: full-batch descent on a two-weight linear neuron, loss mean (w.x - t)^2 with Hessian 2E[xx'], at
// eta = 1/lambda_max of that Hessian. Positive inputs have a large eigenvalue along (1, 1) and a small one along
// (1, -1), where the start (-1.5, 1.5) lies; centring removes the large one and so allows a larger rate. At the
// SAME rate the centred inputs are no faster: their smallest eigenvalue is no larger (interlacing).
double[][] positiveInputs = new double[40][2];
Random draws = new Random(42);
for (double[] row : positiveInputs) { row[0] = Sigmoid.of(draws.nextGaussian()); row[1] = Sigmoid.of(draws.nextGaussian()); }
double[] inputMean = {Arrays.stream(positiveInputs).mapToDouble(r -> r[0]).average().orElseThrow(),
        Arrays.stream(positiveInputs).mapToDouble(r -> r[1]).average().orElseThrow()};
double[][] centredInputs = Arrays.stream(positiveInputs).map(r -> new double[]{r[0] - inputMean[0], r[1] - inputMean[1]}).toArray(double[][]::new);
double hessianTop(double[][] xs) {
    double a = 0, b = 0, c = 0;
    for (double[] r : xs) { a += 2 * r[0] * r[0] / xs.length; b += 2 * r[0] * r[1] / xs.length; c += 2 * r[1] * r[1] / xs.length; }
    return (a + c) / 2 + Math.hypot((a - c) / 2, b);
}
int fullBatchSteps(double[][] xs, double eta) {
    double[] error = {-3, 3};   // w - w* from the start (-1.5, 1.5) to the optimum (1.5, -1.5)
    for (int step = 1; step <= 5000; step++) {
        double g0 = 0, g1 = 0;
        for (double[] r : xs) { double e = error[0] * r[0] + error[1] * r[1]; g0 += 2 * e * r[0] / xs.length; g1 += 2 * e * r[1] / xs.length; }
        error[0] -= eta * g0; error[1] -= eta * g1;
        if (Math.hypot(error[0], error[1]) < 0.01 * Math.hypot(3, 3)) return step;
    }
    return -1;
}
double positiveRate = 1 / hessianTop(positiveInputs), centredRate = 1 / hessianTop(centredInputs);
System.out.printf("positive inputs at 1/lambda_max = %.2f: %d steps%n", positiveRate, fullBatchSteps(positiveInputs, positiveRate));
System.out.printf("centred inputs at their 1/lambda_max = %.2f: %d steps%n", centredRate, fullBatchSteps(centredInputs, centredRate));
System.out.printf("centred inputs at the positive inputs' rate: %d steps%n", fullBatchSteps(centredInputs, positiveRate));
