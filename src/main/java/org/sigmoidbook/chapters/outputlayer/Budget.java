package org.sigmoidbook.chapters.outputlayer;

/** How much a run trains: on the first {@code trainingDigits} training 4s and 9s, for {@code epochs} epochs (at most, for a long run). */
record Budget(int trainingDigits, int epochs) {
}
