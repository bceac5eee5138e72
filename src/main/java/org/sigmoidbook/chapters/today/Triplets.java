package org.sigmoidbook.chapters.today;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sigmoidbook.chapters.today.MultiLabel.HeldoutSet;
import org.sigmoidbook.chapters.today.MultiLabel.Label;
import org.sigmoidbook.chapters.today.MultiLabel.TrainingSet;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.data.Mnist;

/**
 * A multi-label task whose labels sit in separate parts of the input. An example is three digits
 * side by side, each halved to 14 x 14 pixels (a 14 x 42 image, 588 inputs), and label i is read from
 * digit i alone: the first digit is even, the second greater than 4, the third has a closed loop.
 * Training never shows the 9's combination (odd, greater than 4, closed loop), although each of its
 * labels, on and off, is in the training triplets many times; the held-out triplets are scored with
 * and without that combination apart.
 */
public final class Triplets {

    /** Rows (and columns) of a halved digit. */
    public static final int SIDE = 14;
    public static final int WIDTH = 3 * SIDE;
    public static final int INPUTS = SIDE * WIDTH;
    /** The combination no training triplet has: the 9's. */
    public static final int WITHHELD = MultiLabel.combination(9);
    public static final String SEEN = "seen combinations";

    private Triplets() {
    }

    /**
     * {@code trainingTriplets} triplets of the first {@code trainingTriplets} training digits, drawn
     * at random without the 9's combination, and {@code heldoutTriplets} of the held-out digits, drawn
     * at random; the same {@code seed}, the same triplets.
     */
    public static MultiLabel.Data data(Mnist.Split split, int trainingTriplets, int heldoutTriplets, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Digits pool = split.train().first(trainingTriplets);
        int[][] train = draw(pool, trainingTriplets, random, true);
        int[][] test = draw(split.test(), heldoutTriplets, random, false);
        int[] testCombinations = combinations(split.test(), test);
        return new MultiLabel.Data(TrainingSet.TRIPLETS, images(pool, train), combinations(pool, train),
                images(split.test(), test), testCombinations, List.of(
                new HeldoutSet(SEEN, IntStream.range(0, test.length).filter(i -> testCombinations[i] != WITHHELD).toArray()),
                new HeldoutSet(MultiLabel.UNSEEN, IntStream.range(0, test.length).filter(i -> testCombinations[i] == WITHHELD).toArray())));
    }

    /** The combination of three digits: label i of digit i. */
    public static int combination(int first, int second, int third) {
        int[] digits = {first, second, third};
        int bits = 0;
        for (Label label : Label.values()) {
            bits |= label.of(digits[label.ordinal()]) ? 1 << label.ordinal() : 0;
        }
        return bits;
    }

    /** {@code n} triplets of indices into {@code digits}, each drawn uniformly; without the withheld combination if asked. */
    private static int[][] draw(Digits digits, int n, SplittableRandom random, boolean withoutWithheld) {
        int[][] triplets = new int[n][];
        for (int t = 0; t < n; ) {
            int[] triplet = {random.nextInt(digits.size()), random.nextInt(digits.size()), random.nextInt(digits.size())};
            if (!withoutWithheld || combination(digits, triplet) != WITHHELD) {
                triplets[t++] = triplet;
            }
        }
        return triplets;
    }

    private static int combination(Digits digits, int[] triplet) {
        return combination(digits.label(triplet[0]), digits.label(triplet[1]), digits.label(triplet[2]));
    }

    private static int[] combinations(Digits digits, int[][] triplets) {
        return Stream.of(triplets).mapToInt(t -> combination(digits, t)).toArray();
    }

    /** Each triplet as one 14 x 42 image, row by row: pixel (r, 14 k + c) is the mean of digit k's 2 x 2 block at (2r, 2c). */
    static INDArray images(Digits digits, int[][] triplets) {
        double[] full = digits.features(DataType.DOUBLE).data().asDouble();
        int side = 2 * SIDE;
        double[] pixels = new double[triplets.length * INPUTS];
        for (int t = 0; t < triplets.length; t++) {
            for (int k = 0; k < 3; k++) {
                int digit = triplets[t][k] * Digits.PIXELS;
                for (int r = 0; r < SIDE; r++) {
                    for (int c = 0; c < SIDE; c++) {
                        int topLeft = digit + 2 * r * side + 2 * c;
                        double sum = full[topLeft] + full[topLeft + 1] + full[topLeft + side] + full[topLeft + side + 1];
                        pixels[t * INPUTS + r * WIDTH + k * SIDE + c] = sum / 4;
                    }
                }
            }
        }
        return Nd4j.createFromArray(pixels).reshape(triplets.length, INPUTS).castTo(DataType.FLOAT);
    }
}
