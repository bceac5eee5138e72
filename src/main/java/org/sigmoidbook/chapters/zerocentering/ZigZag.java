package org.sigmoidbook.chapters.zerocentering;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/**
 * One linear neuron with two weights and no bias, fitted by plain gradient descent in DL4J, once on
 * inputs x = sigma(u) > 0 and once on the same inputs centred. Tables {@code zigzag-inputs} (the
 * inputs, from which the loss contours follow) and {@code zigzag-paths} (the weights after every step).
 */
final class ZigZag {

    static final int EXAMPLES = 40;
    static final double[] OPTIMUM = {1.5, -1.5};
    static final double[] START = {-1.5, 1.5};
    /** "Converged" = within this fraction of the starting distance from the optimum. */
    static final double TOLERANCE = 0.01;
    static final int MAX_STEPS = 5000;

    private ZigZag() {
    }

    /** The two input sets: sigmoid outputs, and the same centred. */
    enum Inputs {
        POSITIVE("positive"), CENTRED("centred");

        private final String id;

        Inputs(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** One input of one set: a row of {@code zigzag-inputs}. */
    record Input(Inputs inputs, double x1, double x2) {
    }

    /** The weights after {@code step} steps on one set: a row of {@code zigzag-paths}. */
    record PathPoint(Inputs inputs, int step, double w1, double w2) {
    }

    /** Inputs x = sigma(u), u ~ N(0, 1) per coordinate: what a layer of sigmoid units hands on. */
    static double[][] sigmoidInputs(long seed) {
        Random random = new Random(seed);
        double[][] x = new double[EXAMPLES][2];
        for (double[] row : x) {
            row[0] = Sigmoid.of(random.nextGaussian());
            row[1] = Sigmoid.of(random.nextGaussian());
        }
        return x;
    }

    static double[][] centred(double[][] x) {
        double[] mean = new double[2];
        for (double[] row : x) {
            mean[0] += row[0] / x.length;
            mean[1] += row[1] / x.length;
        }
        double[][] c = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            c[i] = new double[]{x[i][0] - mean[0], x[i][1] - mean[1]};
        }
        return c;
    }

    /** Targets from the optimum itself, so both input sets share the optimum and reach zero loss there. */
    static double[] targets(double[][] x) {
        double[] t = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            t[i] = OPTIMUM[0] * x[i][0] + OPTIMUM[1] * x[i][1];
        }
        return t;
    }

    /**
     * The largest step size that never overshoots on any single example: with squared error
     * (w.x - t)^2 a step of learning rate eta scales that example's error by 1 - 2 eta |x|^2.
     */
    static double learningRate(double[][] x) {
        double largest = 0;
        for (double[] row : x) {
            largest = Math.max(largest, row[0] * row[0] + row[1] * row[1]);
        }
        return 1 / (2 * largest);
    }

    /** A linear neuron y = w1 x1 + w2 x2 without bias, squared error, in DL4J. */
    static MultiLayerNetwork neuron(double learningRate) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).updater(new Sgd(learningRate)).weightInit(WeightInit.ZERO)
                .list()
                .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(2).nOut(1).activation(Activation.IDENTITY)
                        .hasBias(false).build())
                .build());
        net.init();
        net.getParam("0_W").assign(Nd4j.createFromArray(START).reshape(2, 1));
        return net;
    }

    /** The weights after every step of plain gradient descent, the start included. */
    record Descent(double[] w1, double[] w2, int stepsToTolerance) {
    }

    /** One example per step, cycling through the examples in order, until within tolerance of the optimum. */
    static Descent descend(double[][] x, double learningRate, int maxSteps) {
        MultiLayerNetwork net = neuron(learningRate);
        double[] t = targets(x);
        List<double[]> points = new ArrayList<>();
        points.add(START.clone());
        int reached = -1;
        for (int step = 1; step <= maxSteps && reached < 0; step++) {
            int i = (step - 1) % x.length;
            net.fit(new DataSet(Nd4j.createFromArray(new double[][]{x[i]}), Nd4j.createFromArray(new double[][]{{t[i]}})));
            double[] w = net.getParam("0_W").toDoubleVector();
            points.add(w);
            if (withinTolerance(w[0], w[1])) {
                reached = step;
            }
        }
        return new Descent(points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray(), reached);
    }

    static boolean withinTolerance(double w1, double w2) {
        double startDistance = Math.hypot(START[0] - OPTIMUM[0], START[1] - OPTIMUM[1]);
        return Math.hypot(w1 - OPTIMUM[0], w2 - OPTIMUM[1]) < TOLERANCE * startDistance;
    }

    /** The mean squared error of the neuron with weights {@code w} on inputs {@code x}. */
    static double loss(double[][] x, double[] w) {
        double[] t = targets(x);
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double error = w[0] * x[i][0] + w[1] * x[i][1] - t[i];
            sum += error * error;
        }
        return sum / x.length;
    }

    /**
     * A level set of the mean squared error, which for a linear neuron is the quadratic form
     * (w - w*)' C (w - w*) with C the mean of x x': an ellipse, drawn exactly from C's eigenvectors.
     */
    static double[][] contour(double[][] x, double level, int points) {
        double c11 = 0;
        double c12 = 0;
        double c22 = 0;
        for (double[] row : x) {
            c11 += row[0] * row[0] / x.length;
            c12 += row[0] * row[1] / x.length;
            c22 += row[1] * row[1] / x.length;
        }
        double angle = 0.5 * Math.atan2(2 * c12, c11 - c22);
        double half = (c11 + c22) / 2;
        double spread = Math.hypot((c11 - c22) / 2, c12);
        double radius1 = Math.sqrt(level / (half + spread));
        double radius2 = Math.sqrt(level / (half - spread));
        double[][] xy = new double[2][points];
        for (int k = 0; k < points; k++) {
            double theta = 2 * Math.PI * k / (points - 1);
            double a = radius1 * Math.cos(theta);
            double b = radius2 * Math.sin(theta);
            xy[0][k] = OPTIMUM[0] + a * Math.cos(angle) - b * Math.sin(angle);
            xy[1][k] = OPTIMUM[1] + a * Math.sin(angle) + b * Math.cos(angle);
        }
        return xy;
    }

    static void measure(Lab lab) {
        double[][] positive = sigmoidInputs(lab.seed());
        double[][] centred = centred(positive);
        double positiveRate = learningRate(positive);
        double centredRate = learningRate(centred);
        Descent positivePath = descend(positive, positiveRate, MAX_STEPS);
        Descent centredPath = descend(centred, centredRate, MAX_STEPS);
        Descent centredSlow = descend(centred, positiveRate, MAX_STEPS);
        lab.finding("steps to 1% of the starting distance, inputs sigma(u) > 0", positivePath.stepsToTolerance(), "%.0f");
        lab.finding("steps to 1% of the starting distance, same inputs centred", centredPath.stepsToTolerance(), "%.0f");
        lab.finding("learning rates (largest that never overshoots an example), positive / centred",
                String.format(Locale.ROOT, "%.3f / %.3f", positiveRate, centredRate));
        lab.finding("steps, centred inputs at the positive inputs' learning rate", centredSlow.stepsToTolerance(), "%.0f");
        lab.finding("steps on positive inputs that move both weights the same way",
                String.format(Locale.ROOT, "%d of %d", sameDirectionSteps(positivePath), positivePath.w1().length - 1));
        lab.table("zigzag-inputs", Stream.concat(inputRows(Inputs.POSITIVE, positive), inputRows(Inputs.CENTRED, centred)).toList());
        lab.table("zigzag-paths", Stream.concat(pathRows(Inputs.POSITIVE, positivePath), pathRows(Inputs.CENTRED, centredPath)).toList());
    }

    static int sameDirectionSteps(Descent path) {
        int count = 0;
        for (int k = 1; k < path.w1().length; k++) {
            count += (path.w1()[k] - path.w1()[k - 1]) * (path.w2()[k] - path.w2()[k - 1]) > 0 ? 1 : 0;
        }
        return count;
    }

    private static Stream<Input> inputRows(Inputs inputs, double[][] x) {
        return Arrays.stream(x).map(row -> new Input(inputs, row[0], row[1]));
    }

    private static Stream<PathPoint> pathRows(Inputs inputs, Descent path) {
        return IntStream.range(0, path.w1().length).mapToObj(k -> new PathPoint(inputs, k, path.w1()[k], path.w2()[k]));
    }
}
