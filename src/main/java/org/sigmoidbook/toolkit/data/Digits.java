package org.sigmoidbook.toolkit.data;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A set of 28x28 MNIST digits held as bytes (0-255) with labels 0-9, in the file's order.
 * Views such as {@link #first(int)} and {@link #onlyClasses(int...)} copy only what they keep.
 */
public final class Digits {

    public static final int PIXELS = 28 * 28;

    /** The book's binary task is "9 or 4?", two digits that look alike: a 9 is y = 1 ... */
    public static final int POSITIVE_DIGIT = 9;
    /** ... and a 4 is y = 0. */
    public static final int NEGATIVE_DIGIT = 4;

    private final byte[] pixels;
    private final byte[] labels;

    public Digits(byte[] pixels, byte[] labels) {
        if (pixels.length != labels.length * PIXELS) {
            throw new IllegalArgumentException(pixels.length + " pixels do not make " + labels.length + " digits");
        }
        this.pixels = pixels;
        this.labels = labels;
    }

    public int size() {
        return labels.length;
    }

    public int label(int index) {
        return labels[index];
    }

    /** The first {@code n} digits (the book's files are class-balanced in every prefix). */
    public Digits first(int n) {
        if (n > size()) {
            throw new IllegalArgumentException("asked for " + n + " digits, only " + size() + " are loaded");
        }
        return new Digits(Arrays.copyOf(pixels, n * PIXELS), Arrays.copyOf(labels, n));
    }

    /** The digits of the given classes, in file order. */
    public Digits onlyClasses(int... classes) {
        int[] keep = IntStream.range(0, size())
                .filter(i -> IntStream.of(classes).anyMatch(c -> c == labels[i])).toArray();
        byte[] keptPixels = new byte[keep.length * PIXELS];
        byte[] keptLabels = new byte[keep.length];
        for (int k = 0; k < keep.length; k++) {
            System.arraycopy(pixels, keep[k] * PIXELS, keptPixels, k * PIXELS, PIXELS);
            keptLabels[k] = labels[keep[k]];
        }
        return new Digits(keptPixels, keptLabels);
    }

    /** Pixels scaled to [0, 1], one digit per row: shape [n, 784]. */
    public INDArray features(DataType type) {
        double[] scaled = new double[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            scaled[i] = (pixels[i] & 0xFF) / 255.0;
        }
        // Made in the asked type at once: a DOUBLE array cast afterwards took several times as long.
        return Nd4j.create(scaled, new long[] {size(), PIXELS}, type);
    }

    /** One-hot labels over the ten classes: shape [n, 10]. */
    public INDArray oneHot(DataType type) {
        INDArray out = Nd4j.zeros(type, size(), 10);
        for (int i = 0; i < size(); i++) {
            out.putScalar(i, labels[i], 1.0);
        }
        return out;
    }

    /** 1 where the digit is {@code positiveClass}, else 0: shape [n, 1], for a sigmoid output unit. */
    public INDArray binaryLabels(int positiveClass, DataType type) {
        INDArray out = Nd4j.zeros(type, size(), 1);
        for (int i = 0; i < size(); i++) {
            out.putScalar(i, 0, labels[i] == positiveClass ? 1.0 : 0.0);
        }
        return out;
    }

    /** Features with one-hot labels, ready for a ten-class network. */
    public DataSet tenClass(DataType type) {
        return new DataSet(features(type), oneHot(type));
    }

    /** Features with 0/1 labels for "is it {@code positiveClass}?", for a sigmoid output unit. */
    public DataSet binary(int positiveClass, DataType type) {
        return new DataSet(features(type), binaryLabels(positiveClass, type));
    }

    public int[] classCounts() {
        int[] counts = new int[10];
        for (byte label : labels) {
            counts[label]++;
        }
        return counts;
    }
}
