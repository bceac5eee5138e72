package org.sigmoidbook.chapters.today;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.book.Chapter;
import org.sigmoidbook.book.ChapterInfo;
import org.sigmoidbook.book.Figures;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Launcher;
import org.sigmoidbook.book.Results;
import org.sigmoidbook.chapters.outputlayer.OutputLayerChapter;
import org.sigmoidbook.chapters.today.HiddenUnits.Hidden;
import org.sigmoidbook.chapters.today.MultiLabel.Model;
import org.sigmoidbook.toolkit.data.Mnist;
import tech.tablesaw.api.Table;

/**
 * Chapter 9: where the sigmoid still works. The identities that make tanh and the two-class softmax
 * sigmoids in disguise; SiLU/Swish z sigma(z) and the hard sigmoid as DL4J computes them; the gates of
 * a DL4J LSTM, where saturation is the point; SiLU hidden units in chapter 7's network; and
 * multi-label heads, one sigmoid per label, against a softmax over the label combinations.
 */
@ChapterInfo(number = 9, id = "today", title = "Where the sigmoid still works",
        summary = "LSTM gates, SiLU/Swish, the hard sigmoid and multi-label heads: the sigmoid where saturation is the point",
        cover = "gates")
public final class TodayChapter implements Chapter {

    /** The curves table covers z in [-CURVE_LIMIT, CURVE_LIMIT]. */
    static final double CURVE_LIMIT = 6;

    public static void main(String[] args) {
        Launcher.run(TodayChapter.class, args);
    }

    @Override
    public void measure(Lab lab) throws Exception {
        identities(lab, lab.quick() ? Identities.Grid.QUICK : Identities.Grid.FULL);
        curves(lab, lab.quick() ? 1.0 / 16 : 1.0 / 64);
        TrainingRuns.Size size = lab.quick() ? TrainingRuns.Size.QUICK : TrainingRuns.Size.FULL;
        Map<String, Table> tables = TrainingRuns.measure(lab, size, Mnist.load());
        tables.forEach(lab::table);
        lab.finding("seeds", size.seeds(), "%.0f");
        lab.finding("first seed", lab.seed(), "%.0f");
        multiLabel(lab, size, tables);
        gates(lab, size, tables);
        hiddenUnits(lab, size, tables);
    }

    @Override
    public void draw(Results results, Figures figures) throws Exception {
        figures.add("curves", TodayFigures.curves(results.table("curves")));
        figures.add("multilabel", TodayFigures.multiLabel(results.table("multilabel-summary")));
        figures.add("gates", TodayFigures.gates(results.table("gates"), results.table("gates-accuracy")));
        figures.add("activations", TodayFigures.activations(results.table("activations")));
        figures.add("silu-signal", TodayFigures.signal(results.table("activation-scale")));
    }

    private static void identities(Lab lab, Identities.Grid grid) {
        Table table = Identities.table(grid);
        lab.table("identities", table);
        lab.finding("identity grid limit", grid.limit(), "%.0f");
        lab.finding("identity grid step", "1/" + Math.round(1 / grid.step()));
        lab.finding("identity grid points", grid.points().length, "%.0f");
        lab.finding("softmax grid limit", grid.pairLimit(), "%.0f");
        lab.finding("softmax grid step", "1/" + Math.round(1 / grid.pairStep()));
        lab.finding("softmax grid pairs", grid.pairs().length / 2.0, "%.0f");
        lab.finding("identity error bound (eps)", Identities.ERROR_BOUND_IN_EPS, "%.0f");
        for (DataType type : Identities.TYPES) {
            double eps = type == DataType.FLOAT ? Math.ulp(1.0f) : Math.ulp(1.0);
            lab.finding("eps " + type, eps, "%.2e");
            for (int row = 0; row < table.rowCount(); row++) {
                if (table.stringColumn("dtype").get(row).equals(type.name())) {
                    lab.finding(table.stringColumn("identity").get(row) + ", " + type + ", in eps",
                            table.doubleColumn("max_abs_error").get(row) / eps, "%.1f");
                }
            }
        }
    }

    private static void curves(Lab lab, double step) {
        Table curves = ActivationCurves.table(CURVE_LIMIT, step);
        lab.table("curves", curves);
        int zero = curves.doubleColumn("z").isEqualTo(0.0).get(0);
        lab.finding("sigmoid slope at 0", curves.doubleColumn("sigmoid_prime").get(zero), "%.2f");
        lab.finding("SiLU slope at 0", curves.doubleColumn("silu_prime").get(zero), "%.1f");
        lab.finding("hard sigmoid slope", curves.doubleColumn("hard_sigmoid_prime").get(zero), "%.1f");
        ActivationCurves.Extremum minimum = ActivationCurves.siluMinimum();
        lab.finding("SiLU minimum at z", minimum.z(), "%.5f");
        lab.finding("SiLU minimum value", minimum.value(), "%.5f");
        ActivationCurves.Extremum steepest = ActivationCurves.siluSteepestSlope();
        lab.finding("SiLU steepest slope at z", steepest.z(), "%.4f");
        lab.finding("SiLU steepest slope", steepest.value(), "%.4f");
        lab.finding("hard sigmoid knee", ActivationCurves.HARD_SIGMOID_KNEE, "%.1f");
        lab.finding("hard sigmoid largest gap to sigmoid", ActivationCurves.hardSigmoidLargestGap(), "%.4f");
        lab.finding("SWISH gradient grid step", "1/" + Math.round(1 / ActivationCurves.SWISH_GRID_STEP));
        Table swish = ActivationCurves.swishGradientBreakdown();
        lab.table("swish-gradient", swish);
        for (int row = 0; row < swish.rowCount(); row++) {
            String type = swish.stringColumn("dtype").get(row);
            lab.finding("SWISH gradient NaN from z, " + type, swish.doubleColumn("first_nan_z").get(row), "%.2f");
            lab.finding("(e^z + 1)^2 overflows from z, " + type, swish.doubleColumn("overflow_z").get(row), "%.2f");
        }
    }

    private static void multiLabel(Lab lab, TrainingRuns.Size size, Map<String, Table> tables) {
        Table summary = Summaries.summary("multilabel-summary", tables.get("multilabel"), "heldout_accuracy",
                "model", "heldout_digits", "label");
        lab.table("multilabel-summary", summary);
        Table combinations = tables.get("multilabel-combinations");
        lab.finding("multi-label training digits", combinations.intColumn("training_digits").sum(), "%.0f");
        lab.finding("multi-label held-out digits", combinations.intColumn("heldout_digits").sum(), "%.0f");
        lab.finding("multi-label hidden units", MultiLabel.HIDDEN, "%.0f");
        lab.finding("multi-label learning rate", MultiLabel.LEARNING_RATE, "%.1f");
        lab.finding("multi-label minibatch size", MultiLabel.BATCH_SIZE, "%.0f");
        lab.finding("multi-label epochs", size.multiLabel().epochs(), "%.0f");
        lab.finding("label combinations", MultiLabel.COMBINATIONS, "%.0f");
        lab.finding("combinations that occur", IntStream.range(0, MultiLabel.COMBINATIONS)
                .filter(c -> MultiLabel.digitsWith(c).length > 0).count(), "%.0f");
        lab.finding("held-out digits with two or more labels (%)", 100 * Summaries.shareWithSeveralLabels(combinations), "%.1f");
        int nines = combinations.intColumn("heldout_digits").get(MultiLabel.combination(9));
        lab.finding("held-out 9s", nines, "%.0f");
        for (Model model : Model.values()) {
            for (String label : labelsAndAllThree()) {
                int row = Summaries.row(summary, model.id(), MultiLabel.ALL_DIGITS, label);
                lab.finding(model.id() + " " + label + " mean", summary.doubleColumn("mean").get(row), "%.3f");
                lab.finding(model.id() + " " + label + " min", summary.doubleColumn("min").get(row), "%.3f");
                lab.finding(model.id() + " " + label + " max", summary.doubleColumn("max").get(row), "%.3f");
            }
            int withheld = Summaries.row(summary, model.id(), "only 9", MultiLabel.ALL_THREE);
            lab.finding(model.id() + " 9s fully right without 9s, min (%)", 100 * summary.doubleColumn("min").get(withheld), "%.1f");
            lab.finding(model.id() + " 9s fully right without 9s, max (%)", 100 * summary.doubleColumn("max").get(withheld), "%.1f");
        }
        Table impossible = Summaries.impossiblePredictions(tables.get("multilabel-predictions"));
        lab.table("multilabel-impossible", impossible);
        for (Model model : Model.values()) {
            Table rows = impossible.where(impossible.stringColumn("model").isEqualTo(model.id()));
            lab.finding(model.id() + " impossible combinations predicted, fewest", rows.intColumn("predicted").min(), "%.0f");
            lab.finding(model.id() + " impossible combinations predicted, most", rows.intColumn("predicted").max(), "%.0f");
        }
    }

    private static int dataset(Map<String, Table> tables, String experiment, String column) {
        Table datasets = tables.get("datasets");
        return datasets.intColumn(column).get(Summaries.row(datasets, experiment));
    }

    private static List<String> labelsAndAllThree() {
        List<String> labels = new ArrayList<>(Arrays.stream(MultiLabel.Label.values()).map(MultiLabel.Label::column).toList());
        labels.add(MultiLabel.ALL_THREE);
        return labels;
    }

    private static void gates(Lab lab, TrainingRuns.Size size, Map<String, Table> tables) {
        Table lstm = tables.get("lstm");
        lab.finding("LSTM training digits", dataset(tables, "lstm", "training_digits"), "%.0f");
        lab.finding("LSTM rows (time steps)", LstmGates.ROWS, "%.0f");
        lab.finding("LSTM hidden units", LstmGates.HIDDEN, "%.0f");
        lab.finding("LSTM learning rate", LstmGates.LEARNING_RATE, "%.2f");
        lab.finding("LSTM minibatch size", LstmGates.BATCH_SIZE, "%.0f");
        lab.finding("LSTM updates", size.lstm().updates(), "%.0f");
        lab.finding("LSTM gates read every (updates)", size.lstm().recordEvery(), "%.0f");
        lab.finding("LSTM probe digits", size.lstm().probeDigits(), "%.0f");
        lab.finding("LSTM held-out digits", dataset(tables, "lstm", "heldout_digits"), "%.0f");
        lab.finding("LSTM held-out accuracy", lstm.doubleColumn("heldout_accuracy").get(0), "%.3f");
        lab.finding("LSTM digits seen", size.lstm().updates() * LstmGates.BATCH_SIZE, "%.0f");
        lab.finding("rebuilt h_t: largest difference from DL4J's", lstm.doubleColumn("largest_rebuild_error").get(0), "%.1e");
        lab.finding("near shut: below", LstmGates.NEAR_SHUT, "%.1f");
        lab.finding("near open: above", LstmGates.NEAR_OPEN, "%.1f");
        lab.finding("sigma(1)", 1 / (1 + Math.exp(-1)), "%.3f");
        Table gates = tables.get("gates");
        int last = (int) gates.intColumn("step").max();
        for (LstmGates.Gate gate : LstmGates.Gate.values()) {
            Table rows = gates.where(gates.stringColumn("gate").isEqualTo(gate.id()));
            Table end = rows.where(rows.intColumn("step").isEqualTo(last));
            String name = gate.id() + " gate";
            lab.finding(name + " mean at start", rows.doubleColumn("mean").get(0), "%.3f");
            lab.finding(name + " mean at end", end.doubleColumn("mean").get(0), "%.3f");
            lab.finding(name + " above 0.9 at end (%)", 100 * end.doubleColumn("fraction_above_0_9").get(0), "%.1f");
            lab.finding(name + " below 0.1 at end (%)", 100 * end.doubleColumn("fraction_below_0_1").get(0), "%.1f");
        }
    }

    private static void hiddenUnits(Lab lab, TrainingRuns.Size size, Map<String, Table> tables) {
        Table activations = tables.get("activations");
        int last = (int) activations.intColumn("epoch").max();
        Table end = activations.where(activations.intColumn("epoch").isEqualTo(last));
        lab.finding("hidden-unit training digits (4s and 9s)", size.hidden().trainingDigits(), "%.0f");
        lab.finding("hidden-unit held-out digits (4s and 9s)", dataset(tables, "hidden-units", "heldout_digits"), "%.0f");
        lab.finding("hidden-unit epochs", last, "%.0f");
        lab.finding("hidden layers", OutputLayerChapter.HIDDEN_LAYERS, "%.0f");
        lab.finding("hidden layer width", OutputLayerChapter.WIDTH, "%.0f");
        lab.finding("hidden-unit learning rate", OutputLayerChapter.LEARNING_RATE, "%.1f");
        lab.finding("hidden-unit minibatch size", OutputLayerChapter.BATCH_SIZE, "%.0f");
        Table accuracy = Summaries.summary("activations-summary", end, "heldout_accuracy", "hidden");
        Table loss = Summaries.summary("loss", end, "heldout_loss", "hidden");
        accuracy.addColumns(loss.doubleColumn("mean").copy().setName("mean_heldout_loss"));
        lab.table("activations-summary", accuracy);
        Table gains = Summaries.gainPerLayer(tables.get("activation-scale"));
        lab.table("gain-per-layer", gains);
        for (Hidden hidden : Hidden.values()) {
            int row = Summaries.row(accuracy, hidden.id());
            lab.finding(hidden.id() + " accuracy min", accuracy.doubleColumn("min").get(row), "%.3f");
            lab.finding(hidden.id() + " accuracy max", accuracy.doubleColumn("max").get(row), "%.3f");
            lab.finding(hidden.id() + " loss mean", accuracy.doubleColumn("mean_heldout_loss").get(row), "%.3f");
            int gain = Summaries.row(gains, hidden.id());
            lab.finding(hidden.id() + " gain per layer", gains.doubleColumn("mean").get(gain), "%.2f");
        }
        lab.finding("ln 2", Math.log(2), "%.3f");
    }
}
