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
