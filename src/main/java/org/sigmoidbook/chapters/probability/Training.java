package org.sigmoidbook.chapters.probability;

/**
 * How a network of the rare-digit task is trained; everything else (network, optimiser, epochs,
 * minibatches) is the same for all.
 */
enum Training {
    /** Targets 0 and 1, every example weighted alike: the usual way, and the network sections 3 and 4 start from. */
    PLAIN("targets-0-1", "targets 0/1", 0),
    /** Each 9 weighted by the ratio of other digits to 9s in the training digits. */
    POSITIVE_WEIGHT("positive-weight", "positive-class weight", 0),
    /** Every epoch drawn with replacement, half 9s and half other digits, as many digits as a plain epoch. */
    RESAMPLED("resampled", "balanced resampling", 0),
    /** Targets ε/2 and 1 − ε/2 (Müller, Kornblith and Hinton's label smoothing with two classes). */
    SMOOTHED_005("smoothed-0.05", "targets smoothed, ε = 0.05", 0.05),
    SMOOTHED_010("smoothed-0.1", "targets smoothed, ε = 0.1", 0.1);

    private final String id;
    private final String label;
    private final double epsilon;

    Training(String id, String label, double epsilon) {
        this.id = id;
        this.label = label;
        this.epsilon = epsilon;
    }

    public String id() {
        return id;
    }

    String label() {
        return label;
    }

    /** The smoothing ε: the targets are y (1 − ε) + ε/2. */
    double epsilon() {
        return epsilon;
    }

    /** Whether the run belongs to the comparison of targets (section 5): targets 0/1 or smoothed, nothing else changed. */
    boolean comparesTargets() {
        return this == PLAIN || epsilon > 0;
    }

    /** The logit at which the cross-entropy against target t = 1 − ε/2 is smallest: σ(z) = t, z = ln((2 − ε)/ε); none for ε = 0. */
    double optimalLogit() {
        return Math.log((2 - epsilon) / epsilon);
    }
}
