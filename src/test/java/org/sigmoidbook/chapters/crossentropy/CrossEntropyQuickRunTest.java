package org.sigmoidbook.chapters.crossentropy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.BookTest;
import org.sigmoidbook.ChapterData;
import org.sigmoidbook.QuickBook;
import org.sigmoidbook.book.Rows;
import org.sigmoidbook.chapters.crossentropy.LossForms.LossForm;
import org.sigmoidbook.chapters.crossentropy.OutputNumerics.GridPoint;
import org.sigmoidbook.chapters.crossentropy.Recovery.Measurement;
import org.sigmoidbook.chapters.crossentropy.Recovery.Run;
import org.sigmoidbook.toolkit.charts.Figure;
import org.sigmoidbook.toolkit.data.Mnist;

/**
 * Chapter 8 in the shared quick run: every number the page states against an independent expectation
 * (closed forms in Java's float and double arithmetic); the recovery tables (seed 42, starts z = 15
 * and z = 20) against what the start implies; and the figures drawn from the tables as read back from
 * the CSV files.
 */
class CrossEntropyQuickRunTest {

    private static final double FLOAT_ROUNDS_TO_ONE = 24 * Math.log(2);
    private static final double DOUBLE_ROUNDS_TO_ONE = 53 * Math.log(2);
    private static final Recovery.Setup QUICK = RecoveryTest.QUICK;

    private static ChapterData run() {
        return QuickBook.chapter("cross-entropy");
    }

    private static double finding(String name) {
        return run().finding(name);
    }

    private static List<Measurement> from15() {
        return run().rows("recovery", Measurement.class);
    }

    private static List<Measurement> from20() {
        return run().rows("recovery-from-20", Measurement.class);
    }

    private static List<Run> spread() {
        return run().rows("recovery-spread", Run.class);
    }

    @BookTest
    void gradientsAtFifteen() {
        float s = 1f / (1f + (float) Math.exp(-15));
        float a = Math.min(s, (float) (1 - 1e-5));
        assertEquals(a / (a * (1f - a)) * (s * (1f - s)), finding("DL4J XENT dL/dz at z = 15, label 0, FLOAT"), 5e-5);
        assertEquals(0.036, finding("DL4J XENT dL/dz at z = 15, label 0, FLOAT"), 5e-4);
        double sd = 1 / (1 + Math.exp(-15));
        double ad = Math.min(sd, 1 - 1e-5);
        assertEquals(ad / (ad * (1 - ad)) * (sd * (1 - sd)), finding("DL4J XENT dL/dz at z = 15, label 0, DOUBLE"), 5e-5);
        assertEquals(sd, finding("exact dL/dz = sigma(15)"), 5e-9);
        assertEquals(1.0, finding("fused dL/dz at z = 15, label 0, FLOAT"), 1e-6);
        assertEquals(sd, finding("fused dL/dz at z = 15, label 0, FLOAT"), 1e-6 * sd);
        assertEquals(Math.exp(-15) / Math.pow(1 + Math.exp(-15), 2), finding("quadratic cost's factor sigma'(15)"), 5e-10);
        assertEquals(Math.log(99999), finding("z where sigma(z) = 1 - 1e-5"), 5e-5);
        // Label 1 at z = -40: sigma'(z) / (clipped a = 1e-5) times (a - 1) / (1 - a), about -e^-40 / 1e-5.
        assertEquals(-Math.exp(-40) / 1e-5, finding("DL4J XENT dL/dz at z = -40, label 1, FLOAT"), 0.01e-13);
    }

    @BookTest
    void thresholdsWhereTheGradientIsExactlyZero() {
        assertEquals(FLOAT_ROUNDS_TO_ONE, finding("DL4J XENT gradient is 0 from z (label 0, FLOAT)"), 1e-4);
        assertEquals(DOUBLE_ROUNDS_TO_ONE, finding("DL4J XENT gradient is 0 from z (label 0, DOUBLE)"), 1e-4);
        assertEquals(-FLOAT_ROUNDS_TO_ONE, finding("SameDiff gradient is 0 up to z (label 0, FLOAT)"), 1e-4);
        assertEquals(-DOUBLE_ROUNDS_TO_ONE, finding("SameDiff gradient is 0 up to z (label 0, DOUBLE)"), 1e-4);
        assertEquals(16.6355, finding("24 ln 2"), 5e-5);
        assertEquals(36.7368, finding("53 ln 2"), 5e-5);
        assertTrue(finding("SameDiff dL/dz: worst relative error where the output is wrong, FLOAT") <= 1e-6);
    }

    @BookTest
    void lossCapsAndFloor() {
        assertEquals(-Math.log(1f - (float) (1 - 1e-5)), finding("DL4J XENT loss at z = 40, label 0, FLOAT"), 5e-5);
        assertEquals(-Math.log((float) 1e-5), finding("DL4J XENT loss at z = -40, label 1, FLOAT"), 5e-5);
        assertEquals(-Math.log(1e-5), finding("DL4J XENT loss at z = 40, label 0, DOUBLE"), 5e-5);
        double floor = -Math.log(1f - (float) 1e-5);
        assertEquals(floor, finding("DL4J XENT loss at z = -40, label 0, FLOAT"), 0.001e-5);
        assertEquals(Math.exp(-40), finding("exact loss at z = -40, label 0"), 0.01e-18);
        assertTrue(finding("fused loss: worst relative error over the grid, FLOAT") <= 1e-6);
        assertTrue(finding("fused loss: worst relative error over the grid, DOUBLE") <= 1e-12);
        assertEquals(Math.log(Float.MAX_VALUE), finding("z where e^z overflows in FLOAT (ln of the largest float)"), 5e-5);
    }

    /** The four forms of the label-0 loss in FLOAT, against Java's double arithmetic. */
    @BookTest
    void naiveFormsFailWhereFloatRoundsAndTheStableFormDoesNot() {
        List<LossForm> forms = run().rows("loss-forms", LossForm.class);
        assertEquals(List.of("z", LossForms.FROM_SIGMOID, LossForms.FROM_EXP, LossForms.ND4J_SOFTPLUS, LossForms.STABLE, "exact"),
                Rows.columns(LossForm.class));
        for (LossForm form : forms) {
            double z = form.z();
            double exact = Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
            assertEquals(exact, form.exact(), 1e-15 * Math.max(1, exact));
            assertEquals(exact, form.stable(), 1e-6 * exact, "stable, z = " + z);
            assertEquals(form.fromExp(), form.nd4jSoftPlus(), "ND4J's softplus is log(1 + e^z), z = " + z);
            assertEquals(z > FLOAT_ROUNDS_TO_ONE, form.fromSigmoid() == Double.POSITIVE_INFINITY, "-log(1 - sigma), z = " + z);
            assertEquals(z > Math.log(Float.MAX_VALUE), form.fromExp() == Double.POSITIVE_INFINITY, "log(1 + e^z), z = " + z);
            if (z < -FLOAT_ROUNDS_TO_ONE) {
                assertEquals(0.0, form.fromExp(), "1 + e^z rounds to 1, z = " + z);
            }
        }
    }

    @BookTest
    void recoverySetupAndTheQuickRunsClaims() throws Exception {
        Mnist.Split mnist = Mnist.load();
        assertEquals(QUICK.trainingDigits(), finding("training digits (4s and 9s)"));
        int[] heldOut = mnist.test().onlyClasses(4, 9).classCounts();
        assertEquals(heldOut[4] + heldOut[9], finding("held-out digits (4s and 9s)"));
        assertEquals((double) heldOut[9] / (heldOut[4] + heldOut[9]), finding("held-out accuracy at the start (share of 9s)"), 5e-5);
        assertEquals(1, finding("from z = 15, fused: runs recovered"));
        assertEquals(1, finding("from z = 20, fused: runs recovered"));
        assertEquals(0, finding("from z = 15, quadratic: runs recovered"));
        assertEquals(0, finding("from z = 20, dl4j-xent: runs recovered"));
        assertEquals(0, finding("from z = 20, quadratic: runs recovered"));
        assertTrue(finding("from z = 15, fused: steps to recover") < finding("from z = 15, dl4j-xent: steps to recover"));
        assertEquals(finding("from z = 20: training cross-entropy at the start"), finding("from z = 20, dl4j-xent: training cross-entropy after the last step"));
        String change = run().text("from z = 15, quadratic: training cross-entropy change");
        assertTrue(change.endsWith(" (one seed)") && Math.abs(Double.parseDouble(change.substring(0, change.indexOf(' ')))) < 1e-3, change);
        for (String never : List.of("from z = 15, quadratic", "from z = 20, dl4j-xent", "from z = 20, quadratic")) {
            assertEquals("never (0 of 1 run within " + QUICK.steps() + " steps)", run().text(never + ": steps to recover"));
        }
        assertTrue(run().text("from z = 15, fused: steps to recover").endsWith("(one seed)"));
    }

    @BookTest
    void curvesHaveAMeasurementEveryFewSteps() {
        for (List<Measurement> curves : List.of(from15(), from20())) {
            int measurements = QUICK.steps() / QUICK.evaluateEvery() + 1;
            for (OutputLoss loss : OutputLoss.values()) {
                int[] steps = rows(curves, loss).stream().mapToInt(Measurement::step).toArray();
                assertEquals(measurements, steps.length, loss.id());
                for (int i = 0; i < steps.length; i++) {
                    assertEquals(i * QUICK.evaluateEvery(), steps[i]);
                }
            }
        }
    }

    /** Every digit starts at z0: the accuracy is the share of 9s, the loss z0 + log1p(e^-z0) for a 4 and log1p(e^-z0) for a 9. */
    @BookTest
    void allLossesStartFromTheSameConfidentlyWrongOutput() throws Exception {
        Mnist.Split mnist = Mnist.load();
        int[] heldOut = mnist.test().onlyClasses(4, 9).classCounts();
        double shareOfNines = (double) heldOut[9] / (heldOut[4] + heldOut[9]);
        int[] train = mnist.train().onlyClasses(4, 9).first(QUICK.trainingDigits()).classCounts();
        for (double start : Recovery.START_LOGITS) {
            List<Measurement> curves = start == 15 ? from15() : from20();
            double startLoss = (train[4] * (start + Math.log1p(Math.exp(-start))) + train[9] * Math.log1p(Math.exp(-start))) / (train[4] + train[9]);
            for (OutputLoss loss : OutputLoss.values()) {
                Measurement first = rows(curves, loss).stream().filter(m -> m.step() == 0).findFirst().orElseThrow();
                assertEquals(shareOfNines, first.heldoutAccuracy(), 1e-12, loss.id());
                assertEquals(startLoss, first.trainLoss(), 1e-9, loss.id());
            }
        }
    }

    /** From 15 the fused loss recovers first, DL4J's XENT later, and the quadratic cost's accuracy never moves. */
    @BookTest
    void fromFifteenTheFusedLossRecoversFirstDl4jLaterAndTheQuadraticCostNot() {
        List<Run> spread = spread();
        int fused = stepsOf(spread, 15, OutputLoss.FUSED);
        int dl4j = stepsOf(spread, 15, OutputLoss.DL4J_XENT);
        assertTrue(fused > 0 && fused < dl4j, "fused " + fused + ", dl4j-xent " + dl4j);
        assertNull(steps(spread, 15, OutputLoss.QUADRATIC));
        assertEquals(1, rows(from15(), OutputLoss.QUADRATIC).stream().mapToDouble(Measurement::heldoutAccuracy).distinct().count());
    }

    /** Beyond 24 ln 2 sigma(z) is 1 in FLOAT, so DL4J's XENT and the quadratic cost give exactly zero gradients: nothing moves. */
    @BookTest
    void fromTwentyOnlyTheFusedLossMovesAtAll() {
        List<Run> spread = spread();
        for (OutputLoss frozen : List.of(OutputLoss.DL4J_XENT, OutputLoss.QUADRATIC)) {
            List<Measurement> rows = rows(from20(), frozen);
            assertEquals(1, rows.stream().mapToDouble(Measurement::trainLoss).distinct().count(), frozen.id());
            assertEquals(1, rows.stream().mapToDouble(Measurement::heldoutAccuracy).distinct().count(), frozen.id());
            assertNull(steps(spread, 20, frozen), frozen.id());
        }
        assertTrue(stepsOf(spread, 20, OutputLoss.FUSED) > 0);
    }

    /** The early-stopping runs of the spread agree with the steps read off the full curves of the same seed. */
    @BookTest
    void stepsToRecoverWithEarlyStoppingAgreeWithTheCurves() throws Exception {
        Recovery.Task task = Recovery.Task.of(Mnist.load(), QUICK);
        List<Run> early = Recovery.stepsToRecover(task, QUICK, 15, QuickBook.SEED);
        List<Run> spread = spread();
        for (OutputLoss loss : OutputLoss.values()) {
            assertEquals(steps(spread, 15, loss), steps(early, 15, loss), loss.id());
        }
    }

    @BookTest
    void gradientAndLossFiguresHaveOnePanelPerTypeForLabelZero() {
        for (Figure figure : List.of(CrossEntropyFigures.outputGradient(run().rows("output-gradient", GridPoint.class)),
                CrossEntropyFigures.lossValue(run().rows("loss-value", GridPoint.class)))) {
            List<Chart<?, ?>> panels = figure.charts();
            assertEquals(2, panels.size());
            assertTrue(panels.get(0).getTitle().endsWith("in float32") && panels.get(1).getTitle().endsWith("in float64"));
            assertEquals(1, panels.stream().filter(p -> p.getStyler().isLegendVisible()).count(), "the legend is shown once");
            for (Chart<?, ?> panel : panels) {
                XYChart chart = (XYChart) panel;
                assertTrue(chart.getSeriesMap().keySet().containsAll(List.of("DL4J XENT (sigmoid, clipped)", "fused BCE with logits",
                        "SameDiff sigmoidCrossEntropy", "exact")), chart.getSeriesMap().keySet().toString());
            }
        }
    }

    /**
     * Values are drawn as log10; the exact zeros of DL4J's float32 gradient are one segment on the floor
     * line, from the first grid point past 24 ln 2 to the end of the grid.
     */
    @BookTest
    void exactZerosAreDrawnAtTheFloor() {
        List<GridPoint> rows = run().rows("output-gradient", GridPoint.class).stream()
                .filter(point -> point.label() == 0 && point.dataType() == DataType.FLOAT).toList();
        double firstZero = rows.stream().filter(point -> point.dl4jXent() == 0).mapToDouble(GridPoint::z).min().orElseThrow();
        assertTrue(firstZero > 24 * Math.log(2), "first zero at " + firstZero);
        assertTrue(rows.stream().filter(point -> point.z() < firstZero).noneMatch(point -> point.dl4jXent() == 0));
        XYChart floatPanel = (XYChart) CrossEntropyFigures.outputGradient(run().rows("output-gradient", GridPoint.class)).charts().get(0);
        XYSeries zeros = floatPanel.getSeriesMap().get("DL4J XENT = 0 exactly (at 10⁻²⁰)");
        assertArrayEquals(new double[]{firstZero, OutputNumerics.Z_LIMIT}, zeros.getXData());
        for (double y : zeros.getYData()) {
            assertEquals(Math.log10(CrossEntropyFigures.LOG_FLOOR), y, 1e-12);
        }
    }

    @BookTest
    void recoveryFigureHasOnePanelPerStartWithOneLinePerLossAndTheRecoveryDots() {
        List<Run> spread = spread();
        Figure figure = CrossEntropyFigures.recovery(from15(), from20(), spread);
        assertEquals(2, figure.charts().size());
        for (int s = 0; s < 2; s++) {
            XYChart chart = (XYChart) figure.charts().get(s);
            double start = Recovery.START_LOGITS[s];
            assertTrue(chart.getTitle().contains("z = " + (int) start), chart.getTitle());
            for (OutputLoss loss : OutputLoss.values()) {
                assertTrue(chart.getSeriesMap().containsKey(loss.label()), loss.label());
                XYSeries dots = chart.getSeriesMap().get(loss.label() + ", each seed");
                Integer steps = steps(spread, start, loss);
                if (steps == null) {
                    assertNull(dots, loss.id() + " from " + start + " did not recover and has no dot");
                } else {
                    assertEquals(steps.doubleValue(), dots.getXData()[0], loss.id());
                    assertFalse(dots.isShowInLegend());
                }
            }
        }
    }

    private static List<Measurement> rows(List<Measurement> curves, OutputLoss loss) {
        return curves.stream().filter(m -> m.loss() == loss).toList();
    }

    /** Steps to recover from {@code start} with {@code loss}, null if the run did not recover. */
    private static Integer steps(List<Run> spread, double start, OutputLoss loss) {
        List<Run> row = spread.stream().filter(run -> run.loss() == loss && run.startLogit() == start).toList();
        assertEquals(1, row.size(), loss.id() + " from " + start);
        return row.get(0).stepsToRecover();
    }

    private static int stepsOf(List<Run> spread, double start, OutputLoss loss) {
        Integer steps = steps(spread, start, loss);
        assertNotNull(steps, loss.id() + " did not recover from " + start);
        return steps;
    }
}
