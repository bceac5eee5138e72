package org.sigmoidbook.chapters.today;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sigmoidbook.BookTest;
import org.sigmoidbook.chapters.today.MultiLabel.HeldoutSet;
import org.sigmoidbook.chapters.today.MultiLabel.Label;
import org.sigmoidbook.chapters.today.MultiLabel.Model;
import org.sigmoidbook.chapters.today.MultiLabel.TrainingSet;
import org.sigmoidbook.chapters.today.MultiLabelResult.LabelAccuracy;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.data.Mnist;

class TripletsTest {

    private static MultiLabel.Data data;

    private static Mnist.Split split() {
        return TodayTesting.digits();
    }

    private static synchronized MultiLabel.Data data() {
        if (data == null) {
            data = Triplets.data(split(), 3000, 2000, 17);
        }
        return data;
    }

    /** Label i from digit i, written out by hand: (1, 7, 0) is odd, greater than 4, closed loop, the 9's combination. */
    @Test
    void eachLabelComesFromItsOwnDigit() {
        assertEquals(MultiLabel.combination(9), Triplets.combination(1, 7, 0));
        assertEquals(Triplets.WITHHELD, Triplets.combination(3, 9, 6));
        assertEquals(0, Triplets.combination(1, 2, 3));
        assertEquals(1 << Label.EVEN.ordinal() | 1 << Label.CLOSED_LOOP.ordinal(), Triplets.combination(2, 3, 8));
        assertEquals(7, Triplets.combination(8, 5, 4));
    }

    /** Pixel (r, 14 k + c) of a triplet's image is the mean of digit k's 2 x 2 block at (2r, 2c); one row per triplet. */
    @Test
    void anImageIsTheThreeHalvedDigitsSideBySide() {
        Digits digits = split().test().first(3);
        int[][] triplets = {{2, 0, 1}, {1, 1, 2}};
        INDArray image = Triplets.images(digits, triplets);
        assertEquals(Triplets.INPUTS, image.columns());
        assertEquals(2, image.rows());
        double[] full = digits.features(DataType.DOUBLE).data().asDouble();
        for (int t = 0; t < triplets.length; t++) {
            for (int k = 0; k < 3; k++) {
                for (int r = 0; r < 14; r++) {
                    for (int c = 0; c < 14; c++) {
                        int at = triplets[t][k] * 784 + 2 * r * 28 + 2 * c;
                        double mean = (full[at] + full[at + 1] + full[at + 28] + full[at + 29]) / 4;
                        assertEquals(mean, image.getDouble(t, r * 42 + 14 * k + c), 1e-6,
                                "triplet " + t + ", digit " + k + ", row " + r + ", column " + c);
                    }
                }
            }
        }
    }

    /**
     * No training triplet has the withheld combination; the held-out sets split the held-out
     * triplets; and the share of held-out triplets with it is about P(odd) P(greater than 4)
     * P(closed loop) of the held-out digits, the three drawn independently (binomial tolerance).
     */
    @Test
    void trainingNeverShowsTheWithheldCombination() {
        // drawn in the test, not from the shared data, so that mutation testing credits the draws to it
        MultiLabel.Data drawn = Triplets.data(split(), 3000, 2000, 17);
        assertTrue(Arrays.stream(drawn.trainCombinations()).noneMatch(c -> c == Triplets.WITHHELD));
        assertEquals(3000, drawn.trainCombinations().length);
        assertEquals(3000, drawn.trainFeatures().rows());
        assertEquals(2000, drawn.testFeatures().rows());
        List<HeldoutSet> sets = drawn.heldoutSets();
        assertEquals(List.of(Triplets.SEEN, MultiLabel.UNSEEN), sets.stream().map(HeldoutSet::name).toList());
        int[] unseen = sets.get(1).members();
        assertEquals(2000, sets.get(0).members().length + unseen.length);
        assertTrue(IntStream.of(unseen).allMatch(i -> drawn.testCombinations()[i] == Triplets.WITHHELD));
        assertTrue(IntStream.of(sets.get(0).members()).noneMatch(i -> drawn.testCombinations()[i] == Triplets.WITHHELD));
        int[] counts = split().test().classCounts();
        double n = split().test().size();
        double odd = (counts[1] + counts[3] + counts[5] + counts[7] + counts[9]) / n;
        double greater = (counts[5] + counts[6] + counts[7] + counts[8] + counts[9]) / n;
        double loop = (counts[0] + counts[4] + counts[6] + counts[8] + counts[9]) / n;
        double p = odd * greater * loop;
        assertEquals(p * 2000, unseen.length, 4 * Math.sqrt(2000 * p * (1 - p)));
    }

    /**
     * Trained without the withheld combination, the softmax's most likely combination is never it,
     * so no unseen triplet is fully right; the three sigmoids name it for some.
     */
    @BookTest
    void onlyTheSigmoidsCanNameTheUnseenCombination() {
        MultiLabel.Budget budget = new MultiLabel.Budget(3000, 1);
        MultiLabelResult softmax = MultiLabel.run(MultiLabel.Head.SOFTMAX, 3, budget, data());
        MultiLabelResult sigmoids = MultiLabel.run(MultiLabel.Head.SIGMOIDS, 3, budget, data());
        assertEquals(0.0, allThree(softmax, Model.SOFTMAX_MOST_LIKELY, MultiLabel.UNSEEN));
        assertTrue(allThree(sigmoids, Model.SIGMOIDS, MultiLabel.UNSEEN) > 0, "the sigmoids name it at least once");
        assertTrue(allThree(sigmoids, Model.SIGMOIDS, Triplets.SEEN) > 1.0 / 8, "better than coin flips on the seen combinations");
        assertTrue(sigmoids.accuracy().stream().allMatch(a -> a.trainingSet() == TrainingSet.TRIPLETS));
    }

    private static double allThree(MultiLabelResult result, Model model, String heldoutSet) {
        return result.accuracy().stream().filter(a -> a.model() == model && a.heldoutSet().equals(heldoutSet)
                && a.label().equals(MultiLabel.ALL_THREE)).mapToDouble(LabelAccuracy::heldoutAccuracy).findFirst().orElseThrow();
    }
}
