package org.sigmoidbook.chapters.saturation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.book.Chapter;
import org.sigmoidbook.book.ChapterInfo;
import org.sigmoidbook.book.Figures;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Launcher;
import org.sigmoidbook.book.Results;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/**
 * Chapter 4: saturation. Far from zero sigma flattens, its derivative vanishes, and in floating
 * point it vanishes exactly; a deep sigmoid network drives its top layer into that flat region
 * while it trains (Glorot and Bengio 2010), large initial weights put units there from the start,
 * and a unit that sits there learns almost nothing until it drifts out.
 */
@ChapterInfo(number = 4, id = "saturation", title = "Saturation",
        summary = "flat tails freeze learning; Glorot and Bengio's top-layer saturation reproduced on MNIST",
        cover = "activations-during-training")
public final class SaturationChapter implements Chapter {

    public static void main(String[] args) {
        Launcher.run(SaturationChapter.class, args);
    }

    @Override
    public void measure(Lab lab) throws Exception {
        Mnist.Split mnist = Mnist.load();
        tails(lab);
        glorot(lab, mnist);
        List<InitScale.LayerAtScale> scales = InitScale.measure(lab, mnist);
        lab.table("init-scale", scales);
        InitScale.findings(lab, scales);
        int neuronSeeds = lab.size(2, 5);
        lab.finding("frozen neuron: seeds", neuronSeeds, "%.0f");
        lab.finding("frozen neuron: learning rate", FrozenNeuron.LEARNING_RATE, "%.1f");
        lab.finding("frozen neuron: sigma' at the saturating bias", Tails.exactSlope(FrozenNeuron.SATURATING_BIAS), "%.1e");
        FrozenNeuron.record(lab, FrozenNeuron.measure(lab, mnist, neuronSeeds));
    }

    @Override
    public void draw(Results results, Figures figures) throws Exception {
        List<Tails.Threshold> thresholds = results.rows("thresholds", Tails.Threshold.class);
        List<GlorotRun.Probe> probes = results.rows("activations-during-training", GlorotRun.Probe.class);
        List<InitScale.LayerAtScale> scales = results.rows("init-scale", InitScale.LayerAtScale.class);
        List<Tails.DerivativePoint> curves = results.rows("derivative-tail", Tails.DerivativePoint.class);
        figures.add("derivative-tail", TailFigures.derivativeTail(curves, thresholds));
        figures.add("derivative-error", TailFigures.derivativeError(curves, thresholds));
        figures.add("left-tail", TailFigures.leftTail(results.rows("left-tail", Tails.LeftTailPoint.class), thresholds));
        figures.add("activations-during-training", TrainingFigures.activationsDuringTraining(probes));
        figures.add("top-layer-trend", TrainingFigures.topLayerTrend(probes));
        figures.add("init-scale", TrainingFigures.initScale(scales));
        figures.add("init-scale-gradient", TrainingFigures.initScaleGradient(scales));
        figures.add("frozen-neuron", TrainingFigures.frozenNeuron(results.rows("frozen-neuron", FrozenNeuron.Step.class)));
    }

    // ---------------------------------------------------------------- the tails in FLOAT and DOUBLE

    private static void tails(Lab lab) {
        List<Tails.Threshold> rows = Tails.thresholds();
        lab.table("thresholds", rows);
        List<Tails.DerivativePoint> curves = Tails.derivativeCurves();
        lab.table("derivative-tail", curves);
        lab.table("left-tail", Tails.leftTail());
        for (Tails.Threshold row : rows) {
            String name = row.implementation();
            if (name.startsWith("ND4J") || name.endsWith("stable form")) {
                lab.finding(name + ": " + row.quantity(), row.thresholdZ(), "%.6f");
            }
        }
        lab.finding("ND4J's thresholds equal plain Java float/double arithmetic's", Tails.nd4jIsTheNaiveForm(rows) ? "yes" : "no");
        for (DataType type : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            lab.finding("correctly rounded " + type + " sigma == 1 from z", Tails.correctlyRoundedOneFrom(type), "%.6f");
        }
        lab.finding("unit roundoff of FLOAT, 2^-24", Tails.FLOAT_UNIT_ROUNDOFF, "%.2e");
        lab.finding("unit roundoff of DOUBLE, 2^-53", Tails.DOUBLE_UNIT_ROUNDOFF, "%.2e");
        for (double z : new double[]{5, 10, 15}) {
            lab.finding(String.format(Locale.ROOT, "relative error of DL4J's FLOAT sigma' = s (1 - s) at z = %.0f", z),
                    Tails.relativeError(Tails.dl4jSlope(DataType.FLOAT, z), Tails.exactSlope(z)), "%.1e");
        }
        lab.finding("largest relative error of FLOAT sigma(z) sigma(-z), |z| up to 126 ln 2",
                Tails.largestRelativeError(curves, Tails.DerivativePoint::productFloatSigmaPrime, Tails.FLOAT_NORMAL_LIMIT), "%.1e");
        lab.finding("exact sigma' where ND4J's FLOAT sigma becomes 1", Tails.exactSlope(Tails.thresholdZ(rows, "ND4J FLOAT", "sigma == 1 from z")),
                "%.3g");
        double overflow = Tails.thresholdZ(rows, "ND4J FLOAT", "sigma == 0 up to z");
        lab.finding("exact sigma' where ND4J's FLOAT sigma becomes 0", Tails.exactSlope(overflow), "%.3g");
        double z = Tails.BETWEEN_FLOAT_THRESHOLDS;
        String at = String.format(Locale.ROOT, "sigma(%.0f) in FLOAT, ", z);
        double nd4j = Sigmoid.at(z, DataType.FLOAT);
        lab.finding(at + "ND4J", nd4j, nd4j == 0 ? "%.0f" : "%.3g");
        lab.finding(at + "stable form", Tails.stableFloat(z), "%.3g");
        lab.finding(at + "exact", Math.pow(10, Tails.exactLog10Sigma(z)), "%.3g");
    }

    // ---------------------------------------------------------------- Glorot and Bengio, Figure 2

    private static void glorot(Lab lab, Mnist.Split mnist) throws Exception {
        int steps = lab.size(75, 250);
        int width = GlorotRun.WIDTH;
        int seeds = lab.size(2, 5);
        lab.finding("Glorot run", String.format(Locale.ROOT,
                "%d hidden layers of %d sigmoid units, SGD lr %.2f, minibatch %d, %d steps (%.2f epochs of %d digits), %d seeds",
                GlorotRun.LAYERS, width, GlorotRun.LEARNING_RATE, GlorotRun.BATCH, steps,
                (double) steps * GlorotRun.BATCH / mnist.train().size(), mnist.train().size(), seeds));
        List<GlorotRun.Probe> probes = GlorotRun.train(lab, mnist, width, steps, seeds);
        lab.table("activations-during-training", probes);

        long[] runs = GlorotRun.seeds(probes);
        int top = GlorotRun.LAYERS;
        for (int l = 1; l <= top; l++) {
            int layer = l;
            lab.overSeeds("layer " + l + ": mean activation at the last step",
                    Arrays.stream(runs).mapToDouble(seed -> GlorotRun.mean(GlorotRun.run(probes, seed), steps, layer)).toArray());
        }
        lab.overSeeds("layer 1: largest change of its mean activation from step 0",
                Arrays.stream(runs).mapToDouble(seed -> largestChange(GlorotRun.layer(GlorotRun.run(probes, seed), 1))).toArray());
        double[] below = Arrays.stream(runs).mapToDouble(seed -> GlorotRun.layer(GlorotRun.run(probes, seed), top).stream()
                .filter(probe -> probe.mean() < 0.2).mapToDouble(GlorotRun.Probe::step).min().orElse(Double.NaN)).toArray();
        String firstBelow = "first probed step with the top layer's mean below 0.2";
        if (Arrays.stream(below).anyMatch(Double::isNaN)) {
            lab.finding(firstBelow, "not within the run in " + Arrays.stream(below).filter(Double::isNaN).count() + " of " + runs.length + " seeds");
        } else {
            lab.medianOverSeeds(firstBelow, below);
        }
        lab.overSeeds("top layer: slope of log mean against log step over the last decade of steps",
                Arrays.stream(runs).mapToDouble(seed -> GlorotRun.topLayerTrend(GlorotRun.run(probes, seed)).exponent()).toArray());
        long ordered = Arrays.stream(runs).filter(seed -> GlorotRun.orderedAsInThePaper(GlorotRun.run(probes, seed), steps)).count();
        lab.finding("seeds ending with layer 3 above layer 2 above layer 1 above layer 4", ordered + " of " + runs.length);
    }

    private static double largestChange(List<GlorotRun.Probe> layer) {
        double start = layer.get(0).mean();
        double largest = 0;
        for (GlorotRun.Probe probe : layer) {
            largest = Math.max(largest, Math.abs(probe.mean() - start));
        }
        return largest;
    }
}
