package org.sigmoidbook.chapters.zerocentering;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.sigmoidbook.book.Lab;
import org.sigmoidbook.toolkit.numerics.Sigmoid;
import org.sigmoidbook.toolkit.numerics.Stats;

/**
 * One linear neuron with two weights and no bias, y = w·x, fitted to targets t = w*·x by plain
 * gradient descent on DL4J's squared error (w·x − t)², once on inputs x = σ(u) > 0 and once on the
 * same inputs centred. The loss is the quadratic (w − w*)ᵀ C (w − w*) with C = E[xxᵀ], its Hessian
 * H = 2C. Each input set is descended one example per step and in full batches, at its own
 * learning rate and at the positive inputs' one, from starts in many directions around w*, for
 * several seeds (input sets). Tables {@code zigzag-steps} (steps to 1% of the starting distance),
 * {@code zigzag-paths} (a few whole paths of the first seed) and {@code zigzag-inputs} (that seed's
 * inputs, from which the loss contours follow).
 */
final class ZigZag {

    static final int EXAMPLES = 40;
    static final double[] OPTIMUM = {1.5, -1.5};
    /** Every start lies this far from the optimum, as the diagonal start (−1.5, 1.5) does. */
    static final double START_DISTANCE = 3 * Math.sqrt(2);
    /** The direction of (−1.5, 1.5) from the optimum, in degrees: along (−1, 1), the slow axis of positive inputs. */
    static final int DIAGONAL_START = 135;
    /** The starts of the drawn paths: the diagonal, and 0° (along w₁), between the slow and the fast axis. */
    static final List<Integer> DRAWN_STARTS = List.of(DIAGONAL_START, 0);
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

    /** How a step uses the examples. */
    enum Update {
        /** One example per step, cycling through them in order. */
        PER_EXAMPLE("per-example"),
        /** The mean gradient of all examples. */
        FULL_BATCH("full-batch");

        private final String id;

        Update(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** Which input set's learning rate a descent uses. */
    enum Rate {
        /**
         * The input set's own: per example the largest that never overshoots an example, 1/(2 max|x|²);
         * in full batches 1/λ_max(H), which removes the error along H's top eigenvector in one step.
         */
        OWN("own"),
        /** The positive inputs' rate of the same update. */
        POSITIVES("positive inputs'");

        private final String id;

        Rate(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** One kind of descent: which inputs, which update, whose learning rate. */
    record Setting(Inputs inputs, Update update, Rate rate) {
        String label() {
            String which = inputs == Inputs.POSITIVE ? "positive inputs" : "centred inputs";
            return which + ", " + (update == Update.PER_EXAMPLE ? "one example per step" : "full batch")
                    + (rate == Rate.POSITIVES ? " at the positive inputs' rate" : "");
        }
    }

    /** The six descents, in the order of every table and figure. */
    static final List<Setting> SETTINGS = Stream.of(Update.values()).flatMap(update -> Stream.of(
            new Setting(Inputs.POSITIVE, update, Rate.OWN),
            new Setting(Inputs.CENTRED, update, Rate.OWN),
            new Setting(Inputs.CENTRED, update, Rate.POSITIVES))).toList();

    /** One input of the first seed's sets: a row of {@code zigzag-inputs}. */
    record Input(Inputs inputs, double x1, double x2) {
    }

    /**
     * Steps one descent took to come within 1% of the starting distance from the start at
     * {@code startAngle} degrees around the optimum: a row of {@code zigzag-steps}; empty where it did
     * not within {@link #MAX_STEPS}.
     */
    record Steps(int seed, Inputs inputs, Update update, Rate rate, int startAngle, double learningRate, Integer steps) {
        Setting setting() {
            return new Setting(inputs, update, rate);
        }
    }

    /** The weights after {@code step} steps of one drawn descent: a row of {@code zigzag-paths}. */
    record PathPoint(Inputs inputs, Update update, Rate rate, int startAngle, int step, double w1, double w2) {
        Setting setting() {
            return new Setting(inputs, update, rate);
        }
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

    /** The symmetric 2×2 matrix [[a, b], [b, c]] and its eigen-decomposition in closed form. */
    record Symmetric(double a, double b, double c) {

        /** E[xxᵀ] of the rows of {@code x}. */
        static Symmetric secondMoment(double[][] x) {
            double a = 0;
            double b = 0;
            double c = 0;
            for (double[] row : x) {
                a += row[0] * row[0] / x.length;
                b += row[0] * row[1] / x.length;
                c += row[1] * row[1] / x.length;
            }
            return new Symmetric(a, b, c);
        }

        double largest() {
            return (a + c) / 2 + Math.hypot((a - c) / 2, b);
        }

        double smallest() {
            return (a + c) / 2 - Math.hypot((a - c) / 2, b);
        }

        double conditionNumber() {
            return largest() / smallest();
        }

        /** The direction of the top eigenvector, in radians. */
        double topAngle() {
            return 0.5 * Math.atan2(2 * b, a - c);
        }
    }

    /**
     * The largest per-example learning rate that never overshoots on any single example: with squared
     * error (w·x − t)² a step of learning rate η scales that example's error by 1 − 2η|x|².
     */
    static double perExampleRate(double[][] x) {
        double largest = 0;
        for (double[] row : x) {
            largest = Math.max(largest, row[0] * row[0] + row[1] * row[1]);
        }
        return 1 / (2 * largest);
    }

    /** 1/λ_max of the Hessian 2 E[xxᵀ] of the mean squared error. */
    static double fullBatchRate(double[][] x) {
        return 1 / (2 * Symmetric.secondMoment(x).largest());
    }

    static double rate(Update update, double[][] x) {
        return update == Update.PER_EXAMPLE ? perExampleRate(x) : fullBatchRate(x);
    }

    /** The start {@code angle} degrees around the optimum, {@link #START_DISTANCE} from it. */
    static double[] start(int angle) {
        double radians = Math.toRadians(angle);
        return new double[]{OPTIMUM[0] + START_DISTANCE * Math.cos(radians), OPTIMUM[1] + START_DISTANCE * Math.sin(radians)};
    }

    /** The weights after every step, the start included, and the steps it took to come within tolerance (null if it did not). */
    record Walk(double[] w1, double[] w2, Integer steps) {
    }

    /**
     * Plain gradient descent on the mean squared error from {@code start} until within tolerance of
     * the optimum or {@code maxSteps} steps: w ← w − η·2(w·x − t)x for one example per step, or the
     * mean of that over the examples. DL4J's Sgd takes exactly these steps (ZigZagTest).
     */
    static Walk descend(double[][] x, Update update, double learningRate, double[] start, int maxSteps) {
        double[] t = targets(x);
        List<double[]> points = new ArrayList<>();
        double[] w = start.clone();
        points.add(w.clone());
        Integer reached = null;
        for (int step = 1; step <= maxSteps && reached == null; step++) {
            double[] gradient = new double[2];
            if (update == Update.PER_EXAMPLE) {
                int i = (step - 1) % x.length;
                double error = w[0] * x[i][0] + w[1] * x[i][1] - t[i];
                gradient[0] = 2 * error * x[i][0];
                gradient[1] = 2 * error * x[i][1];
            } else {
                for (int i = 0; i < x.length; i++) {
                    double error = w[0] * x[i][0] + w[1] * x[i][1] - t[i];
                    gradient[0] += 2 * error * x[i][0] / x.length;
                    gradient[1] += 2 * error * x[i][1] / x.length;
                }
            }
            w[0] -= learningRate * gradient[0];
            w[1] -= learningRate * gradient[1];
            points.add(w.clone());
            if (withinTolerance(w[0], w[1])) {
                reached = step;
            }
        }
        return new Walk(points.stream().mapToDouble(p -> p[0]).toArray(), points.stream().mapToDouble(p -> p[1]).toArray(), reached);
    }

    static boolean withinTolerance(double w1, double w2) {
        return Math.hypot(w1 - OPTIMUM[0], w2 - OPTIMUM[1]) < TOLERANCE * START_DISTANCE;
    }

    /**
     * Full-batch steps to tolerance from the quadratic's algebra: along H's eigenvector i the error is
     * multiplied by {@code factors[i]} = 1 − η h_i at every step, and starts as {@code components[i]}
     * (a fraction of the starting distance). The smallest k ≥ 1 with Σ (c_i f_i^k)² < tolerance².
     */
    static int fullBatchSteps(double[] factors, double[] components) {
        for (int k = 1; k <= MAX_STEPS; k++) {
            double squared = 0;
            for (int i = 0; i < factors.length; i++) {
                double left = components[i] * Math.pow(factors[i], k);
                squared += left * left;
            }
            if (squared < TOLERANCE * TOLERANCE) {
                return k;
            }
        }
        throw new IllegalArgumentException("no convergence within " + MAX_STEPS + " steps: factors " + Arrays.toString(factors));
    }

    /**
     * Inputs of mean m and variance v per coordinate, independent: E[xxᵀ] = v I + m² 11ᵀ, eigenvalues
     * v + 2m² along (1, 1) and v along (1, −1), condition number κ = 1 + 2m²/v.
     */
    static double populationConditionNumber(double m, double v) {
        return 1 + 2 * m * m / v;
    }

    /**
     * Full-batch steps at η = 1/λ_max for such a population from the start at {@code angle} degrees: the
     * component along (1, 1) goes in one step, the one along (1, −1) shrinks by 1 − 1/κ per step.
     */
    static int populationFullBatchSteps(double conditionNumber, int angle) {
        double fromTop = Math.toRadians(angle - 45);
        return fullBatchSteps(new double[]{0, 1 - 1 / conditionNumber}, new double[]{Math.cos(fromTop), Math.sin(fromTop)});
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
        Symmetric moment = Symmetric.secondMoment(x);
        double angle = moment.topAngle();
        double radius1 = Math.sqrt(level / moment.largest());
        double radius2 = Math.sqrt(level / moment.smallest());
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

    /**
     * The start directions, in degrees: {@code count} evenly spaced over half a turn, a multiple of 4 so
     * that the diagonal 135° is one and each is a whole degree. The error w − w* evolves linearly, so
     * the opposite start takes the mirror image of the same path: half a turn covers every direction.
     */
    static List<Integer> startAngles(int count) {
        if (count % 4 != 0 || 180 % count != 0) {
            throw new IllegalArgumentException("the directions must include 135 degrees and be whole degrees: " + count);
        }
        return IntStream.range(0, count).map(k -> 180 * k / count).boxed().toList();
    }

    /** One seed's two input sets. */
    record InputSets(double[][] positive, double[][] centred) {
        static InputSets of(long seed) {
            double[][] positive = sigmoidInputs(seed);
            return new InputSets(positive, ZigZag.centred(positive));
        }

        double[][] of(Inputs inputs) {
            return inputs == Inputs.POSITIVE ? positive : centred;
        }

        double rate(Setting setting) {
            return ZigZag.rate(setting.update(), setting.rate() == Rate.OWN ? of(setting.inputs()) : positive);
        }
    }

    static void measure(Lab lab) {
        List<Integer> seeds = IntStream.range(0, lab.size(4, 10)).mapToObj(k -> (int) lab.seed() + k).toList();
        List<Integer> angles = startAngles(lab.size(4, 36));
        List<Steps> steps = new ArrayList<>();
        // per input set: steps in all, and steps that moved both weights the same way
        int[][] sameDirection = new int[Inputs.values().length][2];
        for (int seed : seeds) {
            InputSets inputs = InputSets.of(seed);
            for (Setting setting : SETTINGS) {
                double rate = inputs.rate(setting);
                for (int angle : angles) {
                    Walk walk = descend(inputs.of(setting.inputs()), setting.update(), rate, start(angle), MAX_STEPS);
                    steps.add(new Steps(seed, setting.inputs(), setting.update(), setting.rate(), angle, rate, walk.steps()));
                    if (setting.update() == Update.PER_EXAMPLE && setting.rate() == Rate.OWN) {
                        sameDirection[setting.inputs().ordinal()][0] += walk.w1().length - 1;
                        sameDirection[setting.inputs().ordinal()][1] += sameDirectionSteps(walk);
                    }
                }
            }
        }
        lab.table("zigzag-steps", steps);
        for (Inputs inputs : Inputs.values()) {
            int[] count = sameDirection[inputs.ordinal()];
            lab.proportion("zigzag: per-example steps that move both weights the same way, " + inputs.id() + " inputs",
                    count[1], count[0], seeds.size());
        }
        InputSets first = InputSets.of(seeds.get(0));
        lab.table("zigzag-inputs", Stream.concat(inputRows(Inputs.POSITIVE, first.positive()), inputRows(Inputs.CENTRED, first.centred())).toList());
        List<PathPoint> paths = new ArrayList<>();
        for (Setting setting : SETTINGS) {
            for (int angle : DRAWN_STARTS) {
                Walk walk = descend(first.of(setting.inputs()), setting.update(), first.rate(setting), start(angle), MAX_STEPS);
                IntStream.range(0, walk.w1().length).forEach(k -> paths.add(new PathPoint(setting.inputs(), setting.update(),
                        setting.rate(), angle, k, walk.w1()[k], walk.w2()[k])));
            }
        }
        lab.table("zigzag-paths", paths);
        findings(lab, seeds, angles, steps);
    }

    private static void findings(Lab lab, List<Integer> seeds, List<Integer> angles, List<Steps> steps) {
        lab.finding("zigzag: input sets (seeds)", seeds.size(), "%.0f");
        lab.finding("zigzag: start directions", angles.size(), "%.0f");
        lab.finding("zigzag: examples per input set", EXAMPLES, "%.0f");
        double[] moments = Conditioning.gaussianMoments(Sigmoid::of);
        double kappa = populationConditionNumber(moments[0], moments[1]);
        lab.finding("zigzag: closed-form condition number of E[xx'], sigma(u)", kappa, "%.1f");
        lab.finding("zigzag: closed-form full-batch steps from the diagonal at 1/lambda_max", populationFullBatchSteps(kappa, DIAGONAL_START), "%.0f");
        lab.finding("zigzag: closed-form full-batch steps along (1, 1) at 1/lambda_max", populationFullBatchSteps(kappa, 45), "%.0f");
        for (Inputs inputs : Inputs.values()) {
            double[] conditionNumbers = seeds.stream().mapToDouble(seed -> Symmetric.secondMoment(InputSets.of(seed).of(inputs)).conditionNumber()).toArray();
            lab.overSeeds("zigzag: condition number of E[xx'], " + inputs.id() + " inputs", conditionNumbers);
            for (Update update : Update.values()) {
                double[] rates = seeds.stream().mapToDouble(seed -> rate(update, InputSets.of(seed).of(inputs))).toArray();
                lab.overSeeds("zigzag: " + update.id() + " learning rate, " + inputs.id() + " inputs", rates);
            }
        }
        for (Setting setting : SETTINGS) {
            List<Steps> of = steps.stream().filter(row -> row.setting().equals(setting)).toList();
            double[] diagonal = seeds.stream().mapToDouble(seed -> stepsOrCap(of.stream()
                    .filter(row -> row.seed() == seed && row.startAngle() == DIAGONAL_START).findFirst().orElseThrow())).toArray();
            double[] medians = seeds.stream().mapToDouble(seed -> Stats.median(of.stream().filter(row -> row.seed() == seed)
                    .mapToDouble(ZigZag::stepsOrCap).toArray())).toArray();
            double[] slowest = seeds.stream().mapToDouble(seed -> of.stream().filter(row -> row.seed() == seed)
                    .mapToDouble(ZigZag::stepsOrCap).max().orElseThrow()).toArray();
            lab.medianOverSeeds("zigzag: steps from the diagonal start, " + setting.label(), diagonal);
            lab.medianOverSeeds("zigzag: median steps over start directions, " + setting.label(), medians);
            lab.medianOverSeeds("zigzag: steps from the slowest start direction, " + setting.label(), slowest);
        }
    }

    /** Steps that moved both weights the same way, both up or both down. */
    static int sameDirectionSteps(Walk walk) {
        int count = 0;
        for (int k = 1; k < walk.w1().length; k++) {
            count += (walk.w1()[k] - walk.w1()[k - 1]) * (walk.w2()[k] - walk.w2()[k - 1]) > 0 ? 1 : 0;
        }
        return count;
    }

    /** A descent that never came within tolerance counts as one step more than the cap. */
    static double stepsOrCap(Steps row) {
        return row.steps() == null ? MAX_STEPS + 1 : row.steps();
    }

    private static Stream<Input> inputRows(Inputs inputs, double[][] x) {
        return Arrays.stream(x).map(row -> new Input(inputs, row[0], row[1]));
    }
}
