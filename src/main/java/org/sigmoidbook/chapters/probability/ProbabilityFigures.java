package org.sigmoidbook.chapters.probability;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.DoubleStream;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sigmoidbook.book.Figures;
import org.sigmoidbook.book.Results;
import org.sigmoidbook.chapters.probability.Calibrating.Bin;
import org.sigmoidbook.chapters.probability.Decisions.CurvePoint;
import org.sigmoidbook.chapters.probability.Decisions.Decision;
import org.sigmoidbook.chapters.probability.GaussianPosterior.BoundaryPoint;
import org.sigmoidbook.chapters.probability.GaussianPosterior.Classes;
import org.sigmoidbook.chapters.probability.GaussianPosterior.Convergence;
import org.sigmoidbook.chapters.probability.GaussianPosterior.Point;
import org.sigmoidbook.chapters.probability.GaussianPosterior.ProfilePoint;
import org.sigmoidbook.chapters.probability.LogitProbit.Curves;
import org.sigmoidbook.chapters.probability.Recalibration.Method;
import org.sigmoidbook.toolkit.charts.Charts;
import org.sigmoidbook.toolkit.charts.Figure;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/** The chapter's figures, each drawn from its tables (and the findings the titles quote) alone. */
final class ProbabilityFigures {

    private static final int PANEL_WIDTH = 760;
    private static final int PANEL_HEIGHT = 600;
    private static final Color CLASS_0 = Charts.translucent(Color.GRAY, 0.45);
    private static final Color CLASS_1 = Charts.translucent(Charts.color(0), 0.55);
    /** The true curve: broad and pale, so that a fit drawn on it stays visible. */
    private static final BasicStroke TRUTH = new BasicStroke(7f);
    private static final Color TRUTH_COLOR = Charts.translucent(Color.BLACK, 0.3);

    private ProbabilityFigures() {
    }

    static void draw(Results results, Figures figures) throws Exception {
        figures.add("gaussian-posterior", gaussianPosterior(results));
        figures.add("unequal-covariances", unequalCovariances(results));
        figures.add("logit-probit", logitProbit(results.rows("logit-probit", Curves.class), results));
        figures.add("reliability-before-after", reliability(results.rows("reliability", Bin.class), results));
        figures.add("precision-recall", precisionRecall(results.rows("precision-recall", CurvePoint.class),
                results.rows("thresholds", Decisions.Row.class), results));
        figures.add("targets", targets(results.rows("logit-growth", Targets.Growth.class), results.rows("targets", Targets.Row.class)));
    }

    /** One covariance: the classes with the closed-form and fitted boundaries, and the fits' distance to the closed form. */
    static Figure gaussianPosterior(Results results) {
        List<Point> sample = results.rows("gaussian-sample", Point.class);
        List<BoundaryPoint> boundaries = results.rows("boundaries", BoundaryPoint.class);
        XYChart shared = plane("The posterior is σ(wᵀx + b)", sample, Classes.SHARED);
        curve(shared, boundaries, Classes.SHARED, "closed form, P = 0.5", TRUTH_COLOR, TRUTH);
        curve(shared, boundaries, Classes.SHARED, "closed form, P = 0.1", Charts.REFERENCE_COLOR, Charts.DOTTED)
                .setLabel("closed form, P = 0.1 and 0.9");
        curve(shared, boundaries, Classes.SHARED, "closed form, P = 0.9", Charts.REFERENCE_COLOR, Charts.DOTTED)
                .setShowInLegend(false);
        int smallest = (int) results.value("smallest sample");
        int largest = (int) results.value("largest sample");
        curve(shared, boundaries, Classes.SHARED, "DL4J fit, n = " + smallest + ", P = 0.5", Charts.color(2), Charts.DASHED)
                .setLabel("DL4J, n = " + smallest + ", P = 0.5");
        curve(shared, boundaries, Classes.SHARED, "DL4J fit, n = " + largest + ", P = 0.5", Charts.color(1), Charts.DASHED)
                .setLabel("DL4J, n = " + largest + ", P = 0.5");
        return Figure.grid(2, List.of(shared, convergence(results.rows("gaussian-posterior", Convergence.class),
                results.value("trace of the inverse Fisher information"))));
    }

    /** Two covariances: the classes with the true and fitted boundaries, and the posterior along the line through both means. */
    static Figure unequalCovariances(Results results) {
        List<BoundaryPoint> boundaries = results.rows("boundaries", BoundaryPoint.class);
        XYChart unequal = plane("The log-odds are quadratic", results.rows("gaussian-sample", Point.class), Classes.UNEQUAL);
        curve(unequal, boundaries, Classes.UNEQUAL, "true posterior, P = 0.5", TRUTH_COLOR, TRUTH);
        curve(unequal, boundaries, Classes.UNEQUAL, "linear fit, P = 0.5", Charts.color(1), Charts.SOLID);
        curve(unequal, boundaries, Classes.UNEQUAL, "quadratic-feature fit, P = 0.5", Charts.color(2), Charts.DASHED);
        return Figure.grid(2, List.of(unequal, profile(results.rows("posterior-profile", ProfilePoint.class))));
    }

    private static XYChart plane(String title, List<Point> sample, Classes classes) {
        XYChart chart = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, title, "x₁", "x₂");
        for (int y = 0; y <= 1; y++) {
            int label = y;
            List<Point> points = sample.stream().filter(p -> p.classes() == classes && p.y() == label).toList();
            Charts.scatter(chart, "class " + y, points.stream().mapToDouble(Point::x1).toArray(),
                    points.stream().mapToDouble(Point::x2).toArray(), y == 1 ? CLASS_1 : CLASS_0);
        }
        chart.getStyler().setMarkerSize(6);
        Charts.xRange(chart, -GaussianPosterior.PLOT_LIMIT, GaussianPosterior.PLOT_LIMIT);
        Charts.yRange(chart, -GaussianPosterior.PLOT_LIMIT, GaussianPosterior.PLOT_LIMIT);
        return chart;
    }

    private static XYSeries curve(XYChart chart, List<BoundaryPoint> boundaries, Classes classes, String name, Color color,
                                  BasicStroke stroke) {
        List<BoundaryPoint> points = boundaries.stream().filter(b -> b.classes() == classes && b.curve().equals(name)).toList();
        return Charts.line(chart, name, points.stream().mapToDouble(BoundaryPoint::x1).toArray(),
                points.stream().mapToDouble(BoundaryPoint::x2).toArray(), color, stroke);
    }

    /** Distance of each seed's fit to the closed form against n, on log axes, with what the Fisher information predicts. */
    private static XYChart convergence(List<Convergence> rows, double traceOfInverse) {
        XYChart chart = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, "DL4J's fit converges to it", "sample size n (log scale)",
                "|(ŵ, b̂) − (w, b)| (log scale)");
        Charts.logX(chart);
        Charts.logY(chart);
        double[] sizes = rows.stream().mapToDouble(Convergence::n).distinct().sorted().toArray();
        Charts.scatter(chart, "each seed", rows.stream().mapToDouble(Convergence::n).toArray(),
                rows.stream().mapToDouble(Convergence::distance).toArray(), Charts.translucent(Charts.color(0), 0.6));
        double[] rms = DoubleStream.of(sizes).map(n -> Math.sqrt(rows.stream().filter(r -> r.n() == n)
                .mapToDouble(r -> r.distance() * r.distance()).average().orElseThrow())).toArray();
        Charts.points(chart, "root mean square", sizes, rms, Charts.color(0));
        Charts.reference(chart, "√(tr I⁻¹ / n), predicted", sizes,
                DoubleStream.of(sizes).map(n -> Math.sqrt(traceOfInverse / n)).toArray());
        Charts.legendInside(chart, LegendPosition.InsideNE);
        return chart;
    }

    /** The posterior along the line through both means: true, linear fit and quadratic-feature fit. */
    private static XYChart profile(List<ProfilePoint> rows) {
        XYChart chart = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, "Along the line through both means", "t, where x = μ₀ + t (μ₁ − μ₀)",
                "P(y = 1 | x)");
        double[] t = rows.stream().mapToDouble(ProfilePoint::t).toArray();
        Charts.line(chart, "true posterior", t, rows.stream().mapToDouble(ProfilePoint::bayes).toArray(), TRUTH_COLOR, TRUTH);
        Charts.line(chart, "linear fit", t, rows.stream().mapToDouble(ProfilePoint::linear).toArray(), Charts.color(1),
                Charts.SOLID);
        Charts.line(chart, "quadratic-feature fit", t, rows.stream().mapToDouble(ProfilePoint::quadratic).toArray(),
                Charts.color(2), Charts.DASHED);
        // One series for both lines: XChart breaks a line at NaN.
        Charts.reference(chart, "μ₀ (t = 0) and μ₁ (t = 1)", new double[]{0, 0, Double.NaN, 1, 1},
                new double[]{0, 1, Double.NaN, 0, 1}).setLineStyle(Charts.DOTTED);
        Charts.yRange(chart, -0.02, 1.02);
        Charts.legendInside(chart, LegendPosition.InsideS);
        return chart;
    }

    /** Φ(z) against σ(1.702 z), and their differences, with the largest marked. */
    static Figure logitProbit(List<Curves> rows, Results results) {
        double[] z = rows.stream().mapToDouble(Curves::z).toArray();
        XYChart curves = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, "Probit and logistic", "z", "probability");
        // On a grid of its own: XChart labels an axis at the data's x values when every series shares
        // one equally spaced grid, which here gave ticks 0.7 apart.
        double[] unscaled = Charts.range(-LogitProbit.TABLE_LIMIT, LogitProbit.TABLE_LIMIT, 97);
        Charts.line(curves, "σ(z), the logistic unscaled", unscaled, DoubleStream.of(unscaled).map(Sigmoid::of).toArray(),
                Charts.color(2), Charts.DOTTED);
        Charts.line(curves, "Φ(z), the probit", z, rows.stream().mapToDouble(Curves::probit).toArray(), Charts.REFERENCE_COLOR,
                Charts.SOLID);
        Charts.line(curves, "σ(1.702 z)", z, rows.stream().mapToDouble(Curves::logistic).toArray(), Charts.color(1), Charts.DASHED);
        Charts.legendInside(curves, LegendPosition.InsideNW);
        Charts.xRange(curves, -LogitProbit.TABLE_LIMIT, LogitProbit.TABLE_LIMIT);

        XYChart differences = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, "Their differences", "z", "difference");
        Charts.line(differences, "Φ(z) − σ(1.702 z)", z, rows.stream().mapToDouble(Curves::difference).toArray(), Charts.color(1),
                Charts.SOLID);
        Charts.line(differences, "GELU: z Φ(z) − z σ(1.702 z)", z, rows.stream().mapToDouble(Curves::geluDifference).toArray(),
                Charts.color(0), Charts.SOLID);
        double at = results.value("z of the largest difference");
        double largest = results.value("max |Phi(z) - sigma(1.702 z)|");
        Charts.mark(differences, String.format(Locale.ROOT, "largest |Φ − σ(1.702 z)| = %.4f at z = ±%.3f", largest, at),
                -at, LogitProbit.difference(-at, LogitProbit.SCALE));
        Charts.xRange(differences, -LogitProbit.TABLE_LIMIT, LogitProbit.TABLE_LIMIT);
        differences.getStyler().setYAxisDecimalPattern("0.000");
        return Figure.grid(2, List.of(curves, differences));
    }

    /** One reliability diagram per reading of the outputs, over the held-out digits of all seeds, with Wilson intervals. */
    static Figure reliability(List<Bin> bins, Results results) {
        List<XYChart> panels = new ArrayList<>();
        int seeds = (int) results.value("seeds");
        for (Method method : Method.values()) {
            String title = switch (method) {
                case NONE -> "As trained";
                case TEMPERATURE -> "Temperature scaling";
                case PLATT -> "Platt scaling";
            };
            XYChart chart = Charts.xy(PANEL_WIDTH * 2 / 3, PANEL_HEIGHT, title + ": ECE " + results.finding("ECE, " + method.id()).split(" \\(")[0],
                    "mean P(9) in the bin", "share of 9s (" + seeds + " seeds pooled)");
            Charts.reference(chart, "perfect calibration", new double[]{0, 1}, new double[]{0, 1});
            List<Bin> filled = bins.stream().filter(b -> b.method() == method && b.count() > 0).toList();
            for (Bin bin : filled) {
                Charts.line(chart, "interval " + bin.binLower(), new double[]{bin.meanPredicted(), bin.meanPredicted()},
                        new double[]{bin.observedLow(), bin.observedHigh()}, Charts.color(0), Charts.SOLID).setShowInLegend(false);
            }
            Charts.scatter(chart, "bin, Wilson 95%",
                    filled.stream().mapToDouble(Bin::meanPredicted).toArray(), filled.stream().mapToDouble(Bin::observedFrequency).toArray(),
                    Charts.color(0));
            Charts.xRange(chart, 0, 1);
            Charts.yRange(chart, 0, 1);
            chart.getStyler().setLegendVisible(method == Method.NONE);
            Charts.legendInside(chart, LegendPosition.InsideSE);
            panels.add(chart);
        }
        return Figure.grid(3, panels);
    }

    /**
     * The first seed's precision-recall curves, and where each decision lands for every seed: the
     * colour says how the network was trained, the marker how its threshold was chosen.
     */
    static XYChart precisionRecall(List<CurvePoint> curves, List<Decisions.Row> decisions, Results results) {
        XYChart chart = Charts.xy("Calling a digit a 9: held-out precision and recall", "recall", "precision");
        long first = (long) results.value("first seed");
        List<Training> trainings = List.of(Training.PLAIN, Training.POSITIVE_WEIGHT, Training.RESAMPLED);
        for (Training training : trainings) {
            List<CurvePoint> points = curves.stream().filter(c -> c.training() == training && c.seed() == first).toList();
            Charts.line(chart, training.label() + ", every threshold (first seed)", points.stream().mapToDouble(CurvePoint::recall).toArray(),
                    points.stream().mapToDouble(CurvePoint::precision).toArray(), Charts.translucent(Charts.color(trainings.indexOf(training)), 0.6),
                    Charts.SOLID);
        }
        for (Decision decision : Decision.values()) {
            List<Decisions.Row> rows = decisions.stream().filter(r -> r.decision() == decision).toList();
            XYSeries series = Charts.scatter(chart, decision.label(), rows.stream().mapToDouble(Decisions.Row::recall).toArray(),
                    rows.stream().mapToDouble(Decisions.Row::precision).toArray(), Charts.color(trainings.indexOf(decision.training())));
            series.setMarker(switch (decision) {
                case BEST_F1 -> SeriesMarkers.DIAMOND;
                case LEAST_COST -> SeriesMarkers.SQUARE;
                case BAYES_COST -> SeriesMarkers.TRIANGLE_UP;
                case HALF, WEIGHTED, RESAMPLED -> SeriesMarkers.CIRCLE;
            });
        }
        Charts.xRange(chart, 0.7, 1);
        Charts.yRange(chart, 0.6, 1);
        chart.getStyler().setMarkerSize(11);
        return chart;
    }

    /** The training digits' mean |z| epoch by epoch for each target, with where smoothed targets stop the push; and the ECE. */
    static Figure targets(List<Targets.Growth> growth, List<Targets.Row> rows) {
        XYChart logits = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, "Targets 0/1 push the logits on", "epoch",
                "mean |z|, training digits");
        int colour = 0;
        int lastEpoch = growth.stream().mapToInt(Targets.Growth::epoch).max().orElseThrow();
        for (Training training : Training.values()) {
            if (!training.comparesTargets()) {
                continue;
            }
            Color color = Charts.color(colour++);
            for (long seed : growth.stream().mapToLong(Targets.Growth::seed).distinct().toArray()) {
                List<Targets.Growth> run = growth.stream().filter(g -> g.training() == training && g.seed() == seed).toList();
                XYSeries line = Charts.line(logits, training.label() + " " + seed, run.stream().mapToDouble(Targets.Growth::epoch).toArray(),
                        run.stream().mapToDouble(Targets.Growth::meanAbsLogit).toArray(), Charts.translucent(color, 0.7), Charts.SOLID);
                line.setShowInLegend(false);
                if (seed == growth.get(0).seed()) {
                    line.setShowInLegend(true);
                    line.setLabel(training.label() + " (a line per seed)");
                }
            }
            if (training.epsilon() > 0) {
                Charts.line(logits, String.format(Locale.ROOT, "ln((2 − ε)/ε), ε = %s", training.epsilon()), new double[]{0, lastEpoch},
                        new double[]{training.optimalLogit(), training.optimalLogit()}, color, Charts.REFERENCE);
            }
        }

        XYChart ece = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, "Calibration on the held-out digits", "smoothing ε", "ECE");
        Charts.scatter(ece, "as trained (each seed)", rows.stream().mapToDouble(Targets.Row::epsilon).toArray(),
                rows.stream().mapToDouble(Targets.Row::ece).toArray(), Charts.color(1));
        List<Targets.Row> smoothed = rows.stream().filter(r -> r.epsilon() > 0).toList();
        Charts.scatter(ece, "(p − ε/2)/(1 − ε), drawn 0.004 right",
                smoothed.stream().mapToDouble(r -> r.epsilon() + 0.004).toArray(), smoothed.stream().mapToDouble(Targets.Row::eceUnsmoothed).toArray(),
                Charts.color(2));
        ece.getStyler().setMarkerSize(9);
        ece.getStyler().setXAxisDecimalPattern("0.00").setYAxisDecimalPattern("0.000");
        Charts.xRange(ece, -0.01, 0.12);
        return Figure.grid(2, List.of(logits, ece));
    }
}
