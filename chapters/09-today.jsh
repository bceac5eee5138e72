// Notebook 9: where the sigmoid still works.  Run: ./notebook chapters/09-today.jsh
// Or open JShell with ./notebook and paste the cells one at a time.
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sigmoidbook.book.Rows;
import org.sigmoidbook.chapters.today.*;

// Cell 1: the centred sigmoid is a tanh at half the speed: 2 sigma(z) - 1 = tanh(z/2), checked in FLOAT.
INDArray z = Nd4j.linspace(-8, 8, 1025, DataType.FLOAT);
INDArray centred = Transforms.sigmoid(z, true).muli(2).subi(1);
INDArray tanhHalf = Transforms.tanh(z.div(2), false);
System.out.println("max |2 sigma(z) - 1 - tanh(z/2)| in FLOAT: " + Transforms.abs(centred.sub(tanhHalf), false).maxNumber()
        + "  (eps of FLOAT: " + Math.ulp(1.0f) + ")");

// Cell 2: SiLU (DL4J's SWISH) and the hard sigmoid at a few points, with the derivatives DL4J back-propagates.
// DL4J's activations overwrite their input: give every call its own copy.
INDArray points = Nd4j.createFromArray(-4.0, -1.27846, 0.0, 1.0, 2.5, 4.0);
for (Activation activation : List.of(Activation.SIGMOID, Activation.SWISH, Activation.HARDSIGMOID)) {
    IActivation f = activation.getActivationFunction();
    System.out.printf("%-12s value %s%n%-12s slope %s%n", activation, f.getActivation(points.dup(), false),
            "", f.backprop(points.dup(), Nd4j.onesLike(points)).getFirst());
}

// Cell 3: DL4J's SWISH gradient in FLOAT just below and just above z = ln(sqrt(largest float)) = 44.36.
INDArray large = Nd4j.createFromArray(44.0f, 44.5f);
System.out.println("SWISH slope at 44 and 44.5 (true value: 1): "
        + Activation.SWISH.getActivationFunction().backprop(large.dup(), Nd4j.onesLike(large)).getFirst());

// Cell 4: an LSTM's gates, rebuilt from DL4J's parameters, on 20 halved digits (14 rows of 14 pixels), untrained.
Mnist.Split digits = Mnist.load();
INDArray sequences = LstmGates.sequences(digits.test().first(20)).getFeatures();
MultiLayerNetwork lstm = LstmGates.network(42);
LstmGates.Trace trace = LstmGates.trace(lstm, sequences);
System.out.printf("mean gate values at initialisation: input %.3f, forget %.3f (sigma(1) = %.3f), output %.3f%n",
        trace.input().meanNumber().doubleValue(), trace.forget().meanNumber().doubleValue(), 1 / (1 + Math.exp(-1)),
        trace.output().meanNumber().doubleValue());
System.out.println("rebuilt h_t against the layer's own: largest difference " + LstmGates.rebuildError(lstm, sequences));

// Cell 5: a little training (30 updates), then the share of gate values near open and near shut.
Minibatches batches = new Minibatches(LstmGates.sequences(digits.train().first(2000)), LstmGates.BATCH_SIZE, 42);
for (int i = 0; i < 30; i++) {
    lstm.fit(batches.next());
}
trace = LstmGates.trace(lstm, sequences);
for (LstmGates.Gate gate : LstmGates.Gate.values()) {
    INDArray values = trace.gate(gate);
    System.out.printf("%-7s gate: mean %.3f, above 0.9: %.1f%%, below 0.1: %.1f%%%n", gate.id(), values.meanNumber().doubleValue(),
            100 * values.gt(0.9).castTo(DataType.FLOAT).meanNumber().doubleValue(),
            100 * values.lt(0.1).castTo(DataType.FLOAT).meanNumber().doubleValue());
}

// Cell 6: the three labels of every digit, and the combinations they make (only 6 of the 8 occur).
for (int digit = 0; digit <= 9; digit++) {
    System.out.println(digit + ": " + MultiLabel.describe(MultiLabel.combination(digit)));
}

// Cell 7: three sigmoid outputs against a softmax over the 8 combinations, one epoch on 1000 digits, one seed.
MultiLabel.Data labelled = MultiLabel.Data.of(digits, 1000);
MultiLabel.Budget budget = new MultiLabel.Budget(1000, 1);
MultiLabelResult heads = MultiLabel.run(MultiLabel.Head.SIGMOIDS, 42, budget, labelled).append(
        MultiLabel.run(MultiLabel.Head.SOFTMAX, 42, budget, labelled));
System.out.println(Rows.table("multilabel", MultiLabelResult.LabelAccuracy.class, heads.accuracy()).print());

// Cell 8: SiLU beside ReLU, saved to a file.
double[] grid = Charts.range(-6, 6, 241);
INDArray gridZ = Nd4j.createFromArray(grid);
XYChart chart = Charts.xy("SiLU z·σ(z) beside ReLU", "z", "activation");
Charts.line(chart, "SiLU (DL4J's SWISH)", grid, Activation.SWISH.getActivationFunction().getActivation(gridZ.dup(), false).toDoubleVector());
Charts.reference(chart, "ReLU", grid, Arrays.stream(grid).map(v -> Math.max(0, v)).toArray());
Path out = Files.createDirectories(Path.of("target", "notebooks"));
FigureFiles.save(chart, out.resolve("09-silu"));
System.out.println("chart written to " + out.resolve("09-silu.png"));
