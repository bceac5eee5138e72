package org.sigmoidbook.chapters.probability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.knowm.xchart.XYChart;
import org.sigmoidbook.BookTest;
import org.sigmoidbook.ChapterData;
import org.sigmoidbook.QuickBook;
import org.sigmoidbook.book.Finding;
import org.sigmoidbook.book.Results;
import org.sigmoidbook.chapters.probability.Calibrating.Bin;
import org.sigmoidbook.chapters.probability.Decisions.Decision;
import org.sigmoidbook.chapters.probability.GaussianPosterior.Convergence;
import org.sigmoidbook.chapters.probability.Recalibration.Method;
import org.sigmoidbook.toolkit.charts.Figure;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;

/**
 * Chapter 9 in the shared quick run: every table has the rows its sizes promise, every finding
 * the page quotes is what its table holds, the closed forms are those of the chapter's classes,
 * recalibration and decisions keep their invariants, and every figure draws from the CSV files.
 */
class ProbabilityQuickRunTest {

    private static ChapterData run() {
        return QuickBook.chapter("probability");
    }

    private static Results results() {
        return run().results();
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }

    @BookTest
    void theClosedFormsAreThoseOfTheChaptersClasses() {
        assertEquals(GaussianClasses.SHARED.weights()[0], run().finding("closed-form w1"), 5e-5);
        assertEquals(GaussianClasses.SHARED.weights()[1], run().finding("closed-form w2"), 5e-5);
        assertEquals(GaussianClasses.SHARED.bias(), run().finding("closed-form b"), 5e-5);
        assertEquals(GaussianClasses.SHARED.asymptoticSquaredError(), run().finding("trace of the inverse Fisher information"), 5e-3);
        assertEquals(Math.log(39), run().finding("epsilon 0.05: optimal logit ln((2 - eps)/eps)"), 5e-4);
        assertEquals(Math.log(19), run().finding("epsilon 0.1: optimal logit ln((2 - eps)/eps)"), 5e-4);
        assertEquals(1.0 / 6, run().finding("Bayes threshold 1/(1 + cost)"), 5e-4);
        assertEquals(9, run().finding("DL4J XENT weight 9 on its one output: gradient ratio, label 0"), 5e-3);
        assertEquals(9, run().finding("DL4J XENT weight 9 on its one output: gradient ratio, label 1"), 5e-3);
    }

    @BookTest
    void everyFitConvergedAndTheTableHoldsEverySizeAndSeed() {
        List<Convergence> rows = run().rows("gaussian-posterior", Convergence.class);
        int seeds = (int) run().finding("Gaussian seeds");
        assertEquals(2 * seeds, rows.size(), "two sample sizes in quick mode");
        double[] w = GaussianClasses.SHARED.weights();
        for (Convergence row : rows) {
            assertTrue(row.gradientNorm() < 1e-6, row.toString());
            assertTrue(row.steps() < LogisticRegression.MAX_STEPS, row.toString());
            double distance = Math.sqrt(Math.pow(row.w1() - w[0], 2) + Math.pow(row.w2() - w[1], 2)
                    + Math.pow(row.b() - GaussianClasses.SHARED.bias(), 2));
            assertEquals(distance, row.distance(), 1e-12);
        }
        double[] smallest = rows.stream().filter(r -> r.n() == run().finding("smallest sample")).mapToDouble(Convergence::distance).toArray();
        assertEquals(mean(smallest), run().results().get("distance to the closed form, smallest n").value(), 1e-12);
    }

    /** The findings over seeds are the means of the table rows they summarise. */
    @BookTest
    void findingsAreTheMeansOfTheirTables() {
        List<Calibrating.Row> calibration = run().rows("calibration", Calibrating.Row.class);
        for (Method method : Method.values()) {
            double[] ece = calibration.stream().filter(r -> r.method() == method).mapToDouble(Calibrating.Row::ece).toArray();
            assertEquals(mean(ece), results().get("ECE, " + method.id()).value(), 1e-12, method.id());
            assertEquals(Finding.Basis.SEEDS_MEAN, results().get("ECE, " + method.id()).basis());
        }
        List<Decisions.Row> thresholds = run().rows("thresholds", Decisions.Row.class);
        for (Decision decision : Decision.values()) {
            double[] f1 = thresholds.stream().filter(r -> r.decision() == decision).mapToDouble(Decisions.Row::f1).toArray();
            assertEquals(mean(f1), results().get(decision.id() + ": F1").value(), 1e-12, decision.id());
        }
        List<Targets.Row> targets = run().rows("targets", Targets.Row.class);
        for (Training training : List.of(Training.PLAIN, Training.SMOOTHED_005, Training.SMOOTHED_010)) {
            double[] z = targets.stream().filter(r -> r.training() == training).mapToDouble(Targets.Row::meanAbsLogit).toArray();
            assertEquals(mean(z), results().get("epsilon " + training.epsilon() + ": held-out mean |z|").value(), 1e-12);
        }
    }

    /** Recalibration changes no decision at ½, so the accuracy of every reading of a seed's network is the same. */
    @BookTest
    void recalibrationKeepsTheAccuracyAndTheBootstrapIntervalHoldsTheEstimate() {
        List<Calibrating.Row> rows = run().rows("calibration", Calibrating.Row.class);
        int seeds = (int) run().finding("seeds");
        assertEquals(seeds * Method.values().length, rows.size());
        for (Calibrating.Row row : rows) {
            assertEquals(Calibrating.find(rows, row.seed(), Method.NONE).heldoutAccuracy(), row.heldoutAccuracy(), 0.0);
            assertTrue(row.eceLow() <= row.ece() && row.ece() <= row.eceHigh(), row.toString());
            assertTrue(row.slope() > 0, row.toString());
        }
    }

    /** Each row's scores are those of its counts; thresholds at ½ are ½; the counts cover every held-out digit. */
    @BookTest
    void thresholdRowsAreConsistentWithTheirCounts() {
        int heldOut = (int) run().finding("held-out digits");
        for (Decisions.Row row : run().rows("thresholds", Decisions.Row.class)) {
            Scores.Confusion c = new Scores.Confusion(row.truePositives(), row.falsePositives(), row.falseNegatives(), row.trueNegatives());
            assertEquals(heldOut, row.truePositives() + row.falsePositives() + row.falseNegatives() + row.trueNegatives());
            assertEquals(run().finding("held-out 9s"), row.truePositives() + row.falseNegatives());
            assertEquals(c.precision(), row.precision(), 1e-15);
            assertEquals(c.recall(), row.recall(), 1e-15);
            assertEquals(c.f1(), row.f1(), 1e-15);
            assertEquals(c.costPerDigit(Decisions.COST_OF_MISS), row.costPerDigit(), 1e-15);
            if (row.decision() == Decision.HALF || row.decision() == Decision.WEIGHTED || row.decision() == Decision.RESAMPLED) {
                assertEquals(0.5, row.threshold(), 0.0);
            }
        }
    }

    /** The reliability bins pool every seed's held-out digits, once per reading. */
    @BookTest
    void reliabilityBinsCoverEveryHeldOutDigitOfEverySeed() {
        List<Bin> bins = run().rows("reliability", Bin.class);
        int expected = (int) (run().finding("seeds") * run().finding("held-out digits"));
        for (Method method : Method.values()) {
            assertEquals(expected, bins.stream().filter(b -> b.method() == method).mapToInt(Bin::count).sum(), method.id());
        }
    }

    /** Logit growth starts from the same network for every target, and each run has a value per epoch and before training. */
    @BookTest
    void logitGrowthHasEveryEpochOfEveryTargetRun() {
        List<Targets.Growth> growth = run().rows("logit-growth", Targets.Growth.class);
        int epochs = (int) run().finding("epochs");
        int seeds = (int) run().finding("seeds");
        assertEquals(3 * seeds * (epochs + 1), growth.size());
        for (long seed : growth.stream().mapToLong(Targets.Growth::seed).distinct().toArray()) {
            double[] start = growth.stream().filter(g -> g.seed() == seed && g.epoch() == 0).mapToDouble(Targets.Growth::meanAbsLogit).toArray();
            assertEquals(3, start.length);
            assertEquals(start[0], start[1], 0.0, "same initial network, seed " + seed);
            assertEquals(start[0], start[2], 0.0, "same initial network, seed " + seed);
        }
    }

    @BookTest
    void logitProbitTableAndFindings() {
        List<LogitProbit.Curves> rows = run().rows("logit-probit", LogitProbit.Curves.class);
        double largest = rows.stream().mapToDouble(r -> Math.abs(r.difference())).max().orElseThrow();
        assertTrue(largest <= run().finding("max |Phi(z) - sigma(1.702 z)|") + 1e-12, "the grid cannot beat the refined maximum");
        for (LogitProbit.Curves row : rows) {
            assertEquals(ExactSigmoid.of(LogitProbit.SCALE * row.z()), row.logistic(), 1e-15);
        }
    }

    @BookTest
    void everyFigureDrawsFromTheTables() throws Exception {
        Results results = results();
        Figure gaussian = ProbabilityFigures.gaussianPosterior(results);
        assertEquals(2, gaussian.charts().size());
        assertEquals(2, ProbabilityFigures.unequalCovariances(results).charts().size());
        XYChart shared = (XYChart) gaussian.charts().get(0);
        assertTrue(shared.getSeriesMap().containsKey("closed form, P = 0.5"), shared.getSeriesMap().keySet().toString());
        assertEquals(2, ProbabilityFigures.logitProbit(run().rows("logit-probit", LogitProbit.Curves.class), results).charts().size());
        Figure reliability = ProbabilityFigures.reliability(run().rows("reliability", Bin.class), results);
        assertEquals(3, reliability.charts().size());
        assertEquals(1, reliability.charts().stream().filter(c -> c.getStyler().isLegendVisible()).count(), "the legend is shown once");
        XYChart pr = ProbabilityFigures.precisionRecall(run().rows("precision-recall", Decisions.CurvePoint.class),
                run().rows("thresholds", Decisions.Row.class), results);
        for (Decision decision : Decision.values()) {
            assertTrue(pr.getSeriesMap().containsKey(decision.label()), decision.label());
        }
        assertEquals(2, ProbabilityFigures.targets(run().rows("logit-growth", Targets.Growth.class), run().rows("targets", Targets.Row.class))
                .charts().size());
    }
}
