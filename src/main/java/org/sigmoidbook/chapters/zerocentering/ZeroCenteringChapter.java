package org.sigmoidbook.chapters.zerocentering;

import java.util.List;

import org.sigmoidbook.book.Chapter;
import org.sigmoidbook.book.ChapterInfo;
import org.sigmoidbook.book.Figures;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Launcher;
import org.sigmoidbook.book.Results;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.HiddenUnit;

/**
 * Chapter 5: sigmoid outputs are all positive. A unit fed by them gets, on every example, weight
 * gradients a_i * delta that all share the sign of its delta, so each step on one example moves all
 * its weights up together or down together; with centred inputs it does not. Measured on a
 * two-weight neuron, in a DL4J network per example and per minibatch, through the conditioning of
 * E[xx'] (LeCun et al. 1998), and in the convergence of deep MLPs on MNIST, each over several seeds.
 */
@ChapterInfo(number = 5, id = "zero-centering", title = "Outputs that are not zero-centred",
        summary = "same-sign gradients, zig-zag descent and an ill-conditioned E[xxᵀ]", cover = "zigzag")
public final class ZeroCenteringChapter implements Chapter {

    /**
     * The hidden units the chapter compares, in this order in every table: the sigmoid, whose outputs
     * are all positive, and three zero-centred units.
     */
    static final List<HiddenUnit> UNITS = List.of(HiddenUnit.SIGMOID, HiddenUnit.CENTRED_SIGMOID, HiddenUnit.TANH, HiddenUnit.LECUN_TANH);

    public static void main(String[] args) {
        Launcher.run(ZeroCenteringChapter.class, args);
    }

    @Override
    public void measure(Lab lab) throws Exception {
        ZigZag.measure(lab);
        Mnist.Split mnist = Mnist.load();
        SameSign.measure(lab, mnist);
        Conditioning.measure(lab, Convergence.heldOut(lab, mnist).getFeatures(), Convergence.width(lab));
        Convergence.measure(lab, mnist);
    }

    @Override
    public void draw(Results results, Figures figures) throws Exception {
        List<Convergence.Epoch> convergence = results.rows("convergence", Convergence.Epoch.class);
        figures.add("zigzag", ZeroCenteringFigures.zigzag(results.rows("zigzag-inputs", ZigZag.Input.class),
                results.rows("zigzag-paths", ZigZag.PathPoint.class)));
        figures.add("zigzag-steps", ZeroCenteringFigures.zigzagSteps(results.rows("zigzag-steps", ZigZag.Steps.class)));
        figures.add("same-sign", ZeroCenteringFigures.sameSign(results.rows("same-sign", SameSign.ByFanIn.class),
                results.rows("same-sign-batches", SameSign.ByBatchSize.class)));
        figures.add("conditioning", ZeroCenteringFigures.conditioning(results.rows("conditioning", Conditioning.Spectrum.class),
                results.rows("eigenvalues", Conditioning.Eigenvalue.class)));
        figures.add("convergence", ZeroCenteringFigures.convergence(convergence));
        figures.add("convergence-centring", ZeroCenteringFigures.centring(convergence));
    }
}
