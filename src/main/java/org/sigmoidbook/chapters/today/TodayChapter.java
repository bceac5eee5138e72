package org.sigmoidbook.chapters.today;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

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
import org.sigmoidbook.chapters.today.LstmGates.GateReading;
import org.sigmoidbook.chapters.today.LstmGates.Init;
import org.sigmoidbook.chapters.today.LstmGates.ProbeError;
import org.sigmoidbook.chapters.today.MultiLabel.LabelCombination;
import org.sigmoidbook.chapters.today.MultiLabel.Model;
import org.sigmoidbook.chapters.today.MultiLabel.TrainingSet;
import org.sigmoidbook.chapters.today.MultiLabelResult.LabelAccuracy;
import org.sigmoidbook.chapters.today.MultiLabelResult.PredictedCombination;
import org.sigmoidbook.chapters.today.Summaries.GainSummary;
import org.sigmoidbook.chapters.today.Summaries.ImpossibleCount;
import org.sigmoidbook.chapters.today.TrainingRuns.Measured;
import org.sigmoidbook.toolkit.data.Mnist;

/**
 * Chapter 10: where the sigmoid still works. SiLU/Swish z sigma(z) and the hard sigmoid as DL4J
 * computes them; the gates of a DL4J LSTM on a task that needs memory, from DL4J's initialisation and
 * from the chrono initialisation; SiLU hidden units in chapter 7's network; and multi-label heads,
 * one sigmoid per label, against a softmax over the label combinations, with combinations never seen
 * in training.
 */
@ChapterInfo(number = 10, id = "today", title = "Where the sigmoid still works",
        summary = "LSTM gates, SiLU/Swish, the hard sigmoid and multi-label heads: where the sigmoid's output reads as how much or how likely",
        cover = "gates")
public final class TodayChapter implements Chapter {

    /** The curves table covers z in [-CURVE_LIMIT, CURVE_LIMIT]. */
    static final double CURVE_LIMIT = 6;
    /** Digits whose combinations the unseen 9s are read as: a 4's (and 0's), a 7's (and 5's), and the 9's own. */
    private static final int[] READ_AS = {4, 7, 9};

    public static void main(String[] args) {
        Launcher.run(TodayChapter.class, args);
    }

    @Override
    public void measure(Lab lab) throws Exception {
        curves(lab, 1.0 / lab.size(16, 64));
        TrainingRuns.Size size = TrainingRuns.Size.of(lab);
        Measured measured = TrainingRuns.measure(lab, size, Mnist.load());
        List<LstmGates.Result> lstm = measured.lstm();
        lab.table("gates", lstm.stream().flatMap(r -> r.gates().stream()).toList());
        lab.table("recall-error", lstm.stream().flatMap(r -> r.errors().stream()).toList());
        lab.table("lstm", lstm.stream().map(LstmGates.Result::run).toList());
        lab.table("activations", measured.activations());
        lab.table("activation-scale", measured.activationScale());
        lab.table("multilabel", measured.multiLabel().accuracy());
        lab.table("multilabel-predictions", measured.multiLabel().predictions());
        lab.table("multilabel-combinations", measured.combinations());
        lab.table("datasets", measured.datasets());
        lab.finding("seeds", size.seeds(), "%.0f");
        lab.finding("first seed", Long.toString(lab.seed()));
        multiLabel(lab, size, measured);
        triplets(lab, measured);
        gates(lab, size, measured);
        hiddenUnits(lab, size, measured);
    }

    @Override
    public void draw(Results results, Figures figures) throws Exception {
        figures.add("curves", TodayFigures.curves(results.rows("curves", CurvePoint.class)));
        List<LabelAccuracy> accuracy = results.rows("multilabel", LabelAccuracy.class);
        figures.add("multilabel", TodayFigures.multiLabel(accuracy));
        figures.add("multilabel-nines", TodayFigures.nines(accuracy, results.rows("multilabel-predictions", PredictedCombination.class)));
        figures.add("multilabel-triplets", TodayFigures.triplets(accuracy));
        figures.add("gates", TodayFigures.gates(results.rows("gates", GateReading.class), results.rows("recall-error", ProbeError.class)));
        figures.add("activations", TodayFigures.activations(results.rows("activations", EpochScore.class)));
        figures.add("silu-signal", TodayFigures.signal(results.rows("activation-scale", LayerSpread.class)));
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
        List<LabelAccuracy> accuracy = measured.multiLabel().accuracy();
        lab.table("multilabel-summary", Summaries.multiLabel(accuracy));
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
        lab.finding("coin flips: one label right", 0.5, "%.1f");
        lab.finding("coin flips: all three right", 1.0 / MultiLabel.COMBINATIONS, "%.3f");
        for (Model model : Model.values()) {
            for (String label : labelsAndAllThree()) {
                lab.overSeeds(model.id() + " " + label, perSeed(accuracy, model, TrainingSet.ALL_DIGITS, MultiLabel.ALL, label));
            }
        }
        List<ImpossibleCount> impossible = Summaries.impossiblePredictions(measured.multiLabel().predictions());
        lab.table("multilabel-impossible", impossible);
        int heldout = measured.dataset("multilabel, " + TrainingSet.ALL_DIGITS.id()).heldoutExamples();
        for (Model model : Model.values()) {
            List<ImpossibleCount> counts = impossible.stream().filter(c -> c.model() == model).toList();
            lab.proportion(model.id() + " impossible combinations predicted", counts.stream().mapToInt(ImpossibleCount::predicted).sum(),
                    (long) heldout * counts.size(), counts.size());
        }
        List<PredictedCombination> predictions = measured.multiLabel().predictions();
        for (Model model : List.of(Model.SIGMOIDS, Model.SOFTMAX_MOST_LIKELY)) {
            for (String label : labelsAndAllThree()) {
                lab.overSeeds(model.id() + " unseen 9s " + label, perSeed(accuracy, model, TrainingSet.NO_NINES, MultiLabel.NINES, label));
            }
            for (int digit : READ_AS) {
                lab.overSeeds(model.id() + " 9s read as " + MultiLabel.describe(MultiLabel.combination(digit)),
                        Summaries.sharePerSeed(predictions, model, TrainingSet.NO_NINES, MultiLabel.NINES,
                                MultiLabel.describe(MultiLabel.combination(digit))));
            }
        }
    }

    private static void triplets(Lab lab, Measured measured) {
        List<LabelAccuracy> accuracy = measured.multiLabel().accuracy();
        TrainingRuns.Dataset triplets = measured.dataset("multilabel, " + TrainingSet.TRIPLETS.id());
        lab.finding("training triplets", triplets.trainingExamples(), "%.0f");
        lab.finding("held-out triplets", triplets.heldoutExamples(), "%.0f");
        lab.oneSeed("held-out triplets with the 9's combination", measured.multiLabel().predictions().stream()
                .filter(p -> p.trainingSet() == TrainingSet.TRIPLETS && p.heldoutSet().equals(MultiLabel.UNSEEN)
                        && p.model() == Model.SIGMOIDS && p.seed() == lab.seed())
                .mapToInt(PredictedCombination::predicted).sum());
        lab.finding("triplet inputs", Triplets.INPUTS, "%.0f");
        for (Model model : Model.values()) {
            for (String label : labelsAndAllThree()) {
                lab.overSeeds(model.id() + " unseen triplets " + label, perSeed(accuracy, model, TrainingSet.TRIPLETS, MultiLabel.UNSEEN, label));
            }
            for (String label : labelsAndAllThree()) {
                lab.overSeeds(model.id() + " seen triplets " + label, perSeed(accuracy, model, TrainingSet.TRIPLETS, Triplets.SEEN, label));
            }
        }
    }

    /** One model's accuracy on one label of one held-out set, seed by seed. */
    private static double[] perSeed(List<LabelAccuracy> accuracy, Model model, TrainingSet trainingSet, String heldoutSet, String label) {
        return accuracy.stream().filter(a -> a.model() == model && a.trainingSet() == trainingSet && a.heldoutSet().equals(heldoutSet)
                && a.label().equals(label)).mapToDouble(LabelAccuracy::heldoutAccuracy).toArray();
    }

    private static List<String> labelsAndAllThree() {
        List<String> labels = new ArrayList<>(Arrays.stream(MultiLabel.Label.values()).map(MultiLabel.Label::column).toList());
        labels.add(MultiLabel.ALL_THREE);
        return labels;
    }

    private static void gates(Lab lab, TrainingRuns.Size size, Measured measured) {
        LstmGates.Budget budget = size.lstm();
        lab.finding("LSTM seeds", size.lstmSeeds(), "%.0f");
        lab.finding("recall steps", budget.steps(), "%.0f");
        lab.finding("recall marked within", RecallTask.MARKED_WITHIN, "%.0f");
        lab.finding("recall steps to bridge", budget.steps() - RecallTask.MARKED_WITHIN, "%.0f");
        lab.finding("LSTM hidden units", LstmGates.HIDDEN, "%.0f");
        lab.finding("LSTM learning rate", LstmGates.LEARNING_RATE, "%.2f");
        lab.finding("LSTM minibatch size", LstmGates.BATCH_SIZE, "%.0f");
        lab.finding("LSTM updates", budget.updates(), "%.0f");
        lab.finding("LSTM training sequences", measured.dataset("lstm").trainingExamples(), "%.0f");
        lab.finding("LSTM held-out sequences", measured.dataset("lstm").heldoutExamples(), "%.0f");
        lab.finding("LSTM gates read every (updates)", budget.recordEvery(), "%.0f");
        lab.finding("LSTM probe sequences", budget.probeSequences(), "%.0f");
        lab.finding("learnt: error below", LstmGates.LEARNT_BELOW, "%.1f");
        lab.finding("near shut: below", LstmGates.NEAR_SHUT, "%.1f");
        lab.finding("near open: above", LstmGates.NEAR_OPEN, "%.1f");
        lab.finding("sigma(1)", 1 / (1 + Math.exp(-LstmGates.DL4J_FORGET_BIAS)), "%.3f");
        lab.finding("chrono forget gate at most", (budget.steps() - 1.0) / budget.steps(), "%.3f");
        lab.finding("sigma(1) to the power of the steps to bridge",
                Math.pow(1 / (1 + Math.exp(-LstmGates.DL4J_FORGET_BIAS)), budget.steps() - RecallTask.MARKED_WITHIN), "%.1e");
        List<LstmGates.Result> runs = measured.lstm();
        for (Init init : Init.values()) {
            List<LstmGates.Result> mine = runs.stream().filter(r -> r.run().init() == init).toList();
            double[] error = mine.stream().mapToDouble(r -> r.run().heldoutRelativeError()).toArray();
            lab.medianOverSeeds(init.id() + " relative error at end", error);
            lab.proportion(init.id() + " seeds that learnt", Arrays.stream(error).filter(e -> e < LstmGates.LEARNT_BELOW).count(),
                    error.length, error.length);
            for (LstmGates.Gate gate : LstmGates.Gate.values()) {
                String name = init.id() + " " + gate.id() + " gate";
                lab.overSeeds(name + " mean at start", gateReadings(mine, gate, true, GateReading::mean));
                lab.overSeeds(name + " mean at end", gateReadings(mine, gate, false, GateReading::mean));
                // Shares of values near 0 or 1 are bounded and skewed over seeds: their median and range.
                lab.medianOverSeeds(name + " above 0.9 at start", gateReadings(mine, gate, true, GateReading::fractionNearOpen));
                lab.medianOverSeeds(name + " above 0.9 at end", gateReadings(mine, gate, false, GateReading::fractionNearOpen));
                lab.medianOverSeeds(name + " below 0.1 at start", gateReadings(mine, gate, true, GateReading::fractionNearShut));
                lab.medianOverSeeds(name + " below 0.1 at end", gateReadings(mine, gate, false, GateReading::fractionNearShut));
            }
        }
        double eps = Math.ulp(1.0f);
        lab.finding("eps FLOAT", eps, "%.2e");
        double[] rebuild = runs.stream().mapToLong(r -> r.run().seed()).distinct()
                .mapToDouble(seed -> runs.stream().filter(r -> r.run().seed() == seed)
                        .mapToDouble(r -> r.run().largestRebuildError()).max().orElseThrow() / eps).toArray();
        lab.medianOverSeeds("rebuilt h_t: largest difference from DL4J's (eps)", rebuild);
    }

    /** One gate's readings, one per run, at the first or the last update. */
    private static double[] gateReadings(List<LstmGates.Result> runs, LstmGates.Gate gate, boolean atStart,
                                         ToDoubleFunction<GateReading> value) {
        return runs.stream().mapToDouble(run -> {
            List<GateReading> readings = run.gates().stream().filter(r -> r.gate() == gate).toList();
            return value.applyAsDouble(readings.get(atStart ? 0 : readings.size() - 1));
        }).toArray();
    }

    private static void hiddenUnits(Lab lab, TrainingRuns.Size size, Measured measured) {
        int last = measured.activations().stream().mapToInt(EpochScore::epoch).max().orElseThrow();
        List<EpochScore> end = measured.activations().stream().filter(s -> s.epoch() == last).toList();
        lab.finding("hidden-unit training digits (4s and 9s)", size.hidden().trainingDigits(), "%.0f");
        lab.finding("hidden-unit held-out digits (4s and 9s)", measured.dataset("hidden-units").heldoutExamples(), "%.0f");
        lab.finding("hidden-unit epochs", last, "%.0f");
        lab.finding("hidden layers", OutputLayerChapter.HIDDEN_LAYERS, "%.0f");
        lab.finding("hidden layer width", OutputLayerChapter.WIDTH, "%.0f");
        lab.finding("hidden-unit learning rate", OutputLayerChapter.LEARNING_RATE, "%.1f");
        lab.finding("hidden-unit minibatch size", OutputLayerChapter.BATCH_SIZE, "%.0f");
        lab.table("activations-summary", Summaries.hiddenUnits(end));
        List<GainSummary> gains = Summaries.gainPerLayer(measured.activationScale());
        lab.table("gain-per-layer", gains);
        for (Hidden hidden : Hidden.values()) {
            List<EpochScore> mine = end.stream().filter(s -> s.hidden() == hidden).toList();
            lab.overSeeds(hidden.id() + " accuracy", mine.stream().mapToDouble(EpochScore::heldoutAccuracy).toArray());
            lab.overSeeds(hidden.id() + " loss", mine.stream().mapToDouble(EpochScore::heldoutLoss).toArray());
            lab.overSeeds(hidden.id() + " gain per layer", Summaries.gainsPerSeed(measured.activationScale(), hidden));
        }
        lab.finding("ln 2", Math.log(2), "%.3f");
    }
}
