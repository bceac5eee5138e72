// Notebook 9: sigmoid outputs you can trust.  Run: ./notebook chapters/09-probability.jsh
// Or open JShell with ./notebook and paste the cells one at a time.
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.sigmoidbook.chapters.equation.Calibration;

// Cell 1: "is it a 9?" on the book's digits. Train on the first 1200, keep the last 1000 of the
// training file to fit a temperature on, and score on the 2000 held-out digits.
Mnist.Split mnist = Mnist.load();
INDArray features = mnist.train().features(DataType.FLOAT);
INDArray nines = mnist.train().binaryLabels(9, DataType.FLOAT);
DataSet train = new DataSet(features.get(NDArrayIndex.interval(0, 1200), NDArrayIndex.all()),
        nines.get(NDArrayIndex.interval(0, 1200), NDArrayIndex.all()));
INDArray validationX = features.get(NDArrayIndex.interval(7000, 8000), NDArrayIndex.all());
double[] validationY = nines.get(NDArrayIndex.interval(7000, 8000), NDArrayIndex.all()).toDoubleVector();
double[] heldoutY = mnist.test().binaryLabels(9, DataType.FLOAT).toDoubleVector();

// Cell 2: a small network whose output is the logit z, with the book's fused cross-entropy, trained
// long enough to grow overconfident (a few seconds).
// (JShell reads a line that ends a statement as the statement's end: the chain breaks after its dots.)
MultiLayerNetwork net = Networks.mlp(Digits.PIXELS).hidden(32).activation(Activation.RELU).
        weights(WeightInit.RELU.getWeightInitFunction()).
        output(1, Activation.IDENTITY, new BinaryCrossEntropyWithLogits()).updater(new Adam(0.01)).seed(7).build();
Minibatches batches = new Minibatches(train, 200, 7);
for (int epoch = 0; epoch < 30; epoch++) {
    for (DataSet batch : batches.epoch()) {
        net.fit(batch);
    }
}
double[] validationZ = net.output(validationX, false).toDoubleVector();
double[] heldoutZ = net.output(mnist.test().features(DataType.FLOAT), false).toDoubleVector();

// Cell 3: fit a temperature: the T that minimises the validation cross-entropy of sigma(z / T).
// The cross-entropy from the logit u, softplus(u) - y u, which no rounding of sigma(u) to 1 can break.
double crossEntropy(double[] z, double[] y, double temperature) {
    double sum = 0;
    for (int i = 0; i < z.length; i++) {
        double u = z[i] / temperature;
        sum += Math.max(u, 0) + Math.log1p(Math.exp(-Math.abs(u))) - y[i] * u;
    }
    return sum / z.length;
}
// It is convex in 1/T: a golden-section search on [0.2, 20] finds the minimum.
double low = 0.2, high = 20, ratio = (Math.sqrt(5) - 1) / 2;
while (high - low > 1e-6) {
    double a = high - ratio * (high - low), b = low + ratio * (high - low);
    if (crossEntropy(validationZ, validationY, a) < crossEntropy(validationZ, validationY, b)) {
        high = b;
    } else {
        low = a;
    }
}
double temperature = (low + high) / 2;
System.out.printf("temperature T = %.3f (above 1: the network was overconfident)%n", temperature);

// Cell 4: ECE (chapter 1's Calibration, 10 bins) and the cross-entropy on the held-out digits,
// before and after. Dividing z by T > 0 changes no decision at 1/2, so the accuracy stays.
int[] outcomes = Arrays.stream(heldoutY).mapToInt(y -> (int) y).toArray();
double[] before = Arrays.stream(heldoutZ).map(Sigmoid::of).toArray();
double[] after = Arrays.stream(heldoutZ).map(z -> Sigmoid.of(z / temperature)).toArray();
Table scores = Table.create("held-out digits, before and after temperature scaling",
        StringColumn.create("outputs", "as trained", "divided by T"),
        DoubleColumn.create("ECE", Calibration.of(before, outcomes, 10).expectedCalibrationError(),
                Calibration.of(after, outcomes, 10).expectedCalibrationError()),
        DoubleColumn.create("cross-entropy", crossEntropy(heldoutZ, heldoutY, 1), crossEntropy(heldoutZ, heldoutY, temperature)),
        DoubleColumn.create("accuracy", Accuracy.ofProbabilities(before, heldoutY), Accuracy.ofProbabilities(after, heldoutY)));
System.out.println(scores.print());

// Cell 5: change the training (epochs in cell 2, say 5 instead of 30) and run cells 2 to 4 again:
// a network stopped early is less overconfident, and its temperature is nearer 1.
