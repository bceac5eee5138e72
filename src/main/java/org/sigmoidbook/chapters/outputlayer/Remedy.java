package org.sigmoidbook.chapters.outputlayer;

import java.util.Locale;

/**
 * What is changed in the book's setup (weights N(0, 1/n_in), biases 0, SGD at lr 0.1) to get deep
 * sigmoid hidden layers to learn; tanh and ReLU run with {@link #NONE}. {@link Setup#build} applies them.
 */
enum Remedy {
    /** The book's setup. */
    NONE("book's setup"),
    /** DL4J's XAVIER initialisation, N(0, 2/(n_in + n_out)) (Glorot and Bengio's variance, normal). */
    XAVIER("Xavier init"),
    /** The book's weights times 4 = 1/σ′(0), the factor of the Deep Learning Tutorials' MLP for the sigmoid. */
    X4("weights ×4"),
    /** Adam with learning rate 1e-3 in place of SGD. */
    ADAM("Adam"),
    /** DL4J's BatchNormalization between each hidden layer's weighted sum and its sigmoid (Ioffe and Szegedy 2015). */
    BATCHNORM("batch norm"),
    /** Every weight matrix (semi-)orthogonal times 4 (Saxe et al. 2014; Pennington et al. 2017): see {@link Orthogonal}. */
    ORTHOGONAL("orthogonal ×4"),
    /** The tanh network's initial function computed by sigmoid units, through tanh(z) = 2σ(2z) − 1: see {@link SigmoidAsTanh}. */
    SIGMOID_AS_TANH("sigmoid as tanh"),
    /** The book's setup at the sweep's largest learning rate, trained until held-out accuracy passes 0.9 or for at most the long budget. */
    LONG("lr 4, longer");

    static final double ADAM_LEARNING_RATE = 1e-3;
    /** 1/σ′(0): scales a sigmoid layer's slope at 0 up to tanh's. */
    static final double SIGMOID_GAIN = 4;
    /** The learning rate of {@link #LONG}: the largest of the learning-rate sweep. */
    static final double LONG_LEARNING_RATE = 4;

    private final String label;

    Remedy(String label) {
        this.label = label;
    }

    /** The name in the tables: none, xavier, x4, adam, batchnorm, orthogonal, sigmoid-as-tanh, long. Public, as a table writes an enum by a public id(). */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The short name figures and the grid print. */
    String label() {
        return label;
    }
}
