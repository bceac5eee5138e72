package org.sigmoidbook.chapters.zerocentering;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sigmoidbook.chapters.zerocentering.Conditioning.Eigenvalue;
import org.sigmoidbook.chapters.zerocentering.Conditioning.Spectrum;
import org.sigmoidbook.chapters.zerocentering.Convergence.Biases;
import org.sigmoidbook.chapters.zerocentering.Convergence.Epoch;
import org.sigmoidbook.chapters.zerocentering.Convergence.Training;
import org.sigmoidbook.chapters.zerocentering.SameSign.ByBatchSize;
import org.sigmoidbook.chapters.zerocentering.SameSign.ByFanIn;
import org.sigmoidbook.chapters.zerocentering.ZigZag.Input;
import org.sigmoidbook.chapters.zerocentering.ZigZag.Inputs;
import org.sigmoidbook.chapters.zerocentering.ZigZag.PathPoint;
import org.sigmoidbook.chapters.zerocentering.ZigZag.Rate;
import org.sigmoidbook.chapters.zerocentering.ZigZag.Setting;
import org.sigmoidbook.chapters.zerocentering.ZigZag.Steps;
import org.sigmoidbook.chapters.zerocentering.ZigZag.Update;
import org.sigmoidbook.toolkit.charts.BookTheme;
import org.sigmoidbook.toolkit.charts.Charts;
import org.sigmoidbook.toolkit.charts.Figure;
import org.sigmoidbook.toolkit.nn.HiddenUnit;
import org.sigmoidbook.toolkit.numerics.Sigmoid;
import org.sigmoidbook.toolkit.numerics.Stats;

/** The chapter's figures, each drawn from its tables alone. */
final class ZeroCenteringFigures {

    private static final int PANEL_WIDTH = 800;
    private static final int PANEL_HEIGHT = 620;
    private static final int PATH_WIDTH = 700;
    private static final int PATH_HEIGHT = 560;
    /**
     * Where the contour labels go, in degrees around the optimum, for positive and centred inputs:
     * below the optimum, where no drawn path runs.
     */
    private static final double[] CONTOUR_LABEL_ANGLES = {250, 210};
    private static final List<HiddenUnit> UNITS = ZeroCenteringChapter.UNITS;
    /** The loss contours: light grey, so that no path colour resembles them. */
    private static final Color CONTOUR = new Color(175, 175, 175);
    private static final BasicStroke THIN = new BasicStroke(1.3f);
    private static final BasicStroke WIDE = new BasicStroke(6f);
    private static final BasicStroke WIDE_DASHED = new BasicStroke(6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{14f, 8f}, 0f);
    /**
     * A reference level that data may lie on (chance, zero difference): a wide light band drawn
     * before the data, so that a curve on it shows as a line inside the band and hides neither.
     */
    private static final Color LEVEL = new Color(200, 200, 200);
    private static final BasicStroke LEVEL_STROKE = new BasicStroke(11f);
    /** The loss of a uniform guess over ten digits. */
    private static final double CHANCE = Math.log(10);
    /** Loss levels of the contours, as fractions of the loss at the diagonal start. */
    private static final double[] CONTOUR_LEVELS = {1, 0.35, 0.1};

    private ZeroCenteringFigures() {
    }

    private static Color colour(HiddenUnit unit) {
        return Charts.color(UNITS.indexOf(unit));
    }

    /** A unit's name in a legend: LeCun's tanh by its author, the formula is on the page (legend text makes SVGs large). */
    private static String label(HiddenUnit unit) {
        return unit == HiddenUnit.LECUN_TANH ? "LeCun tanh" : unit.label();
    }

    /** The rows of {@code rows} whose {@code key} is {@code value}, in order. */
    private static <R, K> List<R> rows(List<R> rows, Function<R, K> key, K value) {
        return rows.stream().filter(row -> key.apply(row).equals(value)).toList();
    }

    private static <R> double[] numbers(List<R> rows, ToDoubleFunction<R> column) {
        return rows.stream().mapToDouble(column).toArray();
    }

    /** Mean, smallest and largest of {@code column} over the rows of each {@code x}, x ascending: a line over seeds and its band. */
    private record Spread(double[] x, double[] mean, double[] low, double[] high) {
        static <R> Spread of(List<R> rows, ToDoubleFunction<R> x, ToDoubleFunction<R> column) {
            double[] xs = rows.stream().mapToDouble(x).distinct().sorted().toArray();
            double[][] values = Arrays.stream(xs).mapToObj(at -> rows.stream().filter(row -> x.applyAsDouble(row) == at)
                    .mapToDouble(column).toArray()).toArray(double[][]::new);
            return new Spread(xs, Arrays.stream(values).mapToDouble(v -> Arrays.stream(v).average().orElseThrow()).toArray(),
                    Arrays.stream(values).mapToDouble(v -> Arrays.stream(v).min().orElseThrow()).toArray(),
                    Arrays.stream(values).mapToDouble(v -> Arrays.stream(v).max().orElseThrow()).toArray());
        }

        /** The same with the median for the line: for counts of steps, whose spread is skewed. */
        static <R> Spread ofMedian(List<R> rows, ToDoubleFunction<R> x, ToDoubleFunction<R> column) {
            Spread spread = of(rows, x, column);
            double[] medians = Arrays.stream(spread.x()).map(at -> Stats.median(rows.stream().filter(row -> x.applyAsDouble(row) == at)
                    .mapToDouble(column).toArray())).toArray();
            return new Spread(spread.x(), medians, spread.low(), spread.high());
        }
    }

    /** The seeds a table's rows come from. */
    private static <R> long seeds(List<R> rows, ToDoubleFunction<R> seed) {
        return rows.stream().mapToDouble(seed).distinct().count();
    }

    private static void level(XYChart chart, String name, double y, double x0, double x1) {
        Charts.line(chart, name, new double[]{x0, x1}, new double[]{y, y}, LEVEL, LEVEL_STROKE);
    }

    private static void annotationFont(XYChart chart) {
        chart.getStyler().setAnnotationTextFontColor(Color.DARK_GRAY).setAnnotationTextFont(new Font(BookTheme.FONT, Font.PLAIN, 13));
    }

    private static double[][] points(List<Input> inputs) {
        return inputs.stream().map(x -> new double[]{x.x1(), x.x2()}).toArray(double[][]::new);
    }

    /** A setting's colour, the same in every panel: positive inputs, centred, centred at the positive inputs' rate. */
    private static Color colour(Setting setting) {
        return Charts.color(setting.inputs() == Inputs.POSITIVE ? 0 : setting.rate() == Rate.OWN ? 1 : 2);
    }

    private static String legend(Setting setting) {
        return setting.inputs() == Inputs.POSITIVE ? "x = σ(u), own rate"
                : setting.rate() == Rate.OWN ? "x − x̄, own rate" : "x − x̄, σ(u)'s rate";
    }

    /**
     * The loss contours of one input set, light grey, each labelled with its loss where it crosses
     * the line from the optimum in the direction {@code labelAngle} degrees, where no path runs.
     */
    private static void contours(XYChart chart, double[][] x, double labelAngle, boolean legend) {
        double startLoss = ZigZag.loss(x, ZigZag.start(ZigZag.DIAGONAL_START));
        double[] direction = {Math.cos(Math.toRadians(labelAngle)), Math.sin(Math.toRadians(labelAngle))};
        double unitLoss = ZigZag.loss(x, new double[]{ZigZag.OPTIMUM[0] + direction[0], ZigZag.OPTIMUM[1] + direction[1]});
        for (int k = 0; k < CONTOUR_LEVELS.length; k++) {
            double loss = CONTOUR_LEVELS[k] * startLoss;
            double[][] ring = ZigZag.contour(x, loss, 61);
            XYSeries series = Charts.line(chart, k == 0 ? "loss contours" : "contour " + k, ring[0], ring[1], CONTOUR, THIN);
            series.setShowInLegend(legend && k == 0);
            double radius = Math.sqrt(loss / unitLoss);
            chart.addAnnotation(new AnnotationText(String.format(Locale.ROOT, "%.2g", loss),
                    ZigZag.OPTIMUM[0] + radius * direction[0], ZigZag.OPTIMUM[1] + radius * direction[1], false));
        }
        annotationFont(chart);
    }

    /** Ticks at least {@code pixels} apart on both axes: fewer tick labels, whose glyphs make up much of an SVG. */
    private static void sparseTicks(XYChart chart, int pixels) {
        chart.getStyler().setXAxisTickMarkSpacingHint(pixels).setYAxisTickMarkSpacingHint(pixels);
    }

    /**
     * The drawn paths of some settings from every drawn start, over one input set's contours; markers
     * at every step in full batches, where the steps are few. {@code legend}: whether this panel
     * lists its paths, and whether also the contours, starts and optimum.
     */
    private static XYChart paths(String title, double[][] x, List<PathPoint> paths, List<Setting> settings, boolean legend,
                                 boolean legendOfMarks) {
        XYChart chart = Charts.xy(PATH_WIDTH, PATH_HEIGHT, title, "w₁", "w₂");
        sparseTicks(chart, 90);
        contours(chart, x, CONTOUR_LABEL_ANGLES[settings.get(0).inputs().ordinal()], legendOfMarks);
        for (Setting setting : settings) {
            for (int angle : ZigZag.DRAWN_STARTS) {
                List<PathPoint> path = paths.stream().filter(p -> p.setting().equals(setting) && p.startAngle() == angle).toList();
                String name = legend(setting) + (angle == ZigZag.DRAWN_STARTS.get(0) ? "" : " " + angle);
                double[] w1 = numbers(path, PathPoint::w1);
                double[] w2 = numbers(path, PathPoint::w2);
                XYSeries series = setting.update() == Update.FULL_BATCH ? Charts.points(chart, name, w1, w2, colour(setting))
                        : Charts.line(chart, name, w1, w2, colour(setting), THIN);
                series.setLineStyle(THIN);
                series.setShowInLegend(legend && angle == ZigZag.DRAWN_STARTS.get(0));
            }
        }
        double[] starts1 = ZigZag.DRAWN_STARTS.stream().mapToDouble(angle -> ZigZag.start(angle)[0]).toArray();
        double[] starts2 = ZigZag.DRAWN_STARTS.stream().mapToDouble(angle -> ZigZag.start(angle)[1]).toArray();
        XYSeries starts = Charts.scatter(chart, "starts", starts1, starts2, Color.BLACK);
        starts.setMarker(SeriesMarkers.DIAMOND);
        starts.setShowInLegend(legendOfMarks);
        XYSeries optimum = Charts.mark(chart, "optimum w*", ZigZag.OPTIMUM[0], ZigZag.OPTIMUM[1]);
        optimum.setMarker(SeriesMarkers.CROSS);
        optimum.setShowInLegend(legendOfMarks);
        // about the same length per unit on both axes, so that the (1, 1) and (1, -1) diagonals look like diagonals
        Charts.xRange(chart, -3, 7);
        Charts.yRange(chart, -5, 2.5);
        Charts.legendInside(chart, LegendPosition.InsideNE);
        chart.getStyler().setLegendVisible(legend);
        return chart;
    }

    /**
     * One example per step and full batches (rows) on positive inputs, and on centred inputs at their
     * own and at the positive inputs' learning rate (columns), from the diagonal start and one other,
     * over the first seed's loss contours. The top row's legends serve the bottom row too.
     */
    static Figure zigzag(List<Input> inputs, List<PathPoint> paths) {
        double[][] positive = points(rows(inputs, Input::inputs, Inputs.POSITIVE));
        double[][] centred = points(rows(inputs, Input::inputs, Inputs.CENTRED));
        List<XYChart> panels = new ArrayList<>();
        for (Update update : Update.values()) {
            List<Setting> settings = ZigZag.SETTINGS.stream().filter(s -> s.update() == update).toList();
            boolean top = update == Update.PER_EXAMPLE;
            String how = top ? "Per example" : "Full batch, η = 1/λₘₐₓ";
            panels.add(paths(how + ": x = σ(u)", positive, paths, settings.subList(0, 1), top, top));
            // the own rate last, so that its short path shows on top of the slow one at the positive inputs' rate
            panels.add(paths(how + ": centred", centred, paths, List.of(settings.get(2), settings.get(1)), top, false));
        }
        return Figure.grid(2, panels);
    }

    /**
     * Steps to 1% over the start direction: the median over seeds as a line and their range as a band
     * (the page says so), for one update's settings; {@code legend}: whether this panel lists them.
     */
    private static XYChart stepsByDirection(String title, List<Steps> steps, List<Setting> settings, boolean legend) {
        XYChart chart = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, title + ", " + seeds(steps, Steps::seed) + " seeds",
                "start direction from w* (degrees)", "steps to 1% (log scale)");
        Charts.logY(chart);
        sparseTicks(chart, 110);
        for (Setting setting : settings) {
            List<Steps> of = steps.stream().filter(row -> row.setting().equals(setting)).toList();
            Spread spread = Spread.ofMedian(of, Steps::startAngle, ZigZag::stepsOrCap);
            Charts.band(chart, legend(setting) + " range", spread.x(), spread.low(), spread.high(), colour(setting));
            Charts.line(chart, legend(setting), spread.x(), spread.mean(), colour(setting), Charts.SOLID).setShowInLegend(legend);
        }
        Charts.line(chart, "diagonal start (−1.5, 1.5)", new double[]{ZigZag.DIAGONAL_START, ZigZag.DIAGONAL_START},
                new double[]{1, 1e4}, Charts.REFERENCE_COLOR, Charts.DOTTED).setShowInLegend(legend);
        Charts.xRange(chart, 0, 180);
        Charts.yRange(chart, 1, 1e4);
        Charts.legendInside(chart, LegendPosition.InsideNW);
        return chart;
    }

    /** Steps to 1% over every start direction and seed: one example per step, and full batches with the closed form. */
    static Figure zigzagSteps(List<Steps> steps) {
        List<XYChart> panels = new ArrayList<>();
        for (Update update : Update.values()) {
            List<Setting> settings = ZigZag.SETTINGS.stream().filter(s -> s.update() == update).toList();
            XYChart chart = stepsByDirection(update == Update.PER_EXAMPLE ? "One example per step" : "Full batch, η = 1/λₘₐₓ",
                    steps, settings, update == Update.PER_EXAMPLE);
            if (update == Update.FULL_BATCH) {
                double[] moments = Conditioning.gaussianMoments(Sigmoid::of);
                double kappa = ZigZag.populationConditionNumber(moments[0], moments[1]);
                double[] angles = IntStream.rangeClosed(0, 180).asDoubleStream().toArray();
                Charts.reference(chart, String.format(Locale.ROOT, "closed form, x = σ(u), κ = %.1f", kappa), angles,
                        Arrays.stream(angles).map(a -> ZigZag.populationFullBatchSteps(kappa, (int) a)).toArray());
            }
            panels.add(chart);
        }
        return Figure.grid(2, panels);
    }

    /**
     * Units whose values agree within a relative {@code tolerance} everywhere, in groups (the first
     * unit's values stand for its group): one line and one legend entry each, so that no line hides
     * under another.
     */
    private static <R> Map<HiddenUnit, List<HiddenUnit>> coinciding(List<R> table, Function<R, HiddenUnit> hidden,
                                                                    ToDoubleFunction<R> column, double tolerance) {
        Map<HiddenUnit, List<HiddenUnit>> groups = new LinkedHashMap<>();
        for (HiddenUnit unit : UNITS.stream().filter(u -> table.stream().anyMatch(row -> hidden.apply(row) == u)).toList()) {
            double[] values = numbers(rows(table, hidden, unit), column);
            HiddenUnit match = groups.keySet().stream()
                    .filter(first -> agree(numbers(rows(table, hidden, first), column), values, tolerance)).findFirst().orElse(unit);
            groups.computeIfAbsent(match, m -> new ArrayList<>()).add(unit);
        }
        return groups;
    }

    private static boolean agree(double[] a, double[] b, double tolerance) {
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > tolerance * Math.max(Math.abs(a[i]), Math.abs(b[i]))) {
                return false;
            }
        }
        return true;
    }

    private static String together(List<HiddenUnit> units, String alone, String agreement) {
        List<String> names = units.stream().map(ZeroCenteringFigures::label).toList();
        return units.size() == 1 ? names.get(0) + alone : String.join(", ", names) + " (" + agreement + ")";
    }

    /** Single examples over the fan-in, and minibatch means over the batch size. */
    static Figure sameSign(List<ByFanIn> perExample, List<ByBatchSize> perBatch) {
        XYChart examples = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, "One digit: all gradients of one sign?",
                "fan-in n (log scale)", "fraction of (digit, neuron) pairs");
        Charts.logX(examples);
        double[] fanIns = numbers(rows(perExample, ByFanIn::hidden, UNITS.get(0)), ByFanIn::fanIn);
        for (var group : coinciding(perExample, ByFanIn::hidden, ByFanIn::sameSignFraction, 0).entrySet()) {
            Charts.points(examples, together(group.getValue(), " inputs", "identical"), fanIns,
                    numbers(rows(perExample, ByFanIn::hidden, group.getKey()), ByFanIn::sameSignFraction), colour(group.getKey()));
        }
        Charts.reference(examples, "2^(1−n): independent signs", fanIns,
                Arrays.stream(fanIns).map(n -> Math.pow(2, 1 - n)).toArray());
        // room above 1 for the legend, which would otherwise lie on the sigmoid's line
        Charts.yRange(examples, -0.02, 1.35);
        Charts.legendInside(examples, LegendPosition.InsideNE);

        int fanIn = SameSign.BATCH_FAN_IN;
        XYChart batches = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, "Minibatch mean, fan-in " + fanIn + ", "
                + seeds(perBatch, ByBatchSize::seed) + " seeds", "minibatch size B (log scale)", "fraction of (minibatch, neuron) pairs");
        Charts.logX(batches);
        for (var group : coinciding(perBatch, ByBatchSize::hidden, ByBatchSize::sameSignFraction, 0).entrySet()) {
            Spread spread = Spread.of(rows(perBatch, ByBatchSize::hidden, group.getKey()), ByBatchSize::batchSize, ByBatchSize::sameSignFraction);
            String name = together(group.getValue(), " inputs", "identical");
            Charts.band(batches, name + " range", spread.x(), spread.low(), spread.high(), colour(group.getKey()));
            Charts.points(batches, name, spread.x(), spread.mean(), colour(group.getKey()));
        }
        Charts.yRange(batches, -0.02, 1.05);
        Charts.legendInside(batches, LegendPosition.InsideNE);
        return Figure.grid(2, List.of(examples, batches));
    }

    /** Condition number of E[xx'] over the number of inputs, and the spectrum of the MNIST layer. */
    static Figure conditioning(List<Spectrum> conditioning, List<Eigenvalue> eigenvalues) {
        List<Spectrum> gaussian = rows(conditioning, Spectrum::inputs, Conditioning.Inputs.GAUSSIAN);
        XYChart growth = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, "Condition number of E[xxᵀ], u ~ N(0, 1)",
                "inputs n (log scale), " + gaussian.get(0).examples() + " samples of x, mean of " + seeds(gaussian, Spectrum::seed) + " seeds",
                "largest / smallest eigenvalue (log scale)");
        Charts.logX(growth);
        Charts.logY(growth);
        List<Spectrum> sigmoid = rows(gaussian, Spectrum::hidden, UNITS.get(0));
        Spread closedForm = Spread.of(sigmoid, Spectrum::n, Spectrum::closedFormConditionNumber);
        Charts.reference(growth, "closed form 1 + n m²/v, σ: m = ½", closedForm.x(), closedForm.mean());
        Charts.horizontal(growth, "closed form, centred: 1", 1, 1, 100);
        for (var group : coinciding(gaussian, Spectrum::hidden, Spectrum::conditionNumber, 0.01).entrySet()) {
            Spread measured = Spread.of(rows(gaussian, Spectrum::hidden, group.getKey()), Spectrum::n, Spectrum::conditionNumber);
            Charts.points(growth, together(group.getValue(), "", "within 1%"), measured.x(), measured.mean(), colour(group.getKey()));
        }
        Charts.xRange(growth, 1, 100);
        Charts.legendInside(growth, LegendPosition.InsideNW);

        XYChart spectrum = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, "Eigenvalues of E[xxᵀ], MNIST layer 1, seed " + eigenvalues.get(0).seed(),
                "rank, 1 = largest (log scale)", "eigenvalue (log scale)");
        Charts.logX(spectrum);
        Charts.logY(spectrum);
        for (HiddenUnit unit : UNITS) {
            List<Eigenvalue> spectrumOf = rows(eigenvalues, Eigenvalue::hidden, unit);
            Charts.line(spectrum, label(unit), numbers(spectrumOf, Eigenvalue::rank), numbers(spectrumOf, Eigenvalue::eigenvalue),
                    colour(unit), Charts.SOLID);
        }
        // XChart labels a log axis only when its ends are whole decades
        double[] eigen = numbers(eigenvalues, Eigenvalue::eigenvalue);
        Charts.yRange(spectrum, Math.pow(10, Math.floor(Math.log10(Arrays.stream(eigen).min().orElseThrow()))),
                Math.pow(10, Math.ceil(Math.log10(Arrays.stream(eigen).max().orElseThrow()))));
        Charts.xRange(spectrum, 1, 100);
        Charts.legendInside(spectrum, LegendPosition.InsideNE);
        return Figure.grid(2, List.of(growth, spectrum));
    }

    private static int lastEpoch(List<Epoch> runs) {
        return runs.stream().mapToInt(Epoch::epoch).max().orElseThrow();
    }

    /**
     * A loss chart whose chance level goes in first, so that curves at chance lie on it without hiding
     * it. Lines are means over seeds, bands their range (the page says so: text in an SVG is costly).
     */
    private static XYChart lossChart(String title, String yTitle, int epochs) {
        XYChart chart = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, title, "epoch", yTitle);
        Charts.integerX(chart);
        level(chart, "chance: ln 10", CHANCE, 0, epochs);
        return chart;
    }

    private static List<Epoch> runsOf(List<Epoch> convergence, Training training) {
        return convergence.stream().filter(row -> row.training().equals(training)).toList();
    }

    /**
     * Mean training loss over seeds as a line with points, their range as a band, mean held-out loss
     * dashed; {@code wide} lines for a run that the next one may lie on, so that both show.
     */
    private static void addRun(XYChart chart, List<Epoch> run, String label, Color colour, boolean heldOut, boolean wide) {
        Spread train = Spread.of(run, Epoch::epoch, Epoch::trainLoss);
        Charts.band(chart, label + " range", train.x(), train.low(), train.high(), colour);
        XYSeries points = Charts.points(chart, label, train.x(), train.mean(), colour);
        if (wide) {
            points.setLineStyle(WIDE);
        }
        if (heldOut) {
            Spread held = Spread.of(run, Epoch::epoch, Epoch::heldoutLoss);
            Charts.line(chart, label + ": held out", held.x(), held.mean(), colour, wide ? WIDE_DASHED : Charts.DASHED).setShowInLegend(false);
        }
    }

    private static double highest(List<Epoch> runs) {
        return runs.stream().mapToDouble(row -> Math.max(row.trainLoss(), row.heldoutLoss())).max().orElseThrow();
    }

    /**
     * The four units at the same initialisation, and beside them, on a zoomed loss axis, the runs
     * that stay near chance (final training loss above 2), which would otherwise lie on the chance line.
     */
    static Figure convergence(List<Epoch> convergence) {
        List<Training> trainings = Convergence.TRAININGS.stream().filter(t -> t.hiddenWeightScale() == 1).toList();
        List<Epoch> runs = convergence.stream().filter(row -> trainings.contains(row.training())).toList();
        int epochs = lastEpoch(runs);
        long seeds = seeds(runs, Epoch::seed);
        XYChart all = lossChart("Same deep MLP, " + seeds + " seeds", "cross-entropy (solid: training, dashed: held out)", epochs);
        List<Training> stuck = new ArrayList<>();
        // LeCun's tanh first and wide, so that tanh, which lies on it, shows on top
        for (Training training : IntStream.range(0, trainings.size()).mapToObj(k -> trainings.get(trainings.size() - 1 - k)).toList()) {
            List<Epoch> run = runsOf(runs, training);
            addRun(all, run, label(training.unit()), colour(training.unit()), true, training.unit() == HiddenUnit.LECUN_TANH);
            if (run.stream().filter(row -> row.epoch() == epochs).mapToDouble(Epoch::trainLoss).min().orElseThrow() > 2) {
                stuck.add(training);
            }
        }
        Charts.yRange(all, 0, 1.45 * highest(runs));
        Charts.legendInside(all, LegendPosition.InsideNE);
        if (stuck.isEmpty()) {
            return Figure.of(all);
        }

        XYChart zoom = lossChart("Zoomed: the runs near chance", "training cross-entropy", epochs);
        List<Epoch> stuckRuns = runs.stream().filter(row -> stuck.contains(row.training())).toList();
        for (Training training : stuck) {
            addRun(zoom, runsOf(stuckRuns, training), label(training.unit()), colour(training.unit()), false, false);
        }
        double low = Math.min(CHANCE, stuckRuns.stream().mapToDouble(Epoch::trainLoss).min().orElseThrow());
        double high = Math.max(CHANCE, stuckRuns.stream().mapToDouble(Epoch::trainLoss).max().orElseThrow());
        double span = high - low;
        Charts.yRange(zoom, low - 0.05 * span, high + 0.4 * span);
        Charts.legendInside(zoom, LegendPosition.InsideNE);
        return Figure.grid(2, List.of(all, zoom));
    }

    private static String centringLabel(Training training) {
        return training.biases() == Biases.OFFSET_REMOVED ? "sigmoid, b = −W·½" : label(training.unit()) + ", b = 0";
    }

    private static Color centringColour(Training training) {
        return training.biases() == Biases.OFFSET_REMOVED ? Charts.color(2) : colour(training.unit());
    }

    /**
     * The sigmoid, sigmoid − ½ and the sigmoid with b = −W·½, hidden weights ×4: training loss, and
     * each run's difference from sigmoid − ½ of the same seed.
     */
    static Figure centring(List<Epoch> convergence) {
        List<Training> trainings = Convergence.TRAININGS.stream().filter(t -> t.hiddenWeightScale() != 1).toList();
        List<Epoch> runs = convergence.stream().filter(row -> trainings.contains(row.training())).toList();
        int epochs = lastEpoch(runs);
        long seeds = seeds(runs, Epoch::seed);
        int scale = (int) trainings.get(0).hiddenWeightScale();
        XYChart loss = lossChart("Weights × " + scale + " (Deep Learning Tutorials), " + seeds + " seeds", "training cross-entropy", epochs);
        // the b = −W·½ run last and dotted, so that sigmoid − ½ shows through it
        for (Training training : trainings.stream().sorted(Comparator.comparing(t -> t.biases() == Biases.OFFSET_REMOVED)).toList()) {
            List<Epoch> run = runsOf(runs, training);
            Spread spread = Spread.of(run, Epoch::epoch, Epoch::trainLoss);
            Charts.band(loss, centringLabel(training) + " range", spread.x(), spread.low(), spread.high(), centringColour(training));
            XYSeries series = Charts.points(loss, centringLabel(training), spread.x(), spread.mean(), centringColour(training));
            if (training.biases() == Biases.OFFSET_REMOVED) {
                series.setLineStyle(Charts.DOTTED);
                series.setMarker(SeriesMarkers.DIAMOND);
            }
        }
        Charts.yRange(loss, 0, 1.3 * runs.stream().mapToDouble(Epoch::trainLoss).max().orElseThrow());
        Charts.legendInside(loss, LegendPosition.InsideNE);

        Training centred = trainings.stream().filter(t -> t.unit() == HiddenUnit.CENTRED_SIGMOID).findFirst().orElseThrow();
        XYChart difference = Charts.xy(PANEL_WIDTH, PANEL_HEIGHT, "Difference from sigmoid − ½, same seed", "epoch",
                "training cross-entropy minus sigmoid − ½'s");
        Charts.integerX(difference);
        difference.getStyler().setYAxisDecimalPattern("0.00");
        level(difference, "no difference", 0, 0, epochs);
        List<Epoch> reference = runsOf(runs, centred);
        for (Training training : trainings.stream().filter(t -> !t.equals(centred)).toList()) {
            List<Epoch> run = runsOf(runs, training);
            List<double[]> gaps = run.stream().map(row -> new double[]{row.epoch(), row.trainLoss() - reference.stream()
                    .filter(r -> r.seed() == row.seed() && r.epoch() == row.epoch()).findFirst().orElseThrow().trainLoss()}).toList();
            Spread spread = Spread.of(gaps, g -> g[0], g -> g[1]);
            Charts.band(difference, centringLabel(training) + " range", spread.x(), spread.low(), spread.high(), centringColour(training));
            Charts.points(difference, centringLabel(training), spread.x(), spread.mean(), centringColour(training));
        }
        Charts.legendInside(difference, LegendPosition.InsideNE);
        return Figure.grid(2, List.of(loss, difference));
    }
}
