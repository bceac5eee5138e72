package org.sigmoidbook.chapters.probability;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.sigmoidbook.book.Chapter;
import org.sigmoidbook.book.ChapterInfo;
import org.sigmoidbook.book.Figures;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Launcher;
import org.sigmoidbook.book.Progress;
import org.sigmoidbook.book.Results;
import org.sigmoidbook.chapters.probability.DigitTraining.Budget;
import org.sigmoidbook.chapters.probability.DigitTraining.Run;
import org.sigmoidbook.chapters.probability.GaussianPosterior.Convergence;
import org.sigmoidbook.chapters.probability.GaussianPosterior.UnequalRun;
import org.sigmoidbook.chapters.probability.LogitProbit.Extremum;
import org.sigmoidbook.chapters.probability.Recalibration.Method;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.numerics.Intervals;
import org.sigmoidbook.toolkit.numerics.Intervals.Interval;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/**
 * The sigmoid output read as a probability: why the logistic (the exact posterior of Gaussian
 * classes with one covariance, found by logistic regression in DL4J; quadratic log-odds otherwise);
 * the logistic against the probit; whether a trained network's 0.9 means 90% (calibration, temperature
 * and Platt scaling); deciding when one class is rare (thresholds, a positive-class weight,
 * resampling); and what targets of exactly 0 and 1 do to the logits (label smoothing).
 */
@ChapterInfo(number = 9, id = "probability", title = "Sigmoid outputs you can trust",
        summary = "why the logistic, logit against probit, calibration, thresholds for a rare class and label smoothing, measured",
        cover = "reliability-before-after")
public final class ProbabilityChapter implements Chapter {

    public static void main(String[] args) {
        Launcher.run(ProbabilityChapter.class, args);
    }

    /**
     * The rare-digit runs: every seed with every training. Few training digits and many epochs, so
     * that the plain network grows overconfident; full size costs about 1.3 CPU-seconds a run.
     */
    static Budget budget(Lab lab) {
        return new Budget(lab.size(600, 2400), lab.size(400, 2000), lab.size(2, 32), lab.size(2, 5));
    }

    @Override
    public void measure(Lab lab) throws Exception {
        whyTheLogistic(lab);
        logitAndProbit(lab);
        Budget budget = budget(lab);
        Mnist.Split mnist = Mnist.load();
        lab.finding("the book's training digits", mnist.train().size(), "%.0f");
        lab.finding("the book's held-out digits", mnist.test().size(), "%.0f");
        RareDigit data = RareDigit.load(mnist, budget.trainingDigits(), budget.validationDigits());
        List<Run> runs = train(lab, budget, data);
        digits(lab, budget, data);
        calibration(lab, runs, data);
        thresholds(lab, runs, data);
        targets(lab, runs, data);
    }

    @Override
    public void draw(Results results, Figures figures) throws Exception {
        ProbabilityFigures.draw(results, figures);
    }

    private static void whyTheLogistic(Lab lab) throws Exception {
        GaussianPosterior.Size size = GaussianPosterior.Size.of(lab);
        GaussianPosterior.Measured measured = GaussianPosterior.measure(lab, size);
        lab.table("gaussian-classes", GaussianPosterior.parameters());
        lab.table("gaussian-posterior", measured.convergence());
        lab.table("unequal-covariances", measured.unequal());
        lab.table("gaussian-sample", GaussianPosterior.figureSample(lab.seed()));
        lab.table("boundaries", GaussianPosterior.boundaries(firstSeed(measured, lab.seed(), size.sampleSizes().get(0)),
                firstSeed(measured, lab.seed(), size.largest()), measured.linearFirstSeed(), measured.quadraticFirstSeed()));
        lab.table("posterior-profile", GaussianPosterior.profile(measured.linearFirstSeed(), measured.quadraticFirstSeed()));

        GaussianClasses shared = GaussianClasses.SHARED;
        lab.finding("closed-form w1", shared.weights()[0], "%.4f");
        lab.finding("closed-form w2", shared.weights()[1], "%.4f");
        lab.finding("closed-form b", shared.bias(), "%.4f");
        lab.finding("trace of the inverse Fisher information", shared.asymptoticSquaredError(), "%.2f");
        lab.finding("Gaussian seeds", size.seeds(), "%.0f");
        lab.finding("fit tolerance", LogisticRegression.TOLERANCE, "%.0e");
        lab.finding("smallest sample", size.sampleSizes().get(0), "%.0f");
        lab.finding("largest sample", size.largest(), "%.0f");
        int smallest = size.sampleSizes().get(0);
        lab.overSeeds("distance to the closed form, smallest n",
                measured.convergence().stream().filter(c -> c.n() == smallest).mapToDouble(Convergence::distance).toArray());
        lab.overSeeds("distance to the closed form, largest n",
                measured.convergence().stream().filter(c -> c.n() == size.largest()).mapToDouble(Convergence::distance).toArray());
        lab.overSeeds("n times squared distance at the largest n", measured.convergence().stream().filter(c -> c.n() == size.largest())
                .mapToDouble(c -> c.n() * c.distance() * c.distance()).toArray());
        double[] slopes = measured.convergence().stream().mapToLong(Convergence::seed).distinct()
                .mapToDouble(seed -> GaussianPosterior.slope(measured.convergence().stream().filter(c -> c.seed() == seed).toList())).toArray();
        lab.overSeeds("slope of log distance against log n", slopes);

        List<UnequalRun> unequal = measured.unequal();
        lab.finding("unequal: training points", size.unequalPoints(), "%.0f");
        lab.finding("unequal: seeds", size.unequalSeeds(), "%.0f");
        lab.overSeeds("unequal: Bayes accuracy", values(unequal, UnequalRun::bayesAccuracy));
        lab.overSeeds("unequal: linear accuracy", values(unequal, UnequalRun::linearAccuracy));
        lab.overSeeds("unequal: quadratic-feature accuracy", values(unequal, UnequalRun::quadraticAccuracy));
        lab.overSeeds("unequal: linear mean |p - p_true|", values(unequal, UnequalRun::linearMeanError));
        lab.overSeeds("unequal: quadratic-feature mean |p - p_true|", values(unequal, UnequalRun::quadraticMeanError));
        lab.overSeeds("unequal: linear confidently wrong (share)", values(unequal, UnequalRun::linearConfidentlyWrong));
        lab.finding("confident: probability at least", GaussianPosterior.CONFIDENT, "%.1f");
    }

    /** Bootstrap resamples of the held-out digits for each interval that comes from one. */
    private static int resamples(Lab lab) {
        return lab.size(200, 1000);
    }

    private static Convergence firstSeed(GaussianPosterior.Measured measured, long seed, int n) {
        return measured.convergence().stream().filter(c -> c.seed() == seed && c.n() == n).findFirst().orElseThrow();
    }

    private static void logitAndProbit(Lab lab) {
        lab.table("logit-probit", LogitProbit.table());
        lab.finding("logistic scale", LogitProbit.SCALE, "%.3f");
        Extremum largest = LogitProbit.largestDifference(LogitProbit.SCALE);
        lab.finding("max |Phi(z) - sigma(1.702 z)|", Math.abs(largest.value()), "%.6f");
        lab.finding("z of the largest difference", largest.z(), "%.4f");
        double minimax = LogitProbit.minimaxScale();
        lab.finding("minimax scale", minimax, "%.5f");
        lab.finding("max difference at the minimax scale", Math.abs(LogitProbit.largestDifference(minimax).value()), "%.6f");
        lab.finding("slope-matching scale 4/sqrt(2 pi)", LogitProbit.slopeMatchingScale(), "%.4f");
        lab.finding("variance-matching scale pi/sqrt(3)", LogitProbit.varianceMatchingScale(), "%.4f");
        Extremum gelu = LogitProbit.largestGeluDifference();
        lab.finding("max |GELU(z) - z sigma(1.702 z)|", Math.abs(gelu.value()), "%.5f");
        lab.finding("z of the largest GELU difference", gelu.z(), "%.3f");
        lab.finding("probit: dC/dz for label 0 at z = 8", LogitProbit.probitGradientForLabelZero(8), "%.3f");
        lab.finding("logistic: dC/dz for label 0 at z = 8", Sigmoid.of(8), "%.5f");
    }

    /** Every seed with every training, on the book's workers; returned in that order. */
    private static List<Run> train(Lab lab, Budget budget, RareDigit data) throws Exception {
        record Task(Training training, long seed) {
        }
        List<Task> tasks = new ArrayList<>();
        for (int k = 0; k < budget.seeds(); k++) {
            for (Training training : Training.values()) {
                tasks.add(new Task(training, lab.seed() + k));
            }
        }
        try (Progress progress = lab.progress("rare-digit networks", tasks.size())) {
            return lab.parallel(tasks, task -> {
                Run run = DigitTraining.run(task.training(), task.seed(), budget.epochs(), data);
                progress.step();
                return run;
            });
        }
    }

    private static List<Run> runs(List<Run> runs, Training training) {
        return runs.stream().filter(r -> r.training() == training).toList();
    }

    private static void digits(Lab lab, Budget budget, RareDigit data) {
        lab.finding("training digits", data.trainingDigits(), "%.0f");
        lab.finding("training 9s", data.trainingPositives(), "%.0f");
        lab.finding("validation digits", data.validationLabels().length, "%.0f");
        lab.finding("validation 9s", sum(data.validationLabels()), "%.0f");
        lab.finding("held-out digits", data.heldoutLabels().length, "%.0f");
        lab.finding("held-out 9s", sum(data.heldoutLabels()), "%.0f");
        lab.finding("hidden units", DigitTraining.HIDDEN, "%.0f");
        lab.finding("epochs", budget.epochs(), "%.0f");
        lab.finding("minibatch size", DigitTraining.BATCH_SIZE, "%.0f");
        lab.finding("Adam learning rate", DigitTraining.LEARNING_RATE, "%.2f");
        lab.finding("seeds", budget.seeds(), "%.0f");
        lab.finding("first seed", Long.toString(lab.seed()));
    }

    private static void calibration(Lab lab, List<Run> runs, RareDigit data) {
        List<Run> plain = runs(runs, Training.PLAIN);
        List<Calibrating.Row> rows = Calibrating.rows(plain, data, resamples(lab));
        lab.table("calibration", rows);
        lab.table("reliability", Calibrating.reliability(plain, rows, data));
        lab.overSeeds("held-out accuracy", Calibrating.perSeed(rows, Method.NONE, Calibrating.Row::heldoutAccuracy));
        lab.overSeeds("temperature", Calibrating.perSeed(rows, Method.TEMPERATURE, Calibrating.Row::temperature));
        lab.overSeeds("Platt slope a", Calibrating.perSeed(rows, Method.PLATT, Calibrating.Row::slope));
        lab.overSeeds("Platt intercept b", Calibrating.perSeed(rows, Method.PLATT, Calibrating.Row::intercept));
        for (Method method : Method.values()) {
            lab.overSeeds("ECE, " + method.id(), Calibrating.perSeed(rows, method, Calibrating.Row::ece));
            lab.overSeeds("held-out cross-entropy, " + method.id(), Calibrating.perSeed(rows, method, Calibrating.Row::heldoutCrossEntropy));
        }
        double[] before = Calibrating.perSeed(rows, Method.NONE, Calibrating.Row::ece);
        for (Method method : List.of(Method.TEMPERATURE, Method.PLATT)) {
            double[] after = Calibrating.perSeed(rows, method, Calibrating.Row::ece);
            double[] reduction = new double[before.length];
            for (int s = 0; s < before.length; s++) {
                reduction[s] = before[s] - after[s];
            }
            lab.overSeeds("ECE reduction, " + method.id(), reduction);
        }
        for (Method method : List.of(Method.NONE, Method.TEMPERATURE)) {
            Calibrating.Row first = Calibrating.find(rows, lab.seed(), method);
            lab.bootstrap("ECE of the first seed, " + method.id(), new Interval(first.ece(), first.eceLow(), first.eceHigh()),
                    resamples(lab), 1);
        }
        for (Method method : List.of(Method.NONE, Method.TEMPERATURE)) {
            List<Calibrating.FirstBin> first = plain.stream()
                    .map(run -> Calibrating.FirstBin.of(run, Calibrating.find(rows, run.seed(), method), data)).toList();
            lab.overSeeds(method.id() + ": share of digits in the first bin", first.stream().mapToDouble(Calibrating.FirstBin::share).toArray());
            lab.overSeeds(method.id() + ": first bin, mean P(9)", first.stream().mapToDouble(Calibrating.FirstBin::meanPredicted).toArray());
            lab.overSeeds(method.id() + ": first bin, share of 9s", first.stream().mapToDouble(Calibrating.FirstBin::observedFrequency).toArray());
        }
        lab.overSeeds("mean logit of the held-out 9s", plain.stream().mapToDouble(run -> Calibrating.meanLogit(run, data, 1)).toArray());
        lab.overSeeds("mean logit of the other held-out digits", plain.stream().mapToDouble(run -> Calibrating.meanLogit(run, data, 0)).toArray());
        lab.finding("bins", Scores.BINS, "%.0f");
        lab.finding("bootstrap resamples", resamples(lab), "%.0f");
    }

    private static void thresholds(Lab lab, List<Run> runs, RareDigit data) {
        List<Decisions.Row> rows = new ArrayList<>();
        List<Run> plain = runs(runs, Training.PLAIN);
        for (int s = 0; s < plain.size(); s++) {
            double temperature = Recalibration.temperature(plain.get(s).validationLogits(), data.validationLabels()).temperature();
            for (Decisions.Decision decision : Decisions.Decision.values()) {
                Run run = runs(runs, decision.training()).get(s);
                double threshold = Decisions.logitThreshold(decision, run, data.validationLabels(), temperature);
                rows.add(Decisions.score(decision, run, threshold, data.heldoutLabels()));
            }
        }
        lab.table("thresholds", rows);
        List<Decisions.CurvePoint> curves = new ArrayList<>();
        for (Run run : runs) {
            if (run.training() == Training.PLAIN || run.training() == Training.POSITIVE_WEIGHT || run.training() == Training.RESAMPLED) {
                curves.addAll(Decisions.curve(run, data.heldoutLabels()));
            }
        }
        lab.table("precision-recall", curves);
        lab.finding("cost of a missed 9 (false alarms)", Decisions.COST_OF_MISS, "%.0f");
        lab.finding("Bayes threshold 1/(1 + cost)", 1 / (1 + Decisions.COST_OF_MISS), "%.3f");
        lab.finding("positive-class weight", DigitTraining.positiveWeight(data), "%.2f");
        lab.finding("threshold 1/(1 + w) that the weight's ½ stands for", 1 / (1 + DigitTraining.positiveWeight(data)), "%.2f");
        for (int label = 0; label <= 1; label++) {
            lab.finding("DL4J XENT weight 9 on its one output: gradient ratio, label " + label,
                    PositiveWeightedCrossEntropy.dl4jWeightEffect(9, label), "%.2f");
        }
        for (Decisions.Decision decision : Decisions.Decision.values()) {
            List<Decisions.Row> of = rows.stream().filter(r -> r.decision() == decision).toList();
            lab.overSeeds(decision.id() + ": precision", of.stream().mapToDouble(Decisions.Row::precision).toArray());
            lab.overSeeds(decision.id() + ": recall", of.stream().mapToDouble(Decisions.Row::recall).toArray());
            lab.overSeeds(decision.id() + ": F1", of.stream().mapToDouble(Decisions.Row::f1).toArray());
            lab.overSeeds(decision.id() + ": cost per 1000 digits", of.stream().mapToDouble(r -> 1000 * r.costPerDigit()).toArray());
            lab.overSeeds(decision.id() + ": threshold", of.stream().mapToDouble(Decisions.Row::threshold).toArray());
        }
        double[][] logits = plain.stream().map(Run::heldoutLogits).toArray(double[][]::new);
        Interval f1 = Intervals.bootstrap(data.heldoutLabels().length, indices -> {
            double mean = 0;
            for (double[] z : logits) {
                mean += Scores.Confusion.at(z, data.heldoutLabels(), 0, indices).f1() / logits.length;
            }
            return mean;
        }, resamples(lab), lab.seed());
        lab.bootstrap("plain-0.5: F1 over held-out resamples", f1, resamples(lab), logits.length);
    }

    private static void targets(Lab lab, List<Run> runs, RareDigit data) {
        List<Run> compared = runs.stream().filter(r -> r.training().comparesTargets()).toList();
        List<Targets.Row> rows = compared.stream().map(run -> Targets.row(run, data)).toList();
        lab.table("targets", rows);
        lab.table("logit-growth", Targets.growth(compared));
        for (Training training : Training.values()) {
            if (!training.comparesTargets()) {
                continue;
            }
            List<Targets.Row> of = rows.stream().filter(r -> r.training() == training).toList();
            String name = "epsilon " + training.epsilon();
            if (training.epsilon() > 0) {
                lab.finding(name + ": optimal logit ln((2 - eps)/eps)", training.optimalLogit(), "%.3f");
                lab.overSeeds(name + ": ECE after undoing the smoothing", of.stream().mapToDouble(Targets.Row::eceUnsmoothed).toArray());
            }
            lab.overSeeds(name + ": held-out mean |z|", of.stream().mapToDouble(Targets.Row::meanAbsLogit).toArray());
            lab.overSeeds(name + ": training mean |z|", of.stream().mapToDouble(Targets.Row::probeMeanAbsLogit).toArray());
            lab.overSeeds(name + ": ECE", of.stream().mapToDouble(Targets.Row::ece).toArray());
            lab.overSeeds(name + ": held-out accuracy", of.stream().mapToDouble(Targets.Row::heldoutAccuracy).toArray());
            lab.overSeeds(name + ": held-out cross-entropy", of.stream().mapToDouble(Targets.Row::heldoutCrossEntropy).toArray());
        }
        lab.finding("probe digits", Math.min(DigitTraining.PROBE_DIGITS, data.trainingDigits()), "%.0f");
    }

    private static <T> double[] values(List<T> rows, ToDoubleFunction<T> value) {
        return rows.stream().mapToDouble(value).toArray();
    }

    private static int sum(int[] values) {
        int sum = 0;
        for (int v : values) {
            sum += v;
        }
        return sum;
    }
}
