package org.sigmoidbook.chapters.outputlayer;

import java.util.Locale;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.learning.config.Adam;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.nn.HiddenUnit;
import org.sigmoidbook.toolkit.nn.Networks;

/**
 * What is changed in the book's setup to get deep sigmoid hidden layers to learn. Each applies to
 * the network of {@link OutputLayerChapter#network}; only {@link #LONG} trains for longer.
 */
enum Remedy {
    /** The book's setup: weights N(0, 1/n_in), SGD, the chapter's epochs. */
    NONE("the book's init and SGD"),
    /** DL4J's XAVIER initialisation, N(0, 2/(n_in + n_out)) (Glorot and Bengio's variance, normal). */
    XAVIER("DL4J's Xavier init"),
    /** The book's weights times 4, the factor Glorot and Bengio give for the sigmoid. */
    X4("weights ×4"),
    /** Adam with learning rate 1e-3 in place of SGD. */
    ADAM("Adam, lr 10⁻³"),
    /** The book's setup, trained until it passes 0.9 held-out accuracy (or gives up). */
    LONG("trained for longer");

    static final double ADAM_LEARNING_RATE = 1e-3;
    static final double GLOROT_SIGMOID_FACTOR = 4;

    private final String description;

    Remedy(String description) {
        this.description = description;
    }

    /** The name in the tables: none, xavier, x4, adam, long. Public, since a table writes an enum by a public id(). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    String description() {
        return description;
    }

    /** The chapter's network with {@code hidden} units and this remedy applied, seeded with {@code seed}. */
    MultiLayerNetwork network(HiddenUnit hidden, long seed) {
        Networks.Mlp spec = OutputLayerChapter.network(Digits.PIXELS, OutputLayerChapter.WIDTH, hidden).seed(seed);
        if (this == XAVIER) {
            spec.weights(WeightInit.XAVIER.getWeightInitFunction());
        } else if (this == ADAM) {
            spec.updater(new Adam(ADAM_LEARNING_RATE));
        }
        MultiLayerNetwork net = spec.build();
        if (this == X4) {
            Networks.scaleWeights(net, GLOROT_SIGMOID_FACTOR);
        }
        return net;
    }
}
