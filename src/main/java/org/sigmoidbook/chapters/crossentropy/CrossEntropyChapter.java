package org.sigmoidbook.chapters.crossentropy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.book.Chapter;
import org.sigmoidbook.book.ChapterInfo;
import org.sigmoidbook.book.Figures;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Launcher;
import org.sigmoidbook.book.Progress;
import org.sigmoidbook.book.Results;
import org.sigmoidbook.chapters.crossentropy.OutputNumerics.GridPoint;
import org.sigmoidbook.chapters.crossentropy.Recovery.Measurement;
import org.sigmoidbook.chapters.crossentropy.Recovery.Run;
import org.sigmoidbook.chapters.crossentropy.Recovery.Summary;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;

/**
 * Chapter 8: on paper the binary cross-entropy of a sigmoid output has the gradient dC/dz = a - y;
 * in floating point it depends on how the pair is computed. The chapter measures DL4J's XENT (clipped,
 * unfused), SameDiff's sigmoidCrossEntropy and the toolkit's fused loss against exact values over
 * z in [-40, 40], FLOAT and DOUBLE, shows why the naive forms fail, and trains a network whose output
 * unit starts confidently wrong back with each loss and with the quadratic cost.
 */
@ChapterInfo(number = 8, id = "cross-entropy", title = "The sigmoid and its cross-entropy in floating point",
        summary = "∂C/∂z = a − y on paper; DL4J's clipped XENT, SameDiff and a fused stable loss measured, and what a confidently wrong output needs to recover",
        cover = "output-gradient")
public final class CrossEntropyChapter implements Chapter {

    /** DL4J's XENT clips the sigmoid's output to [CLIP, 1 - CLIP]. */
    static final double CLIP = 1e-5;
    /** PyTorch's BCELoss backward divides by max(a (1 - a), TORCH_EPSILON) (aten/src/ATen/native/Loss.cpp). */
    static final double TORCH_EPSILON = 1e-12;

    public static void main(String[] args) {
        Launcher.run(CrossEntropyChapter.class, args);
    }

    @Override
    public void measure(Lab lab) throws Exception {
        outputNumerics(lab);
        lab.table("loss-forms", LossForms.measure());
        lab.finding("z where e^z overflows in FLOAT (ln of the largest float)", Math.log(Float.MAX_VALUE), "%.4f");
        recovery(lab);
    }

    @Override
    public void draw(Results results, Figures figures) throws Exception {
        figures.add("output-gradient", CrossEntropyFigures.outputGradient(results.rows("output-gradient", GridPoint.class)));
        figures.add("loss-value", CrossEntropyFigures.lossValue(results.rows("loss-value", GridPoint.class)));
        figures.add("recovery", CrossEntropyFigures.recovery(results.rows("recovery", Measurement.class),
                results.rows("recovery-from-20", Measurement.class), results.rows("recovery-spread", Run.class)));
    }

    /** The grid tables (steps of 1/4 in full, 1 in quick mode) and the numbers the page reads from them. */
    private static void outputNumerics(Lab lab) {
        int stepsPerUnit = lab.size(1, 4);
        List<GridPoint> gradient = OutputNumerics.outputGradient(stepsPerUnit);
        List<GridPoint> loss = OutputNumerics.lossValue(stepsPerUnit);
        lab.table("output-gradient", gradient);
        lab.table("loss-value", loss);

        double z = OutputFindings.WRONG_LOGIT;
        OutputFindings found = OutputFindings.from(gradient, loss);
        lab.finding("DL4J XENT dL/dz at z = 15, label 0, FLOAT", found.dl4jGradientFloat(), "%.4f");
        lab.finding("DL4J XENT dL/dz at z = 15, label 0, DOUBLE", found.dl4jGradientDouble(), "%.4f");
        lab.finding("fused dL/dz at z = 15, label 0, FLOAT", found.fusedGradientFloat(), "%.8f");
        lab.finding("exact dL/dz = sigma(15)", found.exactGradient(), "%.8f");
        lab.finding("quadratic cost's factor sigma'(15)", ExactSigmoid.derivative(z), "%.2e");
        lab.finding("z where sigma(z) = 1 - 1e-5", Math.log((1 - CLIP) / CLIP), "%.4f");
        lab.finding("z where sigma(z) = 1e-12", Math.log(TORCH_EPSILON / (1 - TORCH_EPSILON)), "%.2f");

        lab.finding("DL4J XENT dL/dz at z = -40, label 1, FLOAT", found.dl4jGradientFarWrongLabel1Float(), "%.2e");
        lab.finding("DL4J XENT gradient is 0 from z (label 0, FLOAT)", OutputNumerics.dl4jZeroGradientFrom(DataType.FLOAT), "%.4f");
        lab.finding("DL4J XENT gradient is 0 from z (label 0, DOUBLE)", OutputNumerics.dl4jZeroGradientFrom(DataType.DOUBLE), "%.4f");
        lab.finding("24 ln 2", 24 * Math.log(2), "%.4f");
        lab.finding("53 ln 2", 53 * Math.log(2), "%.4f");
        lab.finding("SameDiff gradient is 0 up to z (label 0, FLOAT)", OutputNumerics.sameDiffZeroGradientUpTo(DataType.FLOAT), "%.4f");
        lab.finding("SameDiff gradient is 0 up to z (label 0, DOUBLE)", OutputNumerics.sameDiffZeroGradientUpTo(DataType.DOUBLE), "%.4f");
        lab.finding("SameDiff dL/dz: worst relative error where the output is wrong, FLOAT", found.sameDiffWorstErrorWhereWrongFloat(), "%.1e");

        lab.finding("DL4J XENT loss at z = 40, label 0, FLOAT", found.dl4jLossCapFloat(), "%.4f");
        lab.finding("DL4J XENT loss at z = -40, label 1, FLOAT", found.dl4jLossCapFloatLabel1(), "%.4f");
        lab.finding("DL4J XENT loss at z = 40, label 0, DOUBLE", found.dl4jLossCapDouble(), "%.4f");
        lab.finding("DL4J XENT loss at z = -40, label 0, FLOAT", found.dl4jLossFloorFloat(), "%.3e");
        lab.finding("exact loss at z = -40, label 0", OutputNumerics.exactLoss(-OutputNumerics.Z_LIMIT, 0), "%.2e");
        lab.finding("fused loss: worst relative error over the grid, FLOAT", found.fusedWorstErrorFloat(), "%.1e");
        lab.finding("fused loss: worst relative error over the grid, DOUBLE", found.fusedWorstErrorDouble(), "%.1e");
    }

    /** One training job: a start and a seed; the chapter's own seed also records its curves. */
    private record Job(double startLogit, long seed) {
    }

    /** A job's runs of the spread table, and its training curves if it ran the chapter's own seed (else null). */
    private record Outcome(List<Measurement> curves, List<Run> spread) {
    }

    private static void recovery(Lab lab) throws Exception {
        Recovery.Setup setup = Recovery.Setup.of(lab);
        Recovery.Task task = Recovery.Task.of(Mnist.load(), setup);
        lab.finding("training digits (4s and 9s)", task.train().numExamples(), "%.0f");
        lab.finding("held-out digits (4s and 9s)", task.heldOut().numExamples(), "%.0f");
        lab.finding("hidden units", Recovery.HIDDEN_UNITS, "%.0f");
        lab.finding("learning rate", Recovery.LEARNING_RATE, "%.1f");
        lab.finding("minibatch size", Recovery.BATCH_SIZE, "%.0f");
        lab.finding("recovered at held-out accuracy (%)", 100 * Recovery.RECOVERED_ACCURACY, "%.0f");
        lab.finding("seeds", setup.seeds(), "%.0f");
        lab.finding("SGD steps at most", setup.steps(), "%.0f");
        lab.finding("measured every (steps)", setup.evaluateEvery(), "%.0f");

        List<Job> jobs = new ArrayList<>();
        for (double start : Recovery.START_LOGITS) {
            for (int k = 0; k < setup.seeds(); k++) {
                jobs.add(new Job(start, lab.seed() + k));
            }
        }
        List<Outcome> outcomes;
        try (Progress progress = lab.progress("recovery runs", jobs.size())) {
            outcomes = lab.parallel(jobs, job -> {
                Outcome outcome = run(task, setup, job, lab.seed());
                progress.step();
                return outcome;
            });
        }
        List<Run> spread = outcomes.stream().flatMap(outcome -> outcome.spread().stream()).toList();
        List<Measurement> from15 = outcomes.get(0).curves();
        List<Measurement> from20 = outcomes.get(setup.seeds()).curves();
        lab.table("recovery", from15);
        lab.table("recovery-from-20", from20);
        lab.finding("held-out accuracy at the start (share of 9s)", from15.get(0).heldoutAccuracy(), "%.4f");
        trainingLossFindings(lab, Recovery.START_LOGITS[0], from15);
        trainingLossFindings(lab, Recovery.START_LOGITS[1], from20);
        lab.table("recovery-spread", spread);
        List<Summary> summary = Recovery.summary(spread);
        lab.table("recovery-summary", summary);
        for (Summary row : summary) {
            String name = String.format(Locale.ROOT, "from z = %.0f, %s", row.startLogit(), row.loss().id());
            lab.proportion(name + ": runs recovered", row.recovered(), row.runs(), row.runs());
            double[] steps = spread.stream().filter(run -> run.startLogit() == row.startLogit() && run.loss() == row.loss())
                    .map(Run::stepsToRecover).filter(Objects::nonNull).mapToDouble(Integer::doubleValue).toArray();
            stepsToRecover(lab, name + ": steps to recover", steps, row.runs(), setup.steps());
        }
    }

    /**
     * The steps the recovered runs took: their median and range over the seeds, or the one seed's
     * count; where no run recovered, "never" and how many runs tried for how long.
     */
    private static void stepsToRecover(Lab lab, String name, double[] steps, int runs, int most) {
        if (steps.length == 0) {
            lab.finding(name, String.format(Locale.ROOT, "never (0 of %d %s within %d steps)", runs, runs == 1 ? "run" : "runs", most));
        } else if (steps.length == 1) {
            lab.oneSeed(name, steps[0]);
        } else {
            lab.medianOverSeeds(name, steps);
        }
    }

    /**
     * The training cross-entropy at the start, which the start fixes for every seed, and, for the
     * chapter's seed, after the last step per loss and how far the quadratic cost moved it.
     */
    private static void trainingLossFindings(Lab lab, double start, List<Measurement> curves) {
        lab.finding(String.format(Locale.ROOT, "from z = %.0f: training cross-entropy at the start", start),
                curves.get(0).trainLoss(), "%.4f");
        for (OutputLoss loss : OutputLoss.values()) {
            List<Measurement> rows = curves.stream().filter(m -> m.loss() == loss).toList();
            double end = rows.get(rows.size() - 1).trainLoss();
            lab.oneSeed(String.format(Locale.ROOT, "from z = %.0f, %s: training cross-entropy after the last step", start, loss.id()), end);
            if (loss == OutputLoss.QUADRATIC) {
                lab.finding(String.format(Locale.ROOT, "from z = %.0f, quadratic: training cross-entropy change", start),
                        String.format(Locale.ROOT, "%.1e (one seed)", end - rows.get(0).trainLoss()));
            }
        }
    }

    private static Outcome run(Recovery.Task task, Recovery.Setup setup, Job job, long chapterSeed) {
        if (job.seed() != chapterSeed) {
            return new Outcome(null, Recovery.stepsToRecover(task, setup, job.startLogit(), job.seed()));
        }
        List<Measurement> curves = Recovery.curves(task, setup, job.startLogit(), job.seed());
        return new Outcome(curves, Recovery.stepsToRecover(curves, job.startLogit(), job.seed()));
    }
}
