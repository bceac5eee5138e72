package org.sigmoidbook.chapters.today;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.book.Chapter;
import org.sigmoidbook.book.ChapterInfo;
import org.sigmoidbook.book.Figures;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Launcher;
import org.sigmoidbook.book.Results;
import org.sigmoidbook.chapters.outputlayer.OutputLayerChapter;
import org.sigmoidbook.chapters.today.ActivationCurves.CurvePoint;
import org.sigmoidbook.chapters.today.ActivationCurves.SwishBreakdown;
import org.sigmoidbook.chapters.today.HiddenUnits.EpochScore;
import org.sigmoidbook.chapters.today.HiddenUnits.Hidden;
import org.sigmoidbook.chapters.today.HiddenUnits.LayerSpread;
import org.sigmoidbook.chapters.today.Identities.IdentityCheck;
import org.sigmoidbook.chapters.today.LstmGates.GateReading;
import org.sigmoidbook.chapters.today.LstmGates.ProbeAccuracy;
import org.sigmoidbook.chapters.today.MultiLabel.LabelCombination;
import org.sigmoidbook.chapters.today.MultiLabel.Model;
import org.sigmoidbook.chapters.today.Summaries.GainSummary;
import org.sigmoidbook.chapters.today.Summaries.HiddenSummary;
import org.sigmoidbook.chapters.today.Summaries.ImpossibleCount;
import org.sigmoidbook.chapters.today.Summaries.LabelSummary;
import org.sigmoidbook.chapters.today.TrainingRuns.Measured;
import org.sigmoidbook.toolkit.data.Mnist;

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
        identities(lab, Identities.Grid.FULL.coarser(lab.size(16, 1), lab.size(4, 1)));
        curves(lab, 1.0 / lab.size(16, 64));
        TrainingRuns.Size size = TrainingRuns.Size.of(lab);
        Measured measured = TrainingRuns.measure(lab, size, Mnist.load());
        lab.table("gates", measured.lstm().gates());
        lab.table("gates-accuracy", measured.lstm().accuracy());
        lab.table("lstm", List.of(measured.lstmRun()));
        lab.table("activations", measured.activations());
        lab.table("activation-scale", measured.activationScale());
        lab.table("multilabel", measured.multiLabel().accuracy());
        lab.table("multilabel-predictions", measured.multiLabel().predictions());
        lab.table("multilabel-combinations", measured.combinations());
        lab.table("datasets", measured.datasets());
        lab.finding("seeds", size.seeds(), "%.0f");
        lab.finding("first seed", lab.seed(), "%.0f");
        multiLabel(lab, size, measured);
        gates(lab, size, measured);
        hiddenUnits(lab, size, measured);
    }

    @Override
    public void draw(Results results, Figures figures) throws Exception {
        figures.add("curves", TodayFigures.curves(results.rows("curves", CurvePoint.class)));
        figures.add("multilabel", TodayFigures.multiLabel(results.rows("multilabel-summary", LabelSummary.class)));
        figures.add("gates", TodayFigures.gates(results.rows("gates", GateReading.class),
                results.rows("gates-accuracy", ProbeAccuracy.class)));
        figures.add("activations", TodayFigures.activations(results.rows("activations", EpochScore.class)));
        figures.add("silu-signal", TodayFigures.signal(results.rows("activation-scale", LayerSpread.class)));
    }

    private static void identities(Lab lab, Identities.Grid grid) {
        List<IdentityCheck> checks = Identities.checks(grid);
        lab.table("identities", checks);
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
            for (IdentityCheck check : checks) {
                if (check.dataType() == type) {
                    lab.finding(check.identity() + ", " + type + ", in eps", check.maxAbsError() / eps, "%.1f");
                }
            }
        }
    }

    private static void curves(Lab lab, double step) {
        List<CurvePoint> curves = ActivationCurves.curves(CURVE_LIMIT, step);
        lab.table("curves", curves);
        CurvePoint zero = curves.stream().filter(p -> p.z() == 0).findFirst().orElseThrow();
        lab.finding("sigmoid slope at 0", zero.sigmoidPrime(), "%.2f");
        lab.finding("SiLU slope at 0", zero.siluPrime(), "%.1f");
        lab.finding("hard sigmoid slope", zero.hardSigmoidPrime(), "%.1f");
        ActivationCurves.Extremum minimum = ActivationCurves.siluMinimum();
        lab.finding("SiLU minimum at z", minimum.z(), "%.5f");
        lab.finding("SiLU minimum value", minimum.value(), "%.5f");
        ActivationCurves.Extremum steepest = ActivationCurves.siluSteepestSlope();
        lab.finding("SiLU steepest slope at z", steepest.z(), "%.4f");
        lab.finding("SiLU steepest slope", steepest.value(), "%.4f");
        lab.finding("hard sigmoid knee", ActivationCurves.HARD_SIGMOID_KNEE, "%.1f");
        lab.finding("hard sigmoid largest gap to sigmoid", ActivationCurves.hardSigmoidLargestGap(), "%.4f");
        lab.finding("SWISH gradient grid step", "1/" + Math.round(1 / ActivationCurves.SWISH_GRID_STEP));
        List<SwishBreakdown> swish = ActivationCurves.swishGradientBreakdown();
        lab.table("swish-gradient", swish);
        for (SwishBreakdown breakdown : swish) {
            lab.finding("SWISH gradient NaN from z, " + breakdown.dataType(), breakdown.firstNanZ(), "%.2f");
            lab.finding("(e^z + 1)^2 overflows from z, " + breakdown.dataType(), breakdown.overflowZ(), "%.2f");
        }
    }

    private static void multiLabel(Lab lab, TrainingRuns.Size size, Measured measured) {
        List<LabelSummary> summary = Summaries.multiLabel(measured.multiLabel().accuracy());
        lab.table("multilabel-summary", summary);
        List<LabelCombination> combinations = measured.combinations();
        lab.finding("multi-label training digits", combinations.stream().mapToInt(LabelCombination::trainingDigits).sum(), "%.0f");
        lab.finding("multi-label held-out digits", combinations.stream().mapToInt(LabelCombination::heldoutDigits).sum(), "%.0f");
        lab.finding("multi-label hidden units", MultiLabel.HIDDEN, "%.0f");
        lab.finding("multi-label learning rate", MultiLabel.LEARNING_RATE, "%.1f");
        lab.finding("multi-label minibatch size", MultiLabel.BATCH_SIZE, "%.0f");
        lab.finding("multi-label epochs", size.multiLabel().epochs(), "%.0f");
        lab.finding("label combinations", MultiLabel.COMBINATIONS, "%.0f");
        lab.finding("combinations that occur", IntStream.range(0, MultiLabel.COMBINATIONS)
                .filter(c -> MultiLabel.digitsWith(c).length > 0).count(), "%.0f");
        lab.finding("held-out digits with two or more labels (%)", 100 * Summaries.shareWithSeveralLabels(combinations), "%.1f");
        lab.finding("held-out 9s", combinations.get(MultiLabel.combination(9)).heldoutDigits(), "%.0f");
        for (Model model : Model.values()) {
            for (String label : labelsAndAllThree()) {
                LabelSummary row = Summaries.find(summary, model, MultiLabel.ALL_DIGITS, label);
                lab.finding(model.id() + " " + label + " mean", row.mean(), "%.3f");
                lab.finding(model.id() + " " + label + " min", row.min(), "%.3f");
                lab.finding(model.id() + " " + label + " max", row.max(), "%.3f");
            }
            LabelSummary withheld = Summaries.find(summary, model, "only 9", MultiLabel.ALL_THREE);
            lab.finding(model.id() + " 9s fully right without 9s, min (%)", 100 * withheld.min(), "%.1f");
            lab.finding(model.id() + " 9s fully right without 9s, max (%)", 100 * withheld.max(), "%.1f");
        }
        List<ImpossibleCount> impossible = Summaries.impossiblePredictions(measured.multiLabel().predictions());
        lab.table("multilabel-impossible", impossible);
        for (Model model : Model.values()) {
            int[] predicted = impossible.stream().filter(c -> c.model() == model).mapToInt(ImpossibleCount::predicted).toArray();
            lab.finding(model.id() + " impossible combinations predicted, fewest", Arrays.stream(predicted).min().orElseThrow(), "%.0f");
            lab.finding(model.id() + " impossible combinations predicted, most", Arrays.stream(predicted).max().orElseThrow(), "%.0f");
        }
    }

    private static List<String> labelsAndAllThree() {
        List<String> labels = new ArrayList<>(Arrays.stream(MultiLabel.Label.values()).map(MultiLabel.Label::column).toList());
        labels.add(MultiLabel.ALL_THREE);
        return labels;
    }

    private static void gates(Lab lab, TrainingRuns.Size size, Measured measured) {
        LstmGates.LstmRun lstm = measured.lstmRun();
        lab.finding("LSTM training digits", measured.dataset("lstm").trainingDigits(), "%.0f");
        lab.finding("LSTM rows (time steps)", LstmGates.ROWS, "%.0f");
        lab.finding("LSTM hidden units", LstmGates.HIDDEN, "%.0f");
        lab.finding("LSTM learning rate", LstmGates.LEARNING_RATE, "%.2f");
        lab.finding("LSTM minibatch size", LstmGates.BATCH_SIZE, "%.0f");
        lab.finding("LSTM updates", size.lstm().updates(), "%.0f");
        lab.finding("LSTM gates read every (updates)", size.lstm().recordEvery(), "%.0f");
        lab.finding("LSTM probe digits", size.lstm().probeDigits(), "%.0f");
        lab.finding("LSTM held-out digits", measured.dataset("lstm").heldoutDigits(), "%.0f");
        lab.finding("LSTM held-out accuracy", lstm.heldoutAccuracy(), "%.3f");
        lab.finding("LSTM digits seen", size.lstm().updates() * LstmGates.BATCH_SIZE, "%.0f");
        lab.finding("rebuilt h_t: largest difference from DL4J's", lstm.largestRebuildError(), "%.1e");
        lab.finding("near shut: below", LstmGates.NEAR_SHUT, "%.1f");
        lab.finding("near open: above", LstmGates.NEAR_OPEN, "%.1f");
        lab.finding("sigma(1)", 1 / (1 + Math.exp(-1)), "%.3f");
        List<GateReading> gates = measured.lstm().gates();
        int last = gates.stream().mapToInt(GateReading::step).max().orElseThrow();
        for (LstmGates.Gate gate : LstmGates.Gate.values()) {
            List<GateReading> readings = gates.stream().filter(r -> r.gate() == gate).toList();
            GateReading end = readings.stream().filter(r -> r.step() == last).findFirst().orElseThrow();
            String name = gate.id() + " gate";
            lab.finding(name + " mean at start", readings.get(0).mean(), "%.3f");
            lab.finding(name + " mean at end", end.mean(), "%.3f");
            lab.finding(name + " above 0.9 at end (%)", 100 * end.fractionNearOpen(), "%.1f");
            lab.finding(name + " below 0.1 at end (%)", 100 * end.fractionNearShut(), "%.1f");
        }
    }

    private static void hiddenUnits(Lab lab, TrainingRuns.Size size, Measured measured) {
        int last = measured.activations().stream().mapToInt(EpochScore::epoch).max().orElseThrow();
        List<EpochScore> end = measured.activations().stream().filter(s -> s.epoch() == last).toList();
        lab.finding("hidden-unit training digits (4s and 9s)", size.hidden().trainingDigits(), "%.0f");
        lab.finding("hidden-unit held-out digits (4s and 9s)", measured.dataset("hidden-units").heldoutDigits(), "%.0f");
        lab.finding("hidden-unit epochs", last, "%.0f");
        lab.finding("hidden layers", OutputLayerChapter.HIDDEN_LAYERS, "%.0f");
        lab.finding("hidden layer width", OutputLayerChapter.WIDTH, "%.0f");
        lab.finding("hidden-unit learning rate", OutputLayerChapter.LEARNING_RATE, "%.1f");
        lab.finding("hidden-unit minibatch size", OutputLayerChapter.BATCH_SIZE, "%.0f");
        List<HiddenSummary> accuracy = Summaries.hiddenUnits(end);
        lab.table("activations-summary", accuracy);
        List<GainSummary> gains = Summaries.gainPerLayer(measured.activationScale());
        lab.table("gain-per-layer", gains);
        for (Hidden hidden : Hidden.values()) {
            HiddenSummary row = accuracy.stream().filter(s -> s.hidden() == hidden).findFirst().orElseThrow();
            lab.finding(hidden.id() + " accuracy min", row.min(), "%.3f");
            lab.finding(hidden.id() + " accuracy max", row.max(), "%.3f");
            lab.finding(hidden.id() + " loss mean", row.meanHeldoutLoss(), "%.3f");
            GainSummary gain = gains.stream().filter(g -> g.hidden() == hidden).findFirst().orElseThrow();
            lab.finding(hidden.id() + " gain per layer", gain.mean(), "%.2f");
        }
        lab.finding("ln 2", Math.log(2), "%.3f");
    }
}
