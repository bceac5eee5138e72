// Notebook 7: sigmoid belongs on the output layer.  Run: ./notebook chapters/07-output-layer.jsh
// The chapter's network (org.sigmoidbook.chapters.outputlayer.OutputLayerChapter.network): five hidden
// layers of 32 units, one sigmoid output unit with binary cross-entropy, weights N(0, 1/n_in), SGD lr 0.1.
import org.sigmoidbook.chapters.outputlayer.OutputLayerChapter;

// Cell 1: a binary task, "is this digit a 9 (or a 4)?", on 800 training digits and every held-out 4 and 9.
var split = Mnist.load();
var train = split.train().onlyClasses(4, 9).first(800).binary(9, DataType.FLOAT);
var test = split.test().onlyClasses(4, 9).binary(9, DataType.FLOAT);

// Cell 2: the forward signal at initialisation. For each hidden layer, how much a unit's output varies
// from digit to digit (std over the held-out digits, averaged over the units). Sigmoid loses about 4x per layer.
for (HiddenUnit hidden : new HiddenUnit[]{HiddenUnit.SIGMOID, HiddenUnit.TANH}) {
    MultiLayerNetwork net = OutputLayerChapter.network(784, 32, hidden).seed(1).build();
    List<INDArray> activations = net.feedForward(test.getFeatures(), false);
    StringBuilder line = new StringBuilder(hidden.label() + " spread per layer:");
    for (int layer = 1; layer <= 5; layer++) {
        line.append(String.format(" %.2e", activations.get(layer).std(0).meanNumber().doubleValue()));
    }
    System.out.println(line);
}

// Cell 3: the book's setup against weights x4, 4 epochs each on the same minibatches. The factor 4 = 1/sigma'(0)
// gives the sigmoid tanh's slope at 0; the Deep Learning Tutorials' MLP uses it, citing Glorot and Bengio (2010),
// who derived their initialisation for units with slope 1 at 0. Held-out accuracy (Accuracy.of): an output of
// at least 1/2 reads as "a 9".
for (double scale : new double[]{1, 4}) {
    MultiLayerNetwork net = OutputLayerChapter.network(784, 32, HiddenUnit.SIGMOID).seed(1).build();
    Networks.scaleWeights(net, scale);
    var batches = new Minibatches(train, 32, 1);
    for (int epoch = 0; epoch < 4; epoch++) batches.epoch().forEach(b -> net.fit(b.getFeatures(), b.getLabels()));
    System.out.printf("weights x%.0f: held-out accuracy %.3f, loss %.3f (ln 2 = %.3f)%n", scale, Accuracy.of(net, test), net.score(test), Math.log(2));
}

// Cell 4: the output unit is a probability: P(9 | x) for five held-out digits of an untrained network sits near 1/2.
System.out.println("P(9 | x), untrained: " + OutputLayerChapter.network(784, 32, HiddenUnit.TANH).seed(1).build()
        .output(test.getFeatures().getRows(0, 1, 2, 3, 4)));

// Cell 5: tanh(z) = 2 sigma(2z) - 1, so every tanh network is a sigmoid network with other weights and biases
// (the chapter's sigmoid-as-tanh remedy). The largest difference over z in [-6, 6], in float64:
double largest = 0;
for (double z = -6; z <= 6; z += 0.01) largest = Math.max(largest, Math.abs(Math.tanh(z) - (2 * Sigmoid.of(2 * z) - 1)));
System.out.println("max |tanh(z) - (2 sigma(2z) - 1)| = " + largest);
