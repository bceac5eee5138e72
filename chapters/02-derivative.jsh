// Notebook 2: the derivative sigma'(z) = sigma(z) (1 - sigma(z)).  Run: ./notebook chapters/02-derivative.jsh

// Cell 1: the derivative from forward outputs alone: no exp is needed once sigma(z) is known.
INDArray z = Sigmoid.vector(DataType.DOUBLE, -4, -2, 0, 2, 4);
INDArray s = Sigmoid.forward(z);
INDArray fromOutputs = Sigmoid.derivativeFromOutput(s);
System.out.println("sigma'(z) = " + fromOutputs);

// Cell 2: check it against central finite differences (sigma(z + h) - sigma(z - h)) / 2h.
double h = 1e-5;
INDArray numeric = Sigmoid.forward(z.add(h)).sub(Sigmoid.forward(z.sub(h))).div(2 * h);
Table check = Table.create("derivative check",
        DoubleColumn.create("z", z.toDoubleVector()),
        DoubleColumn.create("s(1-s)", fromOutputs.toDoubleVector()),
        DoubleColumn.create("finite difference", numeric.toDoubleVector()),
        DoubleColumn.create("|difference|", Transforms.abs(fromOutputs.sub(numeric)).toDoubleVector()));
System.out.println(check.print());

// Cell 3: where is the derivative largest? Scan a fine grid; try a finer step and see the answer settle at 0.
INDArray fine = Nd4j.linspace(-5, 5, 100_001, DataType.DOUBLE);
INDArray slopes = Sigmoid.derivative(fine);
long best = slopes.argMax().getLong(0);
System.out.printf("max sigma' = %.6f at z = %.5f%n", slopes.getDouble(best), fine.getDouble(best));

// Cell 4: the peak, 0.25, bounds the sigmoid's own factor sigma'. A layer sigma(w a + b) passes a gradient
// back multiplied by w sigma'(w a + b): the weight multiplies in, and with w = 8 at w a + b = 0 that is 2.
System.out.println("sigma'(0) = " + Sigmoid.derivativeFromOutput(0.5));
double w = 8;
System.out.println("w sigma'(0) for w = 8: " + w * Sigmoid.derivativeFromOutput(Sigmoid.of(0.0)));

// Cell 5: s(1 - s) loses its digits once s is near 1; sigma(z) sigma(-z) is the same on paper and keeps them.
// In float32 ND4J's s is exactly 1 from z = 24 ln 2 = 16.64, and s(1 - s) is 0 there.
INDArray tail = Sigmoid.vector(DataType.FLOAT, 5, 10, 15, 17, 30, 80);
Table derivatives = Table.create("sigma'(z) in float32",
        DoubleColumn.create("z", tail.toDoubleVector()),
        DoubleColumn.create("s(1 - s)", Sigmoid.derivative(tail).toDoubleVector()),
        DoubleColumn.create("sigma(z) sigma(-z)", Sigmoid.forward(tail).mul(Sigmoid.forward(tail.neg())).toDoubleVector()),
        DoubleColumn.create("exact", Arrays.stream(tail.toDoubleVector()).map(ExactSigmoid::derivative).toArray()));
System.out.println(derivatives.print());

// Cell 6: sigma(z) = (1 + tanh(z / 2)) / 2, and near 0 the series 1/2 + z/4 - z^3/48. Try a larger z.
for (double v : new double[]{-1, 0, 0.5, 1, 2}) {
    System.out.printf("z = %4.1f  sigma = %.6f  (1 + tanh(z/2))/2 = %.6f  1/2 + z/4 - z^3/48 = %.6f%n",
            v, Sigmoid.of(v), (1 + Math.tanh(v / 2)) / 2, 0.5 + v / 4 - v * v * v / 48);
}
