package org.sigmoidbook.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.sigmoidbook.runtime.Backend;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.GradientRecorder;
import org.sigmoidbook.toolkit.nn.Networks;

/**
 * Benchmark 4: the Nielsen measurement of the vanishing chapter (M. Nielsen, Neural Networks and Deep
 * Learning, ch. 5, fig/generate_gradient.py) in the book's DL4J code against a vectorised NumPy
 * implementation (benchmarks/peer/nielsen_numpy.py), side by side in one run, from the same initial
 * parameters and the same 1,000 images. Per network, 500 epochs of one full-batch gradient step
 * (learning rate 0.1, L2 lambda 5 / 1,000), with the hidden layers' speeds of learning (norm of the
 * mean dC/db) read from each step's own gradient, as the vanishing chapter reads them with its
 * GradientRecorder: one gradient pass per epoch on both sides. The speeds both sides report are
 * compared, so the timing is of the same computation.
 */
public final class NielsenPeer {

    static final int[][] NETWORKS = {{784, 30, 30, 10}, {784, 30, 30, 30, 10}, {784, 30, 30, 30, 30, 10}};
    static final int IMAGES = 1000;
    static final double ETA = 0.1;
    static final double LAMBDA = 5.0;

    /** Speeds of the hidden layers at initialisation and at the last epoch, and the time the computation took. */
    record Run(double seconds, List<double[]> atInit, List<double[]> last, double productSeconds) {
        Run scaled(int factor) {
            return new Run(seconds * factor, atInit, last, productSeconds * factor);
        }
    }

    private NielsenPeer() {
    }

    /** Runs every configuration; {@code defaultThreads} is the thread count ND4J chose for itself at start. */
    public static String run(Path work, int epochs, long seed, int defaultThreads) throws IOException, InterruptedException {
        Files.createDirectories(work);
        DataSet data = Mnist.load().train().first(IMAGES).tenClass(DataType.DOUBLE);
        List<MultiLayerNetwork> initial = new ArrayList<>();
        for (int[] sizes : NETWORKS) {
            initial.add(network(sizes, DataType.DOUBLE, seed));
        }
        export(work, data, initial, epochs);

        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "Nielsen measurement: %d networks, %d images, %d epochs (one full-batch gradient step each, speeds read from its gradient), "
                + "seed %d; ND4J's own default: %d threads; the peer: %s%n%n", NETWORKS.length, IMAGES, epochs, seed, defaultThreads, numpyVersion()));
        // Warm the JIT and ND4J up on a short run first, so that no configuration pays for it.
        Backend.setThreads(1);
        dl4j(initial, data, DataType.FLOAT, Math.min(epochs, 30));

        // The libraries' default thread settings are an order of magnitude slower here, so those runs
        // cover a tenth of the epochs and their time is scaled up (marked in the table).
        int shortEpochs = Math.max(1, epochs / 10);
        String scaled = String.format(Locale.ROOT, " (%d epochs, time x%d)", shortEpochs, epochs / shortEpochs);
        Map<String, Run> runs = new LinkedHashMap<>();
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            Backend.setThreads(defaultThreads);
            runs.put(String.format(Locale.ROOT, "DL4J %s, %d ND4J threads (ND4J's default)", type, defaultThreads) + scaled,
                    dl4j(initial, data, type, shortEpochs).scaled(epochs / shortEpochs));
            Backend.setThreads(1);
            runs.put(String.format(Locale.ROOT, "DL4J %s, 1 ND4J thread", type), dl4j(initial, data, type, epochs));
        }
        for (String type : List.of("float64", "float32")) {
            runs.put("NumPy " + type + ", default BLAS threads" + scaled, numpy(work, type, null, shortEpochs).scaled(epochs / shortEpochs));
            runs.put("NumPy " + type + ", 1 BLAS thread", numpy(work, type, 1, epochs));
        }

        report.append("| implementation | seconds | ratio to NumPy float64, 1 thread | ratio to NumPy float32, 1 thread "
                + "| of which the products with the images alone (s) |\n|---|---:|---:|---:|---:|\n");
        Run numpy64 = runs.get("NumPy float64, 1 BLAS thread");
        Run numpy32 = runs.get("NumPy float32, 1 BLAS thread");
        runs.forEach((name, r) -> report.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f |%n",
                name, r.seconds(), r.seconds() / numpy64.seconds(), r.seconds() / numpy32.seconds(), r.productSeconds())));
        report.append("\nThe last column times, on their own, the products with the 1000 x 784 images that every pass makes: "
                + "x W1 and x^T delta in both; DL4J also computes W1 delta^T, the gradient with respect to the images, "
                + "which NumPy skips. No tuning around them removes them.\n");

        Run book = runs.get("DL4J FLOAT, 1 ND4J thread");
        Run fastestNumpy = fastest(runs, "NumPy");
        report.append(String.format(Locale.ROOT, "%nThe book's configuration (DL4J FLOAT, 1 ND4J thread, as Backend sets it) against the fastest "
                + "NumPy run: %.2f s / %.2f s = **%.2f**%n", book.seconds(), fastestNumpy.seconds(), book.seconds() / fastestNumpy.seconds()));

        Run dl4jDouble = runs.get("DL4J DOUBLE, 1 ND4J thread");
        report.append("\nSame computation? Speeds of the hidden layers, DL4J DOUBLE against NumPy float64, both on 1 thread "
                + "(largest relative difference over the layers):\n\n");
        report.append("| network | at initialisation | at the last epoch | DL4J speeds at initialisation (first to last hidden layer) |\n|---|---:|---:|---|\n");
        for (int n = 0; n < NETWORKS.length; n++) {
            report.append(String.format(Locale.ROOT, "| %s | %.1e | %.1e | %s |%n", name(NETWORKS[n]),
                    maxRelativeDifference(dl4jDouble.atInit().get(n), numpy64.atInit().get(n)),
                    maxRelativeDifference(dl4jDouble.last().get(n), numpy64.last().get(n)),
                    Arrays.stream(dl4jDouble.atInit().get(n)).mapToObj(v -> String.format(Locale.ROOT, "%.3f", v))
                            .collect(Collectors.joining(", "))));
        }
        return report.toString();
    }

    static MultiLayerNetwork network(int[] sizes, DataType type, long seed) {
        MultiLayerNetwork net = Networks.mlp(sizes[0]).hidden(Arrays.copyOfRange(sizes, 1, sizes.length - 1))
                .activation(Activation.SIGMOID).output(sizes[sizes.length - 1], Activation.SIGMOID, LossFunction.XENT)
                .normalWeights().sgd(ETA).l2(LAMBDA / IMAGES).dataType(type).seed(seed).build();
        Networks.normalBiases(net, 0, 1, seed);
        return net;
    }

    /** Every network from the same initial parameters, in {@code type}; times only the measurement itself. */
    static Run dl4j(List<MultiLayerNetwork> initial, DataSet data, DataType type, int epochs) {
        DataSet typed = new DataSet(data.getFeatures().castTo(type), data.getLabels().castTo(type));
        List<double[]> atInit = new ArrayList<>();
        List<double[]> last = new ArrayList<>();
        double seconds = 0;
        for (int n = 0; n < NETWORKS.length; n++) {
            MultiLayerNetwork net = network(NETWORKS[n], type, 0);
            net.params().assign(initial.get(n).params().castTo(type));
            GradientRecorder recorder = new GradientRecorder();
            net.setListeners(recorder);
            long start = System.nanoTime();
            for (int epoch = 0; epoch < epochs; epoch++) {
                net.fit(typed);
            }
            seconds += (System.nanoTime() - start) / 1e9;
            atInit.add(hiddenSpeeds(recorder.updates(), 0));
            last.add(hiddenSpeeds(recorder.updates(), epochs - 1));
        }
        return new Run(seconds, atInit, last, productSeconds(typed.getFeatures(), epochs * NETWORKS.length));
    }

    /**
     * The three products with the images that DL4J makes in every pass, in the forms DL4J's dense
     * layer uses (results in 'f' order), timed on their own: x W1 forward, x^T delta for dC/dW1 and
     * W1 delta^T, the gradient with respect to the input that DL4J computes for the first layer too.
     */
    private static double productSeconds(INDArray images, int passes) {
        DataType type = images.dataType();
        int hidden = NETWORKS[0][1];
        INDArray w = Nd4j.rand(type, images.columns(), hidden).dup('f');
        INDArray delta = Nd4j.rand(type, images.rows(), hidden).dup('f');
        INDArray z = Nd4j.create(type, new long[]{images.rows(), hidden}, 'f');
        INDArray dw = Nd4j.create(type, new long[]{images.columns(), hidden}, 'f');
        INDArray inputGradient = Nd4j.create(type, new long[]{images.columns(), images.rows()}, 'f');
        long start = System.nanoTime();
        for (int p = 0; p < passes; p++) {
            images.mmuli(w, z);
            images.transpose().mmuli(delta, dw);
            w.mmuli(delta.transpose(), inputGradient);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** The recorded norms of the mean dC/db of the hidden layers, first to last, at one iteration. */
    private static double[] hiddenSpeeds(List<GradientRecorder.Update> recorded, int iteration) {
        return recorded.stream().filter(u -> u.iteration() == iteration && u.role() == GradientRecorder.Role.HIDDEN)
                .sorted(Comparator.comparingInt(GradientRecorder.Update::layer)).mapToDouble(GradientRecorder.Update::biasGradNorm).toArray();
    }

    private static void export(Path work, DataSet data, List<MultiLayerNetwork> nets, int epochs) throws IOException {
        writeDoubles(work.resolve("images.f64"), data.getFeatures());
        writeDoubles(work.resolve("labels.f64"), data.getLabels());
        List<String> specs = new ArrayList<>();
        for (int n = 0; n < nets.size(); n++) {
            String name = name(NETWORKS[n]);
            for (int l = 0; l < NETWORKS[n].length - 1; l++) {
                // DL4J keeps W in 'f' order; write it row-major [n_in, n_out] as NumPy reads it.
                writeDoubles(work.resolve(name + "-W" + l + ".f64"), nets.get(n).getParam(l + "_W").dup('c'));
                writeDoubles(work.resolve(name + "-b" + l + ".f64"), nets.get(n).getParam(l + "_b"));
            }
            specs.add(String.format(Locale.ROOT, "{\"name\": \"%s\", \"sizes\": %s}", name, Arrays.toString(NETWORKS[n])));
        }
        String spec = String.format(Locale.ROOT, "{\"images\": %d, \"pixels\": %d, \"classes\": %d, \"epochs\": %d, "
                        + "\"eta\": %s, \"lambda\": %s, \"networks\": [%s]}", data.numExamples(), data.getFeatures().columns(),
                data.getLabels().columns(), epochs, ETA, LAMBDA, String.join(", ", specs));
        Files.writeString(work.resolve("spec.json"), spec);
    }

    private static void writeDoubles(Path file, INDArray array) throws IOException {
        double[] values = array.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asDoubleBuffer().put(values);
        Files.write(file, bytes.array());
    }

    static Path script() {
        return Path.of("benchmarks", "peer", "nielsen_numpy.py");
    }

    private static String numpyVersion() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("python3", "-c", "import sys, numpy; print('Python', sys.version.split()[0], 'NumPy', numpy.__version__)")
                .redirectErrorStream(true).start();
        String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        process.waitFor();
        return version;
    }

    private static Run fastest(Map<String, Run> runs, String prefix) {
        return runs.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue)
                .min((a, b) -> Double.compare(a.seconds(), b.seconds())).orElseThrow();
    }

    /** Runs the NumPy peer in a fresh python3 (with {@code threads} BLAS threads, or its default when null). */
    static Run numpy(Path work, String type, Integer threads, int epochs) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("python3", script().toString(), work.toString(), type, Integer.toString(epochs))
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        if (threads != null) {
            for (String variable : List.of("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")) {
                builder.environment().put(variable, threads.toString());
            }
        }
        Process process = builder.start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (process.waitFor() != 0) {
            throw new IOException("the NumPy peer failed:\n" + output);
        }
        double seconds = 0;
        double productSeconds = Double.NaN;
        List<double[]> atInit = new ArrayList<>();
        List<double[]> last = new ArrayList<>();
        for (String line : output.lines().toList()) {
            String[] words = line.split(" ");
            if (words[0].equals("network")) {
                seconds += Double.parseDouble(words[2]);
                atInit.add(parse(words[4]));
                last.add(parse(words[6]));
            } else if (words[0].equals("products")) {
                productSeconds = Double.parseDouble(words[1]);
            }
        }
        if (atInit.size() != NETWORKS.length || Double.isNaN(productSeconds)) {
            throw new IOException("unexpected output from the NumPy peer:\n" + output);
        }
        return new Run(seconds, atInit, last, productSeconds);
    }

    private static double[] parse(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    static double maxRelativeDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]) / Math.abs(b[i]));
        }
        return max;
    }

    static String name(int[] sizes) {
        return Arrays.stream(sizes).mapToObj(Integer::toString).collect(Collectors.joining("-"));
    }
}
