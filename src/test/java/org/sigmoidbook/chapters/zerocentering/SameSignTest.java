package org.sigmoidbook.chapters.zerocentering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.sigmoidbook.QuickBook;
import org.sigmoidbook.toolkit.data.Mnist;
import tech.tablesaw.api.Table;

@Tag("book")
class SameSignTest {

    private static final String ID = "zero-centering";

    private static Table quickTable(String name) {
        return QuickBook.book().table(ID, name + ".csv");
    }

    @Test
    void countingAgreesWithAHandCount() {
        double[][] gradient = {
                {0.3, -0.1, 0.0, 2.0},
                {0.2, 0.4, 0.0, 1.0},
                {0.1, -0.5, 0.0, -3.0}};
        // neuron 0: all positive; 1: 1 of 3 positive; 2: no gradient at all; 3: 2 of 3 positive
        SameSign.Count count = SameSign.count(gradient);
        assertEquals(3, count.pairs());
        assertEquals(1, count.sameSign());
        assertEquals((1.0 + 2.0 / 3 + 2.0 / 3), count.majorityShare(), 1e-15);
    }

    /**
     * The textbook formula behind the chapter, dC/dW2_ij = a_i delta_j, checked on DL4J's numbers:
     * for one digit, column j of the gradient divided by the first layer's outputs a_i is one number.
     */
    @Test
    void oneDigitsGradientIsTheFirstLayersOutputsTimesOneDeltaPerNeuron() throws Exception {
        DataSet digit = Mnist.load().train().first(1).tenClass(DataType.FLOAT);
        MultiLayerNetwork net = SameSign.network(HiddenUnits.all().get(0), 12, 7);
        double[] a = net.feedForward(digit.getFeatures(), false).get(1).toDoubleVector();
        double[][] gradient = SameSign.secondLayerGradient(net, digit);
        for (int j = 0; j < SameSign.NEURONS; j++) {
            double delta = gradient[0][j] / a[0];
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i] * delta, gradient[i][j], 1e-5 * Math.abs(delta) + 1e-9, "i = " + i + ", j = " + j);
            }
        }
    }

    /** A minibatch's gradient is the sum of its digits' gradients: that is why their signs can mix. */
    @Test
    void aMinibatchGradientIsTheSumOfItsDigitsGradients() throws Exception {
        DataSet batch = Mnist.load().train().first(10).tenClass(DataType.FLOAT);
        MultiLayerNetwork net = SameSign.network(HiddenUnits.all().get(0), 30, 11);
        double[][] sum = new double[30][SameSign.NEURONS];
        for (DataSet one : SameSign.singles(batch)) {
            double[][] g = SameSign.secondLayerGradient(net, one);
            for (int i = 0; i < sum.length; i++) {
                for (int j = 0; j < sum[0].length; j++) {
                    sum[i][j] += g[i][j];
                }
            }
        }
        double[][] whole = SameSign.secondLayerGradient(net, batch);
        for (int i = 0; i < sum.length; i++) {
            for (int j = 0; j < sum[0].length; j++) {
                assertEquals(sum[i][j], whole[i][j], 1e-5 * (1 + Math.abs(sum[i][j])));
            }
        }
    }

    @Test
    void sigmoidFedNeuronsGetSameSignGradientsAndTanhFedOnesDoNot() {
        Table t = quickTable("same-sign");
        Table sigmoid = t.where(t.stringColumn("hidden_unit").isEqualTo(HiddenUnits.SIGMOID));
        assertTrue(sigmoid.rowCount() >= 3);
        for (int r = 0; r < sigmoid.rowCount(); r++) {
            assertEquals(1.0, sigmoid.doubleColumn("same_sign_fraction").get(r), 0.0, "fan-in " + sigmoid.intColumn("fan_in").get(r));
        }
        for (String unit : new String[]{HiddenUnits.TANH, HiddenUnits.LECUN_TANH, HiddenUnits.CENTRED_SIGMOID}) {
            Table rows = t.where(t.stringColumn("hidden_unit").isEqualTo(unit));
            Table wide = rows.where(rows.intColumn("fan_in").isEqualTo(30));
            assertTrue(wide.doubleColumn("same_sign_fraction").get(0) < 0.05, unit + " at fan-in 30");
            Table single = rows.where(rows.intColumn("fan_in").isEqualTo(1));
            assertEquals(1.0, single.doubleColumn("same_sign_fraction").get(0), 0.0, "one input always has one sign");
        }
    }

    /**
     * Per minibatch: exact for a batch of one digit, weaker for larger batches (some neurons see mixed
     * signs), and centred inputs stay mixed. The finding the page quotes is the table's value.
     */
    @Test
    void minibatchesMixTheSignsOfSigmoidFedGradients() {
        Table t = quickTable("same-sign-batches");
        assertEquals(List.of(1, 10, 20, 100), t.where(t.stringColumn("hidden_unit").isEqualTo(HiddenUnits.SIGMOID))
                .intColumn("batch_size").asList());
        for (int r = 0; r < t.rowCount(); r++) {
            String unit = t.stringColumn("hidden_unit").get(r);
            int size = t.intColumn("batch_size").get(r);
            double fraction = t.doubleColumn("same_sign_fraction").get(r);
            double majority = t.doubleColumn("majority_sign_share").get(r);
            assertTrue(majority >= 0.5 && majority <= 1, "a majority share lies in [1/2, 1]");
            assertTrue(fraction <= majority, "all of one sign implies a majority share of 1");
            if (unit.equals(HiddenUnits.SIGMOID)) {
                if (size == 1) {
                    assertEquals(1.0, fraction, 0.0, "exact for one digit");
                } else {
                    assertTrue(fraction < 1, "minibatches of " + size + " mix some signs");
                }
                assertEquals(fraction, QuickBook.book().finding(ID, "same-sign fraction, sigmoid inputs, minibatches of " + size), 5e-5);
            } else {
                assertTrue(fraction < 0.05, unit + " at batch size " + size);
            }
        }
    }
}
