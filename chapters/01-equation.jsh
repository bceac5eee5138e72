// Notebook 1: the sigmoid equation.  Run: ./notebook chapters/01-equation.jsh
// Or open JShell with ./notebook and paste the cells one at a time.

// Cell 1: sigma(z) = 1 / (1 + e^-z) on a few inputs, with ND4J, in float64 (DOUBLE).
INDArray z = Sigmoid.vector(DataType.DOUBLE, -10, -3, -1, 0, 1, 3, 10);
INDArray s = Sigmoid.forward(z);
System.out.println("z     = " + z);
System.out.println("sigma = " + s);

// Cell 2: the same numbers as a Tablesaw table, with 1 - sigma(z) beside sigma(-z): the curve is symmetric.
Table values = Table.create("sigmoid",
        DoubleColumn.create("z", z.toDoubleVector()),
        DoubleColumn.create("sigma(z)", s.toDoubleVector()),
        DoubleColumn.create("sigma(-z)", Sigmoid.forward(z.neg()).toDoubleVector()),
        DoubleColumn.create("1 - sigma(z)", s.rsub(1).toDoubleVector()));
System.out.println(values.print());

// Cell 3: in float32, 1 - sigma(z) keeps only the last bits of sigma(z); sigma(-z) keeps them all.
// Near 1 the float32 numbers are 2^-24 apart, so 1 - sigma(15) is a whole number of 2^-24.
INDArray tail = Sigmoid.vector(DataType.FLOAT, 10, 15, 16, 17, 18);
Table cancellation = Table.create("1 - sigma(z) in float32",
        DoubleColumn.create("z", tail.toDoubleVector()),
        DoubleColumn.create("1 - sigma(z)", Sigmoid.forward(tail).rsub(1).toDoubleVector()),
        DoubleColumn.create("sigma(-z)", Sigmoid.forward(tail.neg()).toDoubleVector()),
        DoubleColumn.create("exact", Arrays.stream(tail.toDoubleVector()).map(v -> ExactSigmoid.of(-v)).toArray()));
System.out.println(cancellation.print());

// Cell 4: where sigma(z) becomes exactly 1 in float32. ND4J's 1 / (1 + e^-z) is 1 once e^-z <= 2^-24, from
// 24 ln 2; the true value rounded to the nearest float32 is 1 only once sigma(-z) <= 2^-25, from 25 ln 2.
for (double v : new double[]{16.6, 16.7, 17.3, 17.4}) {
    System.out.printf("z = %.1f: ND4J %s, correctly rounded %s%n", v,
            Sigmoid.at(v, DataType.FLOAT) == 1.0 ? "1" : "below 1", (float) ExactSigmoid.of(v) == 1.0f ? "1" : "below 1");
}

// Cell 5: the output never reaches 0 or 1 for moderate inputs: it is a probability, P(y = 1 | x).
// Change the logit and see how confident the "classifier" becomes.
double logit = 2.0;
System.out.printf("a logit of %.1f means P(y=1|x) = %.4f%n", logit, Sigmoid.of(logit));

// Cell 6: a steeper sigmoid sigma(k z): larger k approaches a step function. Draw it to a file.
XYChart chart = Charts.xy("σ(k z) for several k", "z", "σ(k z)");
double[] grid = Charts.range(-6, 6, 241);
for (double k : new double[]{0.5, 1, 4}) {
    double kk = k;
    Charts.line(chart, "k = " + k, grid, Arrays.stream(grid).map(v -> Sigmoid.of(kk * v)).toArray());
}
Path out = Files.createDirectories(Path.of("target", "notebooks"));
FigureFiles.save(chart, out.resolve("01-steepness"));
System.out.println("chart written to " + out.resolve("01-steepness.png"));

// Cell 7: the logit ln(p / (1 - p)) undoes the sigmoid, and a two-class softmax is the sigmoid of the
// difference of the two scores: softmax(z1, z2) for class 1 equals sigma(z1 - z2).
INDArray probabilities = Sigmoid.forward(Sigmoid.vector(DataType.DOUBLE, -2, 0, 3));
System.out.println("logit(sigma([-2, 0, 3])) = " + Transforms.log(probabilities.div(probabilities.rsub(1.0))));
INDArray scores = Nd4j.createFromArray(new double[][]{{1.5, -0.5}, {0, 3}});
System.out.println("softmax, class 1 = " + Transforms.softmax(scores, true).getColumn(0));
System.out.println("sigma(z1 - z2)   = " + Sigmoid.forward(scores.getColumn(0).sub(scores.getColumn(1))));
