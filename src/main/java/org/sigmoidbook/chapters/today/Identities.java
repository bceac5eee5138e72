package org.sigmoidbook.chapters.today;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The identities that tie the sigmoid to tanh and to softmax, checked numerically with ND4J's own ops:
 * both sides are computed in FLOAT or DOUBLE over a dense grid and the largest gap between them is
 * reported. Every grid point is a multiple of a power of two, so z/2, 2z and z1 - z2 are exact in
 * both types and the gap measures the ops alone.
 */
public final class Identities {

    /** A claimed equality between two functions of a grid: one value per row of the grid. */
    public record Identity(String name, int arguments, UnaryOperator<INDArray> left, UnaryOperator<INDArray> right) {
    }

    /** tanh is a sigmoid stretched twice as wide and twice as tall, moved down by one. */
    public static final Identity TANH_FROM_SIGMOID = new Identity("tanh(z) = 2 sigmoid(2z) - 1", 1,
            z -> Transforms.tanh(z, true),
            z -> Transforms.sigmoid(z.mul(2), false).muli(2).subi(1));

    /** The centred sigmoid is a tanh with half the slope and half the height. */
    public static final Identity CENTRED_SIGMOID = new Identity("sigmoid(z) - 1/2 = tanh(z/2) / 2", 1,
            z -> Transforms.sigmoid(z, true).subi(0.5),
            z -> Transforms.tanh(z.div(2), false).divi(2));

    /** The first output of a softmax over two classes depends only on the difference of the two logits. */
    public static final Identity TWO_CLASS_SOFTMAX = new Identity("softmax(z1 z2)[1] = sigmoid(z1 - z2)", 2,
            z -> Transforms.softmax(z, true).getColumn(0),
            z -> Transforms.sigmoid(z.getColumn(0).sub(z.getColumn(1)), false));

    public static final List<Identity> ALL = List.of(TANH_FROM_SIGMOID, CENTRED_SIGMOID, TWO_CLASS_SOFTMAX);

    /**
     * The largest error the ops can make, in units of eps (the gap between 1 and the next number of
     * the type). Every argument the ops see is exact (see {@link Grid}). Assume each library function
     * (exp, sigmoid, tanh) within one ulp: for a value v that is an error of at most eps |v|, and every
     * value here lies in [-1, 1]; each rounded step after it adds at most eps/2 |v|, and doubling or
     * halving adds nothing.
     * tanh(z) = 2 sigma(2z) - 1: eps + 2 eps + eps/2 = 3.5 eps.
     * sigma(z) - 1/2 = tanh(z/2) / 2: eps + eps/4 + eps/2 < 2 eps.
     * softmax: e1 / (e1 + e2) errs relatively by eps (e1) + eps + eps/2 (the sum) + eps/2 (the
     * division) = 3 eps, against sigma's eps: 4 eps.
     */
    public static final double ERROR_BOUND_IN_EPS = 4;
    public static final List<DataType> TYPES = List.of(DataType.FLOAT, DataType.DOUBLE);

    /**
     * One-argument identities run over z = k h for |z| <= {@code limit}; two-argument ones over every
     * pair (z1, z2) of the grid z = k {@code pairStep} with |z| <= {@code pairLimit}. Steps are powers of two.
     */
    public record Grid(double limit, double step, double pairLimit, double pairStep) {
        public Grid {
            requirePowerOfTwo(step);
            requirePowerOfTwo(pairStep);
        }

        /** A one-argument grid of 40,961 points and a two-argument grid of 321 x 321 pairs. */
        public static final Grid FULL = new Grid(20, 0x1p-10, 10, 0x1p-4);
        /** Sixteen times coarser in one argument, four times in each of two. */
        public static final Grid QUICK = FULL.coarser(16, 4);

        /** This grid with steps {@code factor} and {@code pairFactor} times as wide, powers of two. */
        public Grid coarser(int factor, int pairFactor) {
            return new Grid(limit, step * factor, pairLimit, pairStep * pairFactor);
        }

        /** z = -limit, -limit + step, ..., limit. */
        public double[] points() {
            return points(limit, step);
        }

        /** Every pair (z1, z2) of the two-argument grid, z1 then z2, pair after pair. */
        public double[] pairs() {
            double[] z = points(pairLimit, pairStep);
            double[] pairs = new double[2 * z.length * z.length];
            for (int i = 0; i < z.length; i++) {
                for (int j = 0; j < z.length; j++) {
                    pairs[2 * (i * z.length + j)] = z[i];
                    pairs[2 * (i * z.length + j) + 1] = z[j];
                }
            }
            return pairs;
        }

        private static double[] points(double limit, double step) {
            int steps = (int) Math.round(limit / step);
            double[] z = new double[2 * steps + 1];
            for (int k = -steps; k <= steps; k++) {
                z[k + steps] = k * step;
            }
            return z;
        }

        private static void requirePowerOfTwo(double step) {
            if (!(step > 0) || step != Math.scalb(1.0, Math.getExponent(step))) {
                throw new IllegalArgumentException("grid step must be a power of two, not " + step);
            }
        }
    }

    private Identities() {
    }

    /** max |left - right| over the grid, both sides computed in {@code type}. */
    public static double maxAbsError(Identity identity, DataType type, Grid grid) {
        INDArray input = identity.arguments() == 1
                ? Nd4j.createFromArray(grid.points()).reshape(-1, 1).castTo(type)
                : Nd4j.createFromArray(grid.pairs()).reshape(-1, 2).castTo(type);
        INDArray left = identity.left().apply(input).reshape(-1);
        INDArray right = identity.right().apply(input).reshape(-1);
        if (left.dataType() != type || right.dataType() != type) {
            throw new IllegalStateException(identity.name() + " was not computed in " + type);
        }
        return Transforms.abs(left.sub(right), false).maxNumber().doubleValue();
    }

    /** A row of the table {@code identities}: the largest gap between the two sides of an identity in one data type. */
    public record IdentityCheck(String identity, DataType dataType, double maxAbsError) {
    }

    /** The table {@code identities}: one row per identity and data type. */
    public static List<IdentityCheck> checks(Grid grid) {
        List<IdentityCheck> checks = new ArrayList<>();
        for (Identity identity : ALL) {
            for (DataType type : TYPES) {
                checks.add(new IdentityCheck(identity.name(), type, maxAbsError(identity, type, grid)));
            }
        }
        return checks;
    }
}
