package org.sigmoidbook.chapters.today;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.sigmoidbook.BookTest;
import org.sigmoidbook.book.Rows;
import org.sigmoidbook.chapters.today.MultiLabel.Head;
import org.sigmoidbook.chapters.today.MultiLabel.Label;
import org.sigmoidbook.chapters.today.MultiLabel.LabelCombination;
import org.sigmoidbook.chapters.today.MultiLabel.Model;
import org.sigmoidbook.chapters.today.MultiLabelResult.LabelAccuracy;
import org.sigmoidbook.chapters.today.MultiLabelResult.PredictedCombination;
import org.sigmoidbook.toolkit.data.Mnist;

class MultiLabelTest {

    private static final MultiLabel.Budget SMALL = new MultiLabel.Budget(2000, 1);
    private static MultiLabel.Data data;
    private static MultiLabelResult sigmoids;
    private static MultiLabelResult softmax;

    private static Mnist.Split split() {
        return TodayTesting.digits();
    }

    private static synchronized MultiLabel.Data data() {
        if (data == null) {
            data = MultiLabel.Data.allDigits(split(), SMALL.trainingExamples());
        }
        return data;
    }

    /** Both heads trained once with seed 5 on all digits, for every test that reads them. */
    private static synchronized void train() {
        if (sigmoids == null) {
            sigmoids = MultiLabel.run(Head.SIGMOIDS, 5, SMALL, data());
            softmax = MultiLabel.run(Head.SOFTMAX, 5, SMALL, data());
        }
    }

    private static MultiLabelResult sigmoids() {
        train();
        return sigmoids;
    }

    private static MultiLabelResult softmax() {
        train();
        return softmax;
    }

    private static double accuracy(MultiLabelResult result, Model model, String group, String label) {
        List<LabelAccuracy> rows = result.accuracy().stream()
                .filter(r -> r.model() == model && r.heldoutSet().equals(group) && r.label().equals(label)).toList();
        assertEquals(1, rows.size(), model + " " + group + " " + label);
        return rows.get(0).heldoutAccuracy();
    }

    private static int predicted(MultiLabelResult result, Model model, String group, String combination) {
        List<PredictedCombination> rows = result.predictions().stream()
                .filter(r -> r.model() == model && r.heldoutSet().equals(group) && r.combination().equals(combination)).toList();
        assertEquals(1, rows.size(), model + " " + group + " " + combination);
        return rows.get(0).predicted();
    }

    /** The three labels of each digit, written out by hand: even; greater than 4; closed loop (0, 4, 6, 8, 9). */
    @Test
    void labelsOfEveryDigit() {
        boolean[][] expected = {
                {true, false, true}, {false, false, false}, {true, false, false}, {false, false, false}, {true, false, true},
                {false, true, false}, {true, true, true}, {false, true, false}, {true, true, true}, {false, true, true}};
        for (int digit = 0; digit <= 9; digit++) {
            for (Label label : Label.values()) {
                assertEquals(expected[digit][label.ordinal()], label.of(digit), digit + " " + label);
                assertEquals(expected[digit][label.ordinal()], label.in(MultiLabel.combination(digit)), digit + " " + label);
            }
        }
    }

    /** Ten digits can carry at most ten combinations; these carry six of the eight, and two never occur. */
    @Test
    void onlySixOfTheEightCombinationsOccur() {
        assertEquals(8, MultiLabel.COMBINATIONS);
        List<String> missing = IntStream.range(0, 8).filter(c -> MultiLabel.digitsWith(c).length == 0)
                .mapToObj(MultiLabel::describe).toList();
        assertEquals(List.of("even+greater_than_4", "closed_loop"), missing);
        assertArrayEquals(new int[]{6, 8}, MultiLabel.digitsWith(MultiLabel.combination(6)));
        assertArrayEquals(new int[]{9}, MultiLabel.digitsWith(MultiLabel.combination(9)));
    }

    /** Counts per combination against the digits' class counts. */
    @Test
    void combinationsTableCountsTheDigitsThatCarryEach() {
        List<LabelCombination> combinations = MultiLabel.combinations(split(), SMALL.trainingExamples());
        assertEquals(List.of("combination", "digits", "training_digits", "heldout_digits"), Rows.columns(LabelCombination.class));
        int[] trainCounts = split().train().first(SMALL.trainingExamples()).classCounts();
        int[] testCounts = split().test().classCounts();
        for (int c = 0; c < 8; c++) {
            int train = Arrays.stream(MultiLabel.digitsWith(c)).map(d -> trainCounts[d]).sum();
            int test = Arrays.stream(MultiLabel.digitsWith(c)).map(d -> testCounts[d]).sum();
            assertEquals(train, combinations.get(c).trainingDigits(), MultiLabel.describe(c));
            assertEquals(test, combinations.get(c).heldoutDigits(), MultiLabel.describe(c));
        }
        assertEquals("6 8", combinations.get(MultiLabel.combination(8)).digits());
        assertEquals("none", combinations.get(1 << Label.CLOSED_LOOP.ordinal()).digits());
    }

    /**
     * The two ways of reading the softmax disagree when the most likely combination is not where most
     * of each label's probability lies: 0.4 on none, 0.3 on even+closed_loop, 0.3 on all three.
     */
    @Test
    void softmaxDecodingsAndSigmoidThresholds() {
        double[] softmaxOutput = new double[8];
        softmaxOutput[0] = 0.4;
        softmaxOutput[MultiLabel.combination(0)] = 0.3;
        softmaxOutput[MultiLabel.combination(6)] = 0.3;
        assertEquals(0, MultiLabel.predictedCombination(Model.SOFTMAX_MOST_LIKELY, softmaxOutput));
        // even: 0.6, greater than 4: 0.3, closed loop: 0.6.
        assertEquals(MultiLabel.combination(0), MultiLabel.predictedCombination(Model.SOFTMAX_MARGINALS, softmaxOutput));
        assertEquals(MultiLabel.combination(0), MultiLabel.predictedCombination(Model.SIGMOIDS, new double[]{0.7, 0.2, 0.51}));
    }

    @Test
    void bothHeadsStartFromTheSameHiddenWeights() {
        TodayTesting.startBackend();
        assertEquals(MultiLabel.network(Head.SIGMOIDS, 784, 9).getParam("0_W"), MultiLabel.network(Head.SOFTMAX, 784, 9).getParam("0_W"));
        assertEquals(3, MultiLabel.network(Head.SIGMOIDS, 784, 9).getParam("1_W").columns());
        assertEquals(8, MultiLabel.network(Head.SOFTMAX, 784, 9).getParam("1_W").columns());
    }

    /**
     * Each label is well above its majority share after one small epoch (the majority shares here are
     * about 0.5 to 0.6), and exact match cannot beat the weakest label.
     */
    @BookTest
    void bothHeadsLearnEveryLabel() {
        assertEquals(List.of("model", "training_set", "seed", "heldout_set", "label", "heldout_accuracy"), Rows.columns(LabelAccuracy.class));
        for (MultiLabelResult result : List.of(sigmoids(), softmax())) {
            List<Model> models = result == sigmoids() ? List.of(Model.SIGMOIDS) : List.of(Model.SOFTMAX_MOST_LIKELY, Model.SOFTMAX_MARGINALS);
            for (Model model : models) {
                double weakest = 1;
                for (Label label : Label.values()) {
                    double accuracy = accuracy(result, model, MultiLabel.ALL, label.column());
                    int heldout = split().test().size();
                    long positives = IntStream.range(0, heldout).filter(i -> label.of(split().test().label(i))).count();
                    double majority = Math.max(positives, heldout - positives) / (double) heldout;
                    assertTrue(accuracy > majority + 0.15, model + " " + label + ": " + accuracy + " vs majority " + majority);
                    weakest = Math.min(weakest, accuracy);
                }
                double exact = accuracy(result, model, MultiLabel.ALL, MultiLabel.ALL_THREE);
                assertTrue(exact <= weakest && exact > 0.5, model + " exact match " + exact);
            }
        }
    }

    /** The softmax's most likely combination is never one that no digit carries: those outputs were only ever pushed down. */
    @BookTest
    void softmaxNeverPredictsACombinationNoDigitCarries() {
        for (String impossible : List.of("even+greater_than_4", "closed_loop")) {
            assertEquals(0, predicted(softmax(), Model.SOFTMAX_MOST_LIKELY, MultiLabel.ALL, impossible), impossible);
        }
        int total = 0;
        for (int c = 0; c < 8; c++) {
            total += predicted(sigmoids(), Model.SIGMOIDS, MultiLabel.ALL, MultiLabel.describe(c));
        }
        assertEquals(split().test().size(), total);
    }

    /**
     * Trained without 9s, the softmax can never name the 9's combination (greater than 4, closed loop):
     * no 9 is ever fully right. Three sigmoids can express it; how often they do is measured, and
     * recounted here from the predictions table.
     */
    @BookTest
    void withoutNinesTheSoftmaxNeverGetsANineFullyRight() {
        MultiLabel.Data withoutNines = MultiLabel.Data.withoutNines(split(), SMALL.trainingExamples());
        int nineCombination = MultiLabel.combination(9);
        assertTrue(Arrays.stream(withoutNines.trainCombinations()).noneMatch(c -> c == nineCombination));
        MultiLabelResult soft = MultiLabel.run(Head.SOFTMAX, 5, SMALL, withoutNines);
        MultiLabelResult sig = MultiLabel.run(Head.SIGMOIDS, 5, SMALL, withoutNines);
        String nine = MultiLabel.describe(nineCombination);
        long nines = IntStream.range(0, split().test().size()).filter(i -> split().test().label(i) == 9).count();
        assertEquals(0.0, accuracy(soft, Model.SOFTMAX_MOST_LIKELY, MultiLabel.NINES, MultiLabel.ALL_THREE));
        assertEquals(0, predicted(soft, Model.SOFTMAX_MOST_LIKELY, MultiLabel.NINES, nine));
        assertEquals(predicted(sig, Model.SIGMOIDS, MultiLabel.NINES, nine) / (double) nines,
                accuracy(sig, Model.SIGMOIDS, MultiLabel.NINES, MultiLabel.ALL_THREE), 1e-12);
        int counted = 0;
        for (int c = 0; c < 8; c++) {
            counted += predicted(sig, Model.SIGMOIDS, MultiLabel.NINES, MultiLabel.describe(c));
        }
        assertEquals(nines, counted, "every held-out 9, and only they, in the set 9s");
        assertTrue(accuracy(sig, Model.SIGMOIDS, "other digits", MultiLabel.ALL_THREE) > 0.5);
    }
}
