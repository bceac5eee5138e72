// Notebook 10: where the sigmoid still works.  Run: ./notebook chapters/10-today.jsh
// Or open JShell with ./notebook and paste the cells one at a time.
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sigmoidbook.book.Rows;
import org.sigmoidbook.chapters.today.*;

// Cell 1: centred, the sigmoid is half a tanh of z/2 (chapter 2), so its slope at 0 stays 1/4, a quarter of tanh's.
double h = 1e-4;
System.out.printf("slope at 0: sigma(z) - 1/2 %.6f, tanh(z) %.6f%n",
        (Sigmoid.of(h) - Sigmoid.of(-h)) / (2 * h), (Math.tanh(h) - Math.tanh(-h)) / (2 * h));

// Cell 2: SiLU (DL4J's SWISH) and the hard sigmoid at a few points, with the derivatives DL4J back-propagates.
// DL4J's activations overwrite their input: give every call its own copy.
INDArray points = Nd4j.createFromArray(-4.0, -1.27846, 0.0, 1.0, 2.5, 4.0);
for (Activation activation : List.of(Activation.SIGMOID, Activation.SWISH, Activation.HARDSIGMOID)) {
    IActivation f = activation.getActivationFunction();
    System.out.printf("%-12s value %s%n%-12s slope %s%n", activation, f.getActivation(points.dup(), false),
            "", f.backprop(points.dup(), Nd4j.onesLike(points)).getFirst());
}

// Cell 3: DL4J's SWISH gradient in float32 just below and just above z = ln(sqrt(largest float)) = 44.36.
INDArray large = Nd4j.createFromArray(44.0f, 44.5f);
System.out.println("SWISH slope at 44 and 44.5 (true value: 1): "
        + Activation.SWISH.getActivationFunction().backprop(large.dup(), Nd4j.onesLike(large)).getFirst());

// Cell 4: the recall task: 40 steps of a number in [-1, 1] and a marker on one of the first 3; the answer is the marked number.
RecallTask.Data recall = RecallTask.Data.of(40, 90 * LstmGates.BATCH_SIZE, 200, 42);
System.out.println("first sequence, numbers: " + recall.test().getFeatures().get(NDArrayIndex.point(0), NDArrayIndex.point(0), NDArrayIndex.interval(0, 6)));
System.out.println("first sequence, marker:  " + recall.test().getFeatures().get(NDArrayIndex.point(0), NDArrayIndex.point(1), NDArrayIndex.interval(0, 6)));
System.out.println("its answer: " + recall.test().getLabels().getDouble(0, 0));

// Cell 5: the gates of an untrained LSTM, rebuilt from DL4J's parameters: DL4J's initialisation against chrono's.
INDArray probe = recall.test().getFeatures();
for (LstmGates.Init init : LstmGates.Init.values()) {
    LstmGates.Trace trace = LstmGates.trace(LstmGates.network(init, 40, 42), probe);
    System.out.printf("%-12s forget gate mean %.3f, above 0.9: %.0f%%; input gate mean %.3f, below 0.1: %.0f%%%n", init.id(),
            trace.forget().meanNumber().doubleValue(), 100 * trace.forget().gt(0.9).castTo(DataType.FLOAT).meanNumber().doubleValue(),
            trace.input().meanNumber().doubleValue(), 100 * trace.input().lt(0.1).castTo(DataType.FLOAT).meanNumber().doubleValue());
}

// Cell 6: 90 updates from each start (seconds of CPU), then the error on the held-out sequences (1 = always answering 0).
for (LstmGates.Init init : LstmGates.Init.values()) {
    LstmGates.Result result = LstmGates.run(init, 42, new LstmGates.Budget(40, 90, 90, 100, 200), recall);
    System.out.printf("%-12s error after 90 updates: %.3f%n", init.id(), result.run().heldoutRelativeError());
}

// Cell 7: the three labels of every digit, and the combinations they make (only 6 of the 8 occur).
for (int digit = 0; digit <= 9; digit++) {
    System.out.println(digit + ": " + MultiLabel.describe(MultiLabel.combination(digit)));
}

// Cell 8: three sigmoid outputs against a softmax over the 8 combinations, one epoch on 1000 digits, one seed.
Mnist.Split digits = Mnist.load();
MultiLabel.Data labelled = MultiLabel.Data.allDigits(digits, 1000);
MultiLabel.Budget budget = new MultiLabel.Budget(1000, 1);
MultiLabelResult heads = MultiLabel.run(MultiLabel.Head.SIGMOIDS, 42, budget, labelled).append(
        MultiLabel.run(MultiLabel.Head.SOFTMAX, 42, budget, labelled));
System.out.println(Rows.table("multilabel", MultiLabelResult.LabelAccuracy.class, heads.accuracy()).print());

// Cell 9: triplets of digits, label i from digit i, trained without the 9's combination; scored with and without it.
MultiLabel.Data triplets = Triplets.data(digits, 1000, 500, 42);
System.out.println(Rows.table("triplets", MultiLabelResult.LabelAccuracy.class,
        MultiLabel.run(MultiLabel.Head.SIGMOIDS, 42, budget, triplets).accuracy()).print());

// Cell 10: SiLU beside ReLU, saved to a file.
double[] grid = Charts.range(-6, 6, 241);
INDArray gridZ = Nd4j.createFromArray(grid);
XYChart chart = Charts.xy("SiLU z·σ(z) beside ReLU", "z", "activation");
Charts.line(chart, "SiLU (DL4J's SWISH)", grid, Activation.SWISH.getActivationFunction().getActivation(gridZ.dup(), false).toDoubleVector());
Charts.reference(chart, "ReLU", grid, Arrays.stream(grid).map(v -> Math.max(0, v)).toArray());
Path out = Files.createDirectories(Path.of("target", "notebooks"));
FigureFiles.save(chart, out.resolve("10-silu"));
System.out.println("chart written to " + out.resolve("10-silu.png"));
