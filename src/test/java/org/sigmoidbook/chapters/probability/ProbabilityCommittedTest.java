package org.sigmoidbook.chapters.probability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;
import org.sigmoidbook.ChapterData;
import org.sigmoidbook.book.Finding;
import org.sigmoidbook.book.Results;
import org.sigmoidbook.chapters.probability.Calibrating.Bin;
import org.sigmoidbook.chapters.probability.Decisions.Decision;
import org.sigmoidbook.chapters.probability.GaussianPosterior.Convergence;
import org.sigmoidbook.chapters.probability.GaussianPosterior.ProfilePoint;
import org.sigmoidbook.chapters.probability.GaussianPosterior.UnequalRun;
import org.sigmoidbook.chapters.probability.Recalibration.Method;
import org.sigmoidbook.toolkit.numerics.Intervals;

/**
 * The full run that chapter 9's page is written from: every measured number the page quotes is the
 * summary of its committed table, and every claim the page makes about those numbers holds in them,
 * so that a regenerated chapter whose results no longer support the text fails here.
 */
class ProbabilityCommittedTest {

    private static final ChapterData COMMITTED = ChapterData.committed("probability");

    private static Results results() {
        return COMMITTED.results();
    }

    private static Finding finding(String name) {
        return results().get(name);
    }

    private static double value(String name) {
        return COMMITTED.finding(name);
    }

    private static <T> double[] values(List<T> rows, ToDoubleFunction<T> value) {
        return rows.stream().mapToDouble(value).toArray();
    }

    /** A finding over seeds is the mean of the table's values with Student's t interval. */
    private static void summarises(String name, double[] perSeed) {
        Intervals.Interval expected = Intervals.mean(perSeed);
        Finding f = finding(name);
        assertEquals(Finding.Basis.SEEDS_MEAN, f.basis(), name);
        assertEquals(perSeed.length, f.seeds(), name);
        assertEquals(expected.estimate(), f.value(), 1e-12, name);
        assertEquals(expected.low(), f.low(), 1e-12, name);
        assertEquals(expected.high(), f.high(), 1e-12, name);
    }

    private static boolean overlap(Finding a, Finding b) {
        return a.low() <= b.high() && b.low() <= a.high();
    }

    // Why the logistic.

    @Test
    void theFitsConvergeToTheClosedFormAsTheAsymptoticsPredict() {
        List<Convergence> rows = COMMITTED.rows("gaussian-posterior", Convergence.class);
        int seeds = (int) value("Gaussian seeds");
        assertTrue(seeds >= 5);
        double[] w = GaussianClasses.SHARED.weights();
        for (Convergence row : rows) {
            assertTrue(row.gradientNorm() < 1e-6 && row.steps() < LogisticRegression.MAX_STEPS, "converged: " + row);
            assertEquals(Math.sqrt(Math.pow(row.w1() - w[0], 2) + Math.pow(row.w2() - w[1], 2)
                    + Math.pow(row.b() - GaussianClasses.SHARED.bias(), 2)), row.distance(), 1e-12);
        }
        int smallest = (int) value("smallest sample");
        int largest = (int) value("largest sample");
        summarises("distance to the closed form, smallest n", values(rows.stream().filter(r -> r.n() == smallest).toList(),
                Convergence::distance));
        List<Convergence> last = rows.stream().filter(r -> r.n() == largest).toList();
        summarises("distance to the closed form, largest n", values(last, Convergence::distance));
        summarises("n times squared distance at the largest n", values(last, r -> r.n() * r.distance() * r.distance()));
        Finding squared = finding("n times squared distance at the largest n");
        double trace = value("trace of the inverse Fisher information");
        assertTrue(squared.low() <= trace && trace <= squared.high(), "the interval holds tr I⁻¹ = " + trace);
        assertEquals(GaussianClasses.SHARED.asymptoticSquaredError(), trace, 5e-3);
        double[] slopes = rows.stream().mapToLong(Convergence::seed).distinct()
                .mapToDouble(seed -> GaussianPosterior.slope(rows.stream().filter(r -> r.seed() == seed).toList())).toArray();
        summarises("slope of log distance against log n", slopes);
        Finding slope = finding("slope of log distance against log n");
        assertTrue(slope.low() <= -0.5 && -0.5 <= slope.high(), "the interval holds −½: " + slope);
    }

    @Test
    void withTwoCovariancesOnlyTheQuadraticFeaturesFollowThePosterior() {
        List<UnequalRun> runs = COMMITTED.rows("unequal-covariances", UnequalRun.class);
        assertEquals((int) value("unequal: seeds"), runs.size());
        summarises("unequal: Bayes accuracy", values(runs, UnequalRun::bayesAccuracy));
        summarises("unequal: linear accuracy", values(runs, UnequalRun::linearAccuracy));
        summarises("unequal: quadratic-feature accuracy", values(runs, UnequalRun::quadraticAccuracy));
        summarises("unequal: linear mean |p - p_true|", values(runs, UnequalRun::linearMeanError));
        summarises("unequal: quadratic-feature mean |p - p_true|", values(runs, UnequalRun::quadraticMeanError));
        summarises("unequal: linear confidently wrong (share)", values(runs, UnequalRun::linearConfidentlyWrong));
        assertTrue(finding("unequal: linear accuracy").high() < finding("unequal: Bayes accuracy").low());
        assertTrue(overlap(finding("unequal: quadratic-feature accuracy"), finding("unequal: Bayes accuracy")));
        for (UnequalRun run : runs) {
            assertTrue(run.linearMeanError() > 10 * run.quadraticMeanError(), run.toString());
            assertTrue(run.linearConfidentlyWrong() > 0, run.toString());
        }
        // Beyond class 1, away from class 0 (t = 4 on the profile), the linear fit is sure of class 1 and the truth of class 0.
        List<ProfilePoint> profile = COMMITTED.rows("posterior-profile", ProfilePoint.class);
        ProfilePoint end = profile.get(profile.size() - 1);
        assertTrue(end.linear() > 0.9 && end.bayes() < 0.1, end.toString());
        for (int i = 1; i < profile.size(); i++) {
            assertTrue(profile.get(i).linear() > profile.get(i - 1).linear(), "the linear fit's P grows along the line");
        }
    }

    // Logit against probit: closed forms, recomputed.

    @Test
    void theLogitProbitNumbersAreTheClosedForms() {
        LogitProbit.Extremum largest = LogitProbit.largestDifference(LogitProbit.SCALE);
        assertEquals(Math.abs(largest.value()), value("max |Phi(z) - sigma(1.702 z)|"), 5e-7);
        assertEquals(largest.z(), value("z of the largest difference"), 5e-5);
        assertTrue(value("max |Phi(z) - sigma(1.702 z)|") < 0.01, "Haley's bound");
        double minimax = LogitProbit.minimaxScale();
        assertEquals(minimax, value("minimax scale"), 5e-6);
        assertEquals(1.702, Math.round(minimax * 1000) / 1000.0, 1e-12, "1.702 is the minimax scale rounded");
        assertEquals(4 / Math.sqrt(2 * Math.PI), value("slope-matching scale 4/sqrt(2 pi)"), 5e-5);
        assertEquals(Math.PI / Math.sqrt(3), value("variance-matching scale pi/sqrt(3)"), 5e-5);
        assertEquals(Math.abs(LogitProbit.largestGeluDifference().value()), value("max |GELU(z) - z sigma(1.702 z)|"), 5e-6);
        // "A second extremum, almost as large, lies further out": the table's |Φ − σ| has a second local maximum beyond the first.
        List<LogitProbit.Curves> rows = COMMITTED.rows("logit-probit", LogitProbit.Curves.class);
        double outer = rows.stream().filter(r -> r.z() > 2 * largest.z()).mapToDouble(r -> Math.abs(r.difference())).max().orElseThrow();
        assertTrue(outer > 0.95 * Math.abs(largest.value()) && outer < Math.abs(largest.value()), "outer extremum " + outer);
    }

    // Calibration.

    @Test
    void theNetworkIsOverconfidentAndTemperatureScalingLowersItsCrossEntropyInEverySeed() {
        List<Calibrating.Row> rows = COMMITTED.rows("calibration", Calibrating.Row.class);
        int seeds = (int) value("seeds");
        assertTrue(seeds >= 5, "at least five seeds");
        for (Method method : Method.values()) {
            List<Calibrating.Row> of = rows.stream().filter(r -> r.method() == method).toList();
            assertEquals(seeds, of.size());
            summarises("ECE, " + method.id(), values(of, Calibrating.Row::ece));
            summarises("held-out cross-entropy, " + method.id(), values(of, Calibrating.Row::heldoutCrossEntropy));
        }
        summarises("temperature", values(rows.stream().filter(r -> r.method() == Method.TEMPERATURE).toList(), Calibrating.Row::temperature));
        assertTrue(finding("temperature").low() > 1, "overconfident: T > 1");
        for (Calibrating.Row scaled : rows.stream().filter(r -> r.method() == Method.TEMPERATURE).toList()) {
            Calibrating.Row asTrained = Calibrating.find(rows, scaled.seed(), Method.NONE);
            assertTrue(scaled.heldoutCrossEntropy() < asTrained.heldoutCrossEntropy(), "seed " + scaled.seed());
            assertEquals(asTrained.heldoutAccuracy(), scaled.heldoutAccuracy(), 0.0);
        }
        // "No change that five seeds can tell from none" for temperature scaling; a fall for Platt scaling.
        Finding temperature = finding("ECE reduction, temperature");
        assertTrue(temperature.low() < 0 && temperature.high() > 0, temperature.toString());
        assertTrue(finding("ECE reduction, platt").low() > 0, finding("ECE reduction, platt").toString());
        double[] before = values(rows.stream().filter(r -> r.method() == Method.NONE).toList(), Calibrating.Row::ece);
        double[] platt = values(rows.stream().filter(r -> r.method() == Method.PLATT).toList(), Calibrating.Row::ece);
        double[] reduction = new double[seeds];
        Arrays.setAll(reduction, s -> before[s] - platt[s]);
        summarises("ECE reduction, platt", reduction);
        Calibrating.Row first = Calibrating.find(rows, (long) value("first seed"), Method.NONE);
        assertEquals(first.ece(), finding("ECE of the first seed, none").value(), 1e-15);
        assertEquals(first.eceLow(), finding("ECE of the first seed, none").low(), 1e-15);
    }

    /** The page reads the diagrams: overconfidence in the first bin, fixed by the temperature; the 9s underconfident after it. */
    @Test
    void theReliabilityDiagramsShowWhatThePageSays() {
        assertTrue(finding("none: first bin, share of 9s").low() > finding("none: first bin, mean P(9)").high(),
                "as trained, the first bin holds more 9s than it predicts");
        assertTrue(finding("none: share of digits in the first bin").value() > 0.8, "the first bin weighs most");
        double gapBefore = Math.abs(value("none: first bin, share of 9s") - value("none: first bin, mean P(9)"));
        double gapAfter = Math.abs(value("temperature: first bin, share of 9s") - value("temperature: first bin, mean P(9)"));
        assertTrue(gapAfter < gapBefore / 2, "temperature scaling fixes the first bin: " + gapBefore + " to " + gapAfter);
        assertTrue(Math.abs(value("mean logit of the other held-out digits")) > 2 * Math.abs(value("mean logit of the held-out 9s")));
        for (Bin bin : COMMITTED.rows("reliability", Bin.class)) {
            if (bin.method() == Method.TEMPERATURE && bin.count() > 0 && bin.binLower() >= 0.5) {
                assertTrue(bin.observedFrequency() > bin.meanPredicted(), "underconfident above ½: " + bin);
            }
        }
    }

    // Thresholds.

    @Test
    void thresholdsForTheStatedCostBeatOneHalfAndNothingBeatsItForF1() {
        List<Decisions.Row> rows = COMMITTED.rows("thresholds", Decisions.Row.class);
        for (Decision decision : Decision.values()) {
            List<Decisions.Row> of = rows.stream().filter(r -> r.decision() == decision).toList();
            summarises(decision.id() + ": precision", values(of, Decisions.Row::precision));
            summarises(decision.id() + ": recall", values(of, Decisions.Row::recall));
            summarises(decision.id() + ": F1", values(of, Decisions.Row::f1));
            summarises(decision.id() + ": cost per 1000 digits", values(of, r -> 1000 * r.costPerDigit()));
            assertTrue(overlap(finding(decision.id() + ": F1"), finding("plain-0.5: F1")), decision.id() + " against ½ for F1");
        }
        for (Decisions.Row half : rows.stream().filter(r -> r.decision() == Decision.HALF).toList()) {
            for (Decision lower : List.of(Decision.LEAST_COST, Decision.BAYES_COST)) {
                Decisions.Row row = rows.stream().filter(r -> r.decision() == lower && r.seed() == half.seed()).findFirst().orElseThrow();
                assertTrue(row.costPerDigit() < half.costPerDigit(), lower.id() + ", seed " + half.seed());
                assertTrue(row.recall() > half.recall() && row.precision() < half.precision(), lower.id() + ", seed " + half.seed());
            }
        }
        for (Decision retrained : List.of(Decision.WEIGHTED, Decision.RESAMPLED)) {
            assertTrue(value(retrained.id() + ": recall") > value("plain-0.5: recall"), retrained.id());
            assertTrue(value(retrained.id() + ": precision") < value("plain-0.5: precision"), retrained.id());
        }
        assertEquals(1 / (1 + value("positive-class weight")), value("threshold 1/(1 + w) that the weight's ½ stands for"), 5e-3);
    }

    // Targets.

    @Test
    void smoothedTargetsBoundTheLogitsAndRaiseTheEce() {
        List<Targets.Row> rows = COMMITTED.rows("targets", Targets.Row.class);
        List<Targets.Growth> growth = COMMITTED.rows("logit-growth", Targets.Growth.class);
        int epochs = (int) value("epochs");
        for (Training training : List.of(Training.PLAIN, Training.SMOOTHED_005, Training.SMOOTHED_010)) {
            List<Targets.Row> of = rows.stream().filter(r -> r.training() == training).toList();
            String name = "epsilon " + training.epsilon();
            summarises(name + ": held-out mean |z|", values(of, Targets.Row::meanAbsLogit));
            summarises(name + ": training mean |z|", values(of, Targets.Row::probeMeanAbsLogit));
            summarises(name + ": ECE", values(of, Targets.Row::ece));
            summarises(name + ": held-out accuracy", values(of, Targets.Row::heldoutAccuracy));
            summarises(name + ": held-out cross-entropy", values(of, Targets.Row::heldoutCrossEntropy));
            assertTrue(overlap(finding(name + ": held-out accuracy"), finding("epsilon 0.0: held-out accuracy")), "accuracy intervals overlap");
            for (long seed : of.stream().mapToLong(Targets.Row::seed).toArray()) {
                double[] curve = growth.stream().filter(g -> g.training() == training && g.seed() == seed)
                        .mapToDouble(Targets.Growth::meanAbsLogit).toArray();
                assertEquals(epochs + 1, curve.length);
                if (training == Training.PLAIN) {
                    assertTrue(curve[epochs] > curve[epochs / 2] && curve[epochs / 2] > curve[epochs / 4], "0/1 targets keep pushing, seed " + seed);
                } else {
                    // Level off near ln((2 − ε)/ε): the last quarter of the epochs within 15% of it on average, no epoch a quarter above.
                    double late = Arrays.stream(curve, epochs - epochs / 4, epochs + 1).average().orElseThrow();
                    assertEquals(training.optimalLogit(), late, 0.15 * training.optimalLogit(), training.id() + ", seed " + seed);
                    for (int epoch = 5; epoch <= epochs; epoch++) {
                        assertTrue(curve[epoch] < 1.25 * training.optimalLogit(), training.id() + ", seed " + seed + ", epoch " + epoch);
                    }
                }
            }
        }
        for (Targets.Row smoothed : rows.stream().filter(r -> r.epsilon() > 0).toList()) {
            Targets.Row plain = rows.stream().filter(r -> r.epsilon() == 0 && r.seed() == smoothed.seed()).findFirst().orElseThrow();
            assertTrue(smoothed.ece() > plain.ece(), "the ECE rises: " + smoothed);
            assertTrue(smoothed.eceUnsmoothed() < smoothed.ece(), "undoing the smoothing lowers it: " + smoothed);
        }
        for (String epsilon : List.of("0.05", "0.1")) {
            Finding undone = finding("epsilon " + epsilon + ": ECE after undoing the smoothing");
            summarises(undone.name(), values(rows.stream().filter(r -> Double.toString(r.epsilon()).equals(epsilon)).toList(),
                    Targets.Row::eceUnsmoothed));
            assertTrue(overlap(undone, finding("epsilon 0.0: ECE")), "the seeds cannot tell it from targets 0 and 1: " + undone);
        }
    }
}
