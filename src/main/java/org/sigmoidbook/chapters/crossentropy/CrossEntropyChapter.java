package org.sigmoidbook.chapters.crossentropy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.book.Chapter;
import org.sigmoidbook.book.ChapterInfo;
import org.sigmoidbook.book.Figures;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Launcher;
import org.sigmoidbook.book.Progress;
import org.sigmoidbook.book.Results;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;
import tech.tablesaw.api.Table;

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
        figures.add("output-gradient", CrossEntropyFigures.outputGradient(results.table("output-gradient")));
        figures.add("loss-value", CrossEntropyFigures.lossValue(results.table("loss-value")));
        figures.add("recovery", CrossEntropyFigures.recovery(results.table("recovery"), results.table("recovery-from-20"),
                results.table("recovery-spread")));
    }

    /** The grid tables (steps of 1/4 in full, 1 in quick mode) and the numbers the page reads from them. */
    private static void outputNumerics(Lab lab) {
        int stepsPerUnit = lab.size(1, 4);
        Table gradient = OutputNumerics.outputGradient(stepsPerUnit);
        Table loss = OutputNumerics.lossValue(stepsPerUnit);
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

    /** A job's rows of the spread table, and its training curves if it ran the chapter's own seed (else null). */
    private record Outcome(Table curves, Table spread) {
    }

    private static void recovery(Lab lab) throws Exception {
        Recovery.Setup setup = lab.quick() ? Recovery.Setup.quick() : Recovery.Setup.full();
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
        Table spread = outcomes.get(0).spread().emptyCopy();
        for (Outcome outcome : outcomes) {
            spread.append(outcome.spread());
        }
        Table from15 = outcomes.get(0).curves();
        Table from20 = outcomes.get(setup.seeds()).curves().setName("recovery-from-20");
        lab.table("recovery", from15);
        lab.table("recovery-from-20", from20);
        lab.finding("held-out accuracy at the start (share of 9s)", from15.doubleColumn("heldout_accuracy").get(0), "%.4f");
        trainingLossFindings(lab, Recovery.START_LOGITS[0], from15);
        trainingLossFindings(lab, Recovery.START_LOGITS[1], from20);
        lab.table("recovery-spread", spread);
        Table summary = Recovery.summary(spread);
        lab.table("recovery-summary", summary);
        for (int row = 0; row < summary.rowCount(); row++) {
            String name = String.format(Locale.ROOT, "from z = %.0f, %s", summary.doubleColumn("start_logit").get(row), summary.stringColumn("loss").get(row));
            lab.finding(name + ": runs recovered", summary.intColumn("recovered").get(row), "%.0f");
            lab.finding(name + ": median steps to recover", summary.doubleColumn("median_steps").getDouble(row), "%.0f");
            lab.finding(name + ": fewest steps to recover", summary.intColumn("min_steps").getDouble(row), "%.0f");
            lab.finding(name + ": most steps to recover", summary.intColumn("max_steps").getDouble(row), "%.0f");
        }
    }

    /**
     * The training cross-entropy of the chapter's seed at the start and after the last step, per loss,
     * and how far the quadratic cost moved it.
     */
    private static void trainingLossFindings(Lab lab, double start, Table curves) {
        lab.finding(String.format(Locale.ROOT, "from z = %.0f: training cross-entropy at the start", start),
                curves.doubleColumn("train_loss").get(0), "%.4f");
        for (OutputLoss loss : OutputLoss.values()) {
            Table rows = curves.where(curves.stringColumn("loss").isEqualTo(loss.id));
            double end = rows.doubleColumn("train_loss").get(rows.rowCount() - 1);
            lab.finding(String.format(Locale.ROOT, "from z = %.0f, %s: training cross-entropy after the last step", start, loss.id), end, "%.4f");
            if (loss == OutputLoss.QUADRATIC) {
                lab.finding(String.format(Locale.ROOT, "from z = %.0f, quadratic: training cross-entropy change", start),
                        end - rows.doubleColumn("train_loss").get(0), "%.1e");
            }
        }
    }

    private static Outcome run(Recovery.Task task, Recovery.Setup setup, Job job, long chapterSeed) {
        if (job.seed() != chapterSeed) {
            return new Outcome(null, Recovery.stepsToRecover(task, setup, job.startLogit(), job.seed()));
        }
        Table curves = Recovery.curves(task, setup, job.startLogit(), job.seed());
        return new Outcome(curves, Recovery.stepsToRecover(curves, job.startLogit(), job.seed()));
    }
}
