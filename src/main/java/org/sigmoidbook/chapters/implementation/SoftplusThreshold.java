package org.sigmoidbook.chapters.implementation;

import java.util.ArrayList;
import java.util.List;

import ai.djl.nn.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.book.CsvColumn;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;
import org.sigmoidbook.toolkit.numerics.Sigmoid;
import org.sigmoidbook.toolkit.torch.Autograd;
import org.sigmoidbook.toolkit.torch.Autograd.ValueAndGradient;

/**
 * PyTorch's softplus (through DJL, torch's own {@code softplus} with β = 1 and threshold 20) around
 * its threshold: above it PyTorch returns z itself and a gradient of exactly 1, where ln(1 + e^z) is
 * z + e^−z and its slope σ(z) = 1 − σ(−z). ND4J's softPlus beside it computes ln(1 + e^z) as written.
 */
final class SoftplusThreshold {

    /** The logits of the table: below, at and above the threshold, and where e^z overflows. */
    static final double[] Z = {-20, 0, 15, 19.5, 20, 20.5, 30, 40, 100, 1000};
    static final double THRESHOLD = 20;

    private SoftplusThreshold() {
    }

    /** softplus and its gradient at one z in one type; the PyTorch cells are empty where PyTorch did not run. */
    record Point(double z, DataType dataType, Double pytorch, Double pytorchGradient, double exact, double exactGradient,
                 @CsvColumn(finite = false) double nd4j) {
    }

    static List<Point> table(boolean pytorch) {
        List<Point> rows = new ArrayList<>();
        for (DataType type : FromLogits.TYPES) {
            ValueAndGradient torch = pytorch ? Autograd.of(type, Z, Activation::softPlus) : null;
            double[] nd4j = FromLogits.softPlus(Sigmoid.vector(type, Z)).toDoubleVector();
            for (int i = 0; i < Z.length; i++) {
                rows.add(new Point(Z[i], type, torch == null ? null : torch.value()[i], torch == null ? null : torch.gradient()[i],
                        Ulps.round(ExactSigmoid.softplus(Z[i]), type), Ulps.round(ExactSigmoid.of(Z[i]), type), nd4j[i]));
            }
        }
        return rows;
    }

    /** The smallest z of {@code type} above which PyTorch's softplus returns z itself, searched in (19, 21]. */
    static double returnsItsInputFrom(DataType type) {
        return Threshold.first(type, 19, 21, z -> {
            double[] value = Autograd.of(type, z, Activation::softPlus).value();
            boolean[] same = new boolean[z.length];
            for (int i = 0; i < z.length; i++) {
                same[i] = value[i] == z[i];
            }
            return same;
        });
    }
}
