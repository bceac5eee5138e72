// Notebook 8: the sigmoid and its cross-entropy in floating point.  Run: ./notebook chapters/08-cross-entropy.jsh
// Or open JShell with ./notebook and paste the cells one at a time.
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

// Cell 1: a confidently wrong output, label 0, at a few logits z, in float32 (ND4J's FLOAT).
// On paper dC/dz = sigma(z) - y = sigma(z): about 1 for all of these.
double[] logits = {10, 12, 15, 16, 17, 20};
INDArray z = Nd4j.createFromArray(logits).castTo(DataType.FLOAT).reshape(logits.length, 1);
INDArray labels = Nd4j.zeros(DataType.FLOAT, logits.length, 1);

// Cell 2: DL4J's XENT behind a sigmoid. It overwrites its pre-output argument, so give it a copy.
INDArray dl4j = new LossBinaryXENT().computeGradient(labels, z.dup(), new ActivationSigmoid(), null);

// Cell 3: the toolkit's fused loss behind an identity activation: the logit goes in, sigma(z) - y comes out.
INDArray fused = new BinaryCrossEntropyWithLogits().computeGradient(labels, z.dup(), new ActivationIdentity(), null);

Table gradients = Table.create("dC/dz for label 0, float32",
        DoubleColumn.create("z", logits),
        DoubleColumn.create("DL4J XENT", dl4j.toDoubleVector()),
        DoubleColumn.create("fused", fused.toDoubleVector()),
        DoubleColumn.create("exact sigma(z)", Arrays.stream(logits).map(ExactSigmoid::of).toArray()));
System.out.println(gradients.print());

// Cell 4: DL4J's gradient is (a - y) / (a (1 - a)) with a clipped to [1e-5, 1 - 1e-5], times s (1 - s):
// about 1e5 e^-z past z = 11.5, and 0 once ND4J's s is 1. The same in float64, where s stays below 1:
INDArray z64 = z.castTo(DataType.DOUBLE);
System.out.println("DL4J XENT in float64: " + Arrays.toString(new LossBinaryXENT()
        .computeGradient(labels.castTo(DataType.DOUBLE), z64.dup(), new ActivationSigmoid(), null).toDoubleVector()));
System.out.println("1e5 e^-z:             " + Arrays.toString(Arrays.stream(logits).map(v -> 1e5 * Math.exp(-v)).toArray()));

// Cell 5: the losses. DL4J's is capped near 11.51; the exact loss log(1 + e^z) is about z.
INDArray dl4jLoss = new LossBinaryXENT().computeScoreArray(labels, z.dup(), new ActivationSigmoid(), null);
INDArray fusedLoss = new BinaryCrossEntropyWithLogits().computeScoreArray(labels, z.dup(), new ActivationIdentity(), null);
System.out.println("DL4J XENT loss: " + Arrays.toString(dl4jLoss.toDoubleVector()));
System.out.println("fused loss:     " + Arrays.toString(fusedLoss.toDoubleVector()));

// Cell 6: the gradient over 0 <= z <= 20 on a log axis, saved to a file. Exact zeros leave a gap.
double[] grid = Charts.range(0, 20, 161);
INDArray gridZ = Nd4j.createFromArray(grid).castTo(DataType.FLOAT).reshape(grid.length, 1);
INDArray gridLabels = Nd4j.zeros(DataType.FLOAT, grid.length, 1);
XYChart chart = Charts.xy("∂C/∂z for label 0 in float32", "logit z", "∂C/∂z (log scale)");
Charts.logY(chart);
Charts.line(chart, "fused BCE with logits",
        grid, new BinaryCrossEntropyWithLogits().computeGradient(gridLabels, gridZ.dup(), new ActivationIdentity(), null).toDoubleVector());
Charts.line(chart, "DL4J XENT (sigmoid, clipped)",
        grid, new LossBinaryXENT().computeGradient(gridLabels, gridZ.dup(), new ActivationSigmoid(), null).toDoubleVector());
Path out = Files.createDirectories(Path.of("target", "notebooks"));
FigureFiles.save(chart, out.resolve("08-output-gradient"));
System.out.println("chart written to " + out.resolve("08-output-gradient.png"));
