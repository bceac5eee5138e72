// Notebook 6: the PyTorch calls of the article, in PyTorch itself (libtorch in this JVM, through DJL) and done
// with ND4J, DL4J and SameDiff beside it.
// Run: ./notebook chapters/06-implementation.jsh

// Cell 1: torch.sigmoid(x)  ->  ND4J's Transforms.sigmoid (the toolkit's Sigmoid.forward).
INDArray x = Sigmoid.vector(DataType.FLOAT, -3, 0, 3);
System.out.println("sigmoid(x) = " + Sigmoid.forward(x));

// Cell 2: nn.Sigmoid() as a layer  ->  a DL4J ActivationLayer inside a network.
// (In JShell a line must not start with '.', so chained calls break after the dot.)
var conf = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().list().
        layer(new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder().activation(Activation.SIGMOID).build()).
        setInputType(org.deeplearning4j.nn.conf.inputs.InputType.feedForward(3)).build();
MultiLayerNetwork model = new MultiLayerNetwork(conf);
model.init();
System.out.println("model(x) = " + model.output(x.reshape(1, 3)));

// Cell 2b: the same in PyTorch. The toolkit starts libtorch offline (the first time also unpacks it, seconds);
// where the build has no libtorch it says why, and the PyTorch cells print that instead.
var torch = org.sigmoidbook.toolkit.torch.Torch.start();
if (torch.available()) {
    try (var manager = org.sigmoidbook.toolkit.torch.Torch.manager()) {
        var tx = manager.create(new float[]{-3f, 0f, 3f});
        System.out.println("PyTorch " + torch.version() + ": torch.sigmoid(x) = " + Arrays.toString(ai.djl.nn.Activation.sigmoid(tx).toFloatArray()));
    }
} else {
    System.out.println(torch.problem());
}

// Cell 3: requires_grad, backward() and .grad  ->  a SameDiff variable, calculateGradients and the gradient map.
// The loss is the sum of the outputs, so each gradient is d sigma(z_i) / d z_i.
var sd = org.nd4j.autodiff.samediff.SameDiff.create();
var z = sd.var("z", Sigmoid.vector(DataType.DOUBLE, -3, 0, 2));
sd.nn().sigmoid(z).sum("loss");
sd.setLossVariables("loss");
System.out.println("d sigma / dz at [-3, 0, 2] = " + sd.calculateGradients(new HashMap<String, INDArray>(), "z").get("z"));

// Cell 3b: the same in PyTorch: z.requires_grad, torch.sigmoid(z).sum().backward(), z.grad.
if (torch.available()) {
    System.out.println("PyTorch: d sigma / dz at [-3, 0, 2] = " + Arrays.toString(org.sigmoidbook.toolkit.torch.Autograd.of(DataType.DOUBLE,
            new double[]{-3, 0, 2}, ai.djl.nn.Activation::sigmoid).gradient()));
}

// Cell 4: the same from forward outputs, sigma (1 - sigma): 0.25 at 0, and for example at 2:
System.out.println("sigma(2)(1 - sigma(2)) = " + Sigmoid.derivativeFromOutput(Sigmoid.of(2.0)));

// Cell 5: F.logsigmoid, F.softplus and nn.BCEWithLogitsLoss. ND4J's softPlus is ln(1 + e^z) as written and
// overflows in FLOAT at z = 100; SameDiff's sigmoidCrossEntropy (labels first, then logits) works from the
// logit and stays finite. With y = 1 it is -log sigma(z); with y = 0 it is softplus(z).
INDArray logits = Sigmoid.vector(DataType.FLOAT, -100, -3, 0, 3, 100);
System.out.println("Transforms.softPlus(z)   = " + Transforms.softPlus(logits, true));
var lossGraph = org.nd4j.autodiff.samediff.SameDiff.create();
var bce = lossGraph.loss().sigmoidCrossEntropy("bce", lossGraph.constant(Nd4j.zerosLike(logits)), lossGraph.constant(logits), null,
        org.nd4j.autodiff.loss.LossReduce.NONE, 0.0);
System.out.println("BCE with logits, y = 0   = " + bce.eval());

// Cell 6: PyTorch's own F.logsigmoid, which DJL does not expose: a one-line TorchScript module that libtorch compiles.
// It stays finite where ND4J's LogSigmoid op gives -Infinity (float32, z = -100).
if (torch.available()) {
    try (var logSigmoid = org.sigmoidbook.toolkit.torch.TorchScript.of("LogSigmoid", "z: Tensor", "torch.log_sigmoid(z)")) {
        System.out.println("PyTorch F.logsigmoid(z) = " + Arrays.toString(org.sigmoidbook.toolkit.torch.Autograd.of(DataType.FLOAT,
                new double[]{-100, -3, 0, 3, 100}, logSigmoid::apply).value()));
    }
}
