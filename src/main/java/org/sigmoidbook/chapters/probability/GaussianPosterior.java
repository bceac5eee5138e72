package org.sigmoidbook.chapters.probability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.sigmoidbook.book.Lab;
import org.sigmoidbook.chapters.probability.GaussianClasses.LogOdds;
import org.sigmoidbook.chapters.probability.GaussianClasses.Sample;
import org.sigmoidbook.chapters.probability.LogisticRegression.Fit;
import org.sigmoidbook.toolkit.nn.Accuracy;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/**
 * Why the logistic: for two Gaussian classes with one covariance the posterior is σ(wᵀx + b) exactly,
 * and logistic regression fitted in DL4J on growing samples finds that w and b; with two covariances
 * the log-odds are quadratic, and a linear model gets the posterior wrong where the two differ.
 */
final class GaussianPosterior {

    /**
     * How much fitting: the sample sizes of the shared-covariance fits and their seeds; the training
     * (and as many test) points of the unequal-covariance fits and theirs.
     */
    record Size(List<Integer> sampleSizes, int seeds, int unequalPoints, int unequalSeeds) {

        static Size of(Lab lab) {
            return new Size(lab.size(List.of(100, 300), List.of(100, 1000, 10000)), lab.size(2, 10), lab.size(300, 5000), lab.size(2, 5));
        }

        int largest() {
            return sampleSizes.get(sampleSizes.size() - 1);
        }
    }

    /** A row of {@code gaussian-posterior}: one fit on the first n points of one seed's sample, and its distance to the closed form. */
    record Convergence(int n, long seed, double w1, double w2, double b, double distance, int steps, double gradientNorm) {
    }

    /** A row of {@code unequal-covariances}: one seed's fits, scored against the true posterior on fresh test points. */
    record UnequalRun(long seed, int trainingPoints, int testPoints, double bayesAccuracy, double linearAccuracy,
                      double quadraticAccuracy, double linearMeanError, double quadraticMeanError, double linearConfidentlyWrong) {
    }

    /** A row of {@code gaussian-classes}: one class of one pair, x | y ~ N(mean, covariance), and P(y). */
    record ClassParameters(Classes classes, int y, double meanX1, double meanX2, double varianceX1, double covariance, double varianceX2,
                           double probability) {
    }

    /** A row of {@code gaussian-sample}: a point drawn for the figures. */
    record Point(Classes classes, double x1, double x2, int y) {
    }

    /** A row of {@code boundaries}: a point of a curve of constant posterior, for the figures. */
    record BoundaryPoint(Classes classes, String curve, double x1, double x2) {
    }

    /** A row of {@code posterior-profile}: the posterior along the line through both means, true and fitted. */
    record ProfilePoint(double t, double x1, double x2, double bayes, double linear, double quadratic) {
    }

    /** Which of the two pairs of classes. */
    enum Classes {
        SHARED("shared-covariance", GaussianClasses.SHARED),
        UNEQUAL("unequal-covariances", GaussianClasses.UNEQUAL);

        private final String id;
        private final GaussianClasses model;

        Classes(String id, GaussianClasses model) {
            this.id = id;
            this.model = model;
        }

        public String id() {
            return id;
        }

        GaussianClasses model() {
            return model;
        }
    }

    /** A linear model "predicts wrong with confidence" where it gives one class at least this probability and the truth gives it less than ½. */
    static final double CONFIDENT = 0.9;
    /** Points of each figure sample. */
    static final int FIGURE_POINTS = 300;
    /** The figures span [−PLOT_LIMIT, PLOT_LIMIT] on both axes. */
    static final double PLOT_LIMIT = 5;

    /** What the fits found, before it is summarised. */
    record Measured(List<Convergence> convergence, List<UnequalRun> unequal, Fit linearFirstSeed, Fit quadraticFirstSeed) {
    }

    private GaussianPosterior() {
    }

    /** x ↦ (x₁², x₁x₂, x₂², x₁, x₂): the inputs on which the quadratic log-odds are linear. */
    static double[] quadraticFeatures(double[] x) {
        return new double[]{x[0] * x[0], x[0] * x[1], x[1] * x[1], x[0], x[1]};
    }

    static double[][] quadraticFeatures(double[][] x) {
        return Arrays.stream(x).map(GaussianPosterior::quadraticFeatures).toArray(double[][]::new);
    }

    /** Every fit, seed by seed on the book's workers: each seed draws its own sample and fits on its first n points for every n. */
    static Measured measure(Lab lab, Size size) throws Exception {
        List<Long> seeds = new ArrayList<>();
        for (int k = 0; k < size.seeds(); k++) {
            seeds.add(lab.seed() + k);
        }
        List<List<Convergence>> shared = lab.parallel(seeds, seed -> convergence(size, seed));
        List<UnequalFits> unequal = lab.parallel(seeds.subList(0, size.unequalSeeds()), seed -> unequal(size.unequalPoints(), seed));
        return new Measured(shared.stream().flatMap(List::stream).toList(), unequal.stream().map(UnequalFits::run).toList(),
                unequal.get(0).linear(), unequal.get(0).quadratic());
    }

    static List<Convergence> convergence(Size size, long seed) {
        GaussianClasses model = GaussianClasses.SHARED;
        Sample sample = model.sample(size.largest(), seed);
        double[] w = model.weights();
        double b = model.bias();
        List<Convergence> rows = new ArrayList<>();
        for (int n : size.sampleSizes()) {
            Sample first = sample.first(n);
            Fit fit = LogisticRegression.fit(first.x(), first.y(), seed);
            double distance = Math.sqrt(square(fit.weights()[0] - w[0]) + square(fit.weights()[1] - w[1]) + square(fit.bias() - b));
            rows.add(new Convergence(n, seed, fit.weights()[0], fit.weights()[1], fit.bias(), distance, fit.steps(), fit.gradientNorm()));
        }
        return rows;
    }

    private record UnequalFits(UnequalRun run, Fit linear, Fit quadratic) {
    }

    /**
     * A linear and a quadratic-feature logistic regression on {@code points} training points, scored
     * on as many fresh test points against the true posterior.
     */
    private static UnequalFits unequal(int points, long seed) {
        GaussianClasses model = GaussianClasses.UNEQUAL;
        Sample train = model.sample(points, seed);
        // Test points from a stream that no training seed (lab.seed() + k) starts.
        Sample test = model.sample(points, ~seed);
        Fit linear = LogisticRegression.fit(train.x(), train.y(), seed);
        Fit quadratic = LogisticRegression.fit(quadraticFeatures(train.x()), train.y(), seed);
        LogOdds truth = model.logOdds();
        int n = test.size();
        double[] bayes = new double[n];
        double[] pLinear = new double[n];
        double[] pQuadratic = new double[n];
        double[] labels = new double[n];
        int confidentlyWrong = 0;
        double linearError = 0;
        double quadraticError = 0;
        for (int i = 0; i < n; i++) {
            double[] x = test.x()[i];
            labels[i] = test.y()[i];
            bayes[i] = Sigmoid.of(truth.at(x));
            pLinear[i] = Sigmoid.of(linear.logit(x));
            pQuadratic[i] = Sigmoid.of(quadratic.logit(quadraticFeatures(x)));
            linearError += Math.abs(pLinear[i] - bayes[i]) / n;
            quadraticError += Math.abs(pQuadratic[i] - bayes[i]) / n;
            boolean confidentOne = pLinear[i] >= CONFIDENT && bayes[i] < 0.5;
            boolean confidentZero = pLinear[i] <= 1 - CONFIDENT && bayes[i] > 0.5;
            confidentlyWrong += confidentOne || confidentZero ? 1 : 0;
        }
        UnequalRun run = new UnequalRun(seed, train.size(), n, Accuracy.ofProbabilities(bayes, labels),
                Accuracy.ofProbabilities(pLinear, labels), Accuracy.ofProbabilities(pQuadratic, labels), linearError, quadraticError,
                confidentlyWrong / (double) n);
        return new UnequalFits(run, linear, quadratic);
    }

    static List<ClassParameters> parameters() {
        List<ClassParameters> rows = new ArrayList<>();
        for (Classes classes : Classes.values()) {
            GaussianClasses m = classes.model();
            for (int y = 0; y <= 1; y++) {
                double[] mean = y == 1 ? m.mean1() : m.mean0();
                double[][] covariance = y == 1 ? m.covariance1() : m.covariance0();
                rows.add(new ClassParameters(classes, y, mean[0], mean[1], covariance[0][0], covariance[0][1], covariance[1][1],
                        y == 1 ? m.prior1() : 1 - m.prior1()));
            }
        }
        return rows;
    }

    /** The figures' samples: {@link #FIGURE_POINTS} points of each pair of classes. */
    static List<Point> figureSample(long seed) {
        List<Point> points = new ArrayList<>();
        for (Classes classes : Classes.values()) {
            Sample sample = classes.model().sample(FIGURE_POINTS, seed);
            for (int i = 0; i < sample.size(); i++) {
                points.add(new Point(classes, sample.x()[i][0], sample.x()[i][1], sample.y()[i]));
            }
        }
        return points;
    }

    /**
     * The curves the figures draw: for the shared covariance the closed-form lines P = 0.1, ½, 0.9 and
     * the boundaries of the fits on the smallest and the largest sample; for unequal covariances the
     * true boundary, an ellipse, and those of the linear and quadratic fits.
     */
    static List<BoundaryPoint> boundaries(Convergence smallest, Convergence largest, Fit linear, Fit quadratic) {
        List<BoundaryPoint> points = new ArrayList<>();
        GaussianClasses shared = GaussianClasses.SHARED;
        double[] w = shared.weights();
        for (double p : new double[]{0.1, 0.5, 0.9}) {
            points.addAll(line(Classes.SHARED, "closed form, P = " + p, w, shared.bias() - Math.log(p / (1 - p))));
        }
        for (Convergence fit : List.of(smallest, largest)) {
            points.addAll(line(Classes.SHARED, "DL4J fit, n = " + fit.n() + ", P = 0.5", new double[]{fit.w1(), fit.w2()}, fit.b()));
        }
        points.addAll(ellipse(Classes.UNEQUAL, "true posterior, P = 0.5", GaussianClasses.UNEQUAL.logOdds()));
        points.addAll(line(Classes.UNEQUAL, "linear fit, P = 0.5", linear.weights(), linear.bias()));
        double[] q = quadratic.weights();
        LogOdds fitted = new LogOdds(new double[][]{{q[0], q[1] / 2}, {q[1] / 2, q[2]}}, new double[]{q[3], q[4]}, quadratic.bias());
        points.addAll(ellipse(Classes.UNEQUAL, "quadratic-feature fit, P = 0.5", fitted));
        return points;
    }

    /** The line w₁x₁ + w₂x₂ + b = 0 across the plot, as its two ends. */
    private static List<BoundaryPoint> line(Classes classes, String curve, double[] w, double b) {
        List<BoundaryPoint> ends = new ArrayList<>();
        for (double x1 : new double[]{-PLOT_LIMIT, PLOT_LIMIT}) {
            ends.add(new BoundaryPoint(classes, curve, x1, -(w[0] * x1 + b) / w[1]));
        }
        return ends;
    }

    /**
     * The closed curve a(x) = 0 around class 1's mean, where a > 0: along each direction u from the
     * mean, a(μ + r u) is a quadratic in r with one positive root.
     */
    private static List<BoundaryPoint> ellipse(Classes classes, String curve, LogOdds logOdds) {
        double[] centre = classes.model().mean1();
        List<BoundaryPoint> points = new ArrayList<>();
        int steps = 180;
        for (int k = 0; k <= steps; k++) {
            double angle = 2 * Math.PI * k / steps;
            double[] u = {Math.cos(angle), Math.sin(angle)};
            double quadratic = 0;
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    quadratic += u[i] * logOdds.quadratic()[i][j] * u[j];
                }
            }
            double linear = 0;
            for (int i = 0; i < 2; i++) {
                linear += logOdds.linear()[i] * u[i];
                for (int j = 0; j < 2; j++) {
                    linear += 2 * centre[i] * logOdds.quadratic()[i][j] * u[j];
                }
            }
            double constant = logOdds.at(centre);
            double r = (-linear - Math.sqrt(linear * linear - 4 * quadratic * constant)) / (2 * quadratic);
            if (!(r > 0)) {
                // A fit whose curve is not closed around the mean (an imprecise quick-mode fit): no point that way.
                continue;
            }
            points.add(new BoundaryPoint(classes, curve, centre[0] + r * u[0], centre[1] + r * u[1]));
        }
        return points;
    }

    /** The posterior along x = μ₀ + t (μ₁ − μ₀) for t in [−2, 4]: true, and the two fits of the first seed. */
    static List<ProfilePoint> profile(Fit linear, Fit quadratic) {
        GaussianClasses model = GaussianClasses.UNEQUAL;
        LogOdds truth = model.logOdds();
        List<ProfilePoint> points = new ArrayList<>();
        for (int k = -40; k <= 80; k++) {
            double t = k / 20.0;
            double[] x = {model.mean0()[0] + t * (model.mean1()[0] - model.mean0()[0]),
                    model.mean0()[1] + t * (model.mean1()[1] - model.mean0()[1])};
            points.add(new ProfilePoint(t, x[0], x[1], Sigmoid.of(truth.at(x)), Sigmoid.of(linear.logit(x)),
                    Sigmoid.of(quadratic.logit(quadraticFeatures(x)))));
        }
        return points;
    }

    /** The least-squares slope of log distance against log n: −½ where the error falls as 1/√n. */
    static double slope(List<Convergence> oneSeed) {
        double[] u = oneSeed.stream().mapToDouble(c -> Math.log(c.n())).toArray();
        double[] v = oneSeed.stream().mapToDouble(c -> Math.log(c.distance())).toArray();
        double meanU = Arrays.stream(u).average().orElseThrow();
        double meanV = Arrays.stream(v).average().orElseThrow();
        double covariance = 0;
        double variance = 0;
        for (int i = 0; i < u.length; i++) {
            covariance += (u[i] - meanU) * (v[i] - meanV);
            variance += (u[i] - meanU) * (u[i] - meanU);
        }
        return covariance / variance;
    }

    private static double square(double v) {
        return v * v;
    }
}
