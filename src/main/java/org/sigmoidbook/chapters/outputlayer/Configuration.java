package org.sigmoidbook.chapters.outputlayer;

import org.sigmoidbook.toolkit.nn.HiddenUnit;

/** A hidden unit and what is changed to get it to learn ({@link Remedy#NONE} for tanh and ReLU). */
record Configuration(HiddenUnit hidden, Remedy remedy) {

    /** "sigmoid, weights ×4"; "tanh"; "ReLU (He init)". */
    String label() {
        if (hidden == HiddenUnit.RELU) {
            return "ReLU (He init)";
        }
        return remedy == Remedy.NONE && hidden != HiddenUnit.SIGMOID ? hidden.label() : hidden.label() + ", " + remedy.label();
    }

    /** "sigmoid x4", "tanh none": how findings name the configuration. */
    String id() {
        return hidden.id() + " " + remedy.id();
    }
}
