package org.sigmoidbook.toolkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.toolkit.data.Mnist.MnistDataException;

class MnistTest {

    @TempDir
    Path tmp;

    private Path copyOfBookFiles() throws IOException {
        try (var files = Files.list(Mnist.defaultDir())) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("book-")).toList()) {
                Files.copy(file, tmp.resolve(file.getFileName()));
            }
        }
        return tmp;
    }

    @Test
    void theBookFilesHoldTenThousandLabelledDigitsWithBalancedPrefixes() throws IOException {
        Mnist.Split split = Mnist.load();
        assertEquals(8000, split.train().size());
        assertEquals(2000, split.test().size());
        int[] firstThousand = split.train().first(1000).classCounts();
        int[] hundredEach = new int[10];
        Arrays.fill(hundredEach, 100);
        assertArrayEquals(hundredEach, firstThousand, "1,000 digits are 100 rounds of one digit per class");
        double[] pixels = split.train().first(5).features(DataType.DOUBLE).ravel().toDoubleVector();
        assertTrue(Arrays.stream(pixels).allMatch(p -> p >= 0 && p <= 1));
        assertTrue(Arrays.stream(pixels).anyMatch(p -> p == 1.0), "ink saturates at 255/255 somewhere");
    }

    @Test
    void featuresAreEachPixelOver255RoundedOnceToTheAskedTypeOneDigitPerRow() {
        byte[] pixels = new byte[2 * Digits.PIXELS];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7);
        }
        Digits two = new Digits(pixels, new byte[] {4, 9});
        float[] single = two.features(DataType.FLOAT).data().asFloat();
        double[] doubles = two.features(DataType.DOUBLE).data().asDouble();
        assertArrayEquals(new long[] {2, Digits.PIXELS}, two.features(DataType.FLOAT).shape());
        for (int i = 0; i < pixels.length; i++) {
            double exact = (pixels[i] & 0xFF) / 255.0;
            assertEquals(exact, doubles[i], 0.0, "pixel " + i);
            assertEquals((float) exact, single[i], 0.0f, "pixel " + i + " in FLOAT");
        }
    }

    @Test
    void aCorruptByteIsDetectedAndTheMessageSaysHowToRestore() throws IOException {
        Path dir = copyOfBookFiles();
        Path images = dir.resolve("book-train-images-idx3-ubyte.gz");
        byte[] bytes = Files.readAllBytes(images);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(images, bytes);
        MnistDataException e = assertThrows(MnistDataException.class, () -> Mnist.load(dir));
        assertTrue(e.getMessage().contains("is corrupt"), e.getMessage());
        assertTrue(e.getMessage().contains("git checkout -- data/mnist"), e.getMessage());
    }

    @Test
    void aTruncatedOrMissingFileIsDetected() throws IOException {
        Path dir = copyOfBookFiles();
        Path labels = dir.resolve("book-test-labels-idx1-ubyte.gz");
        byte[] bytes = Files.readAllBytes(labels);
        Files.write(labels, Arrays.copyOf(bytes, bytes.length - 10));
        assertTrue(assertThrows(MnistDataException.class, () -> Mnist.load(dir)).getMessage().contains("is corrupt"));
        Files.delete(labels);
        assertTrue(assertThrows(MnistDataException.class, () -> Mnist.load(dir)).getMessage().contains("is missing"));
    }

    private static byte[] idxImages(int magic, int count, int bytesOfPixels) {
        ByteBuffer buffer = ByteBuffer.allocate(16 + bytesOfPixels);
        buffer.putInt(magic).putInt(count).putInt(28).putInt(28);
        for (int i = 0; i < bytesOfPixels; i++) {
            buffer.put((byte) (i % 251));
        }
        return buffer.array();
    }

    private static byte[] idxLabels(int count) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + count);
        buffer.putInt(0x801).putInt(count);
        for (int i = 0; i < count; i++) {
            buffer.put((byte) (i % 10));
        }
        return buffer.array();
    }

    @Test
    void officialFilesInTheFolderAreUsedInsteadAndTheirHeadersAreChecked() throws IOException {
        Path dir = copyOfBookFiles();
        Files.write(dir.resolve("train-images-idx3-ubyte"), idxImages(0x803, 3, 3 * 784));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), idxLabels(3));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), idxImages(0x803, 2, 2 * 784));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), idxLabels(2));
        Mnist.Split split = Mnist.load(dir);
        assertEquals(3, split.train().size());
        assertEquals(2, split.test().size());
        assertTrue(split.description().startsWith("official MNIST"));

        Files.write(dir.resolve("t10k-images-idx3-ubyte"), idxImages(0x803, 2, 784));
        assertTrue(assertThrows(MnistDataException.class, () -> Mnist.load(dir)).getMessage().contains("truncated"));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), idxImages(0x801, 2, 2 * 784));
        assertTrue(assertThrows(MnistDataException.class, () -> Mnist.load(dir)).getMessage().contains("is not an IDX image file"));
    }

    /** A half-finished download of the official files must not be answered with "git checkout" for the book's own. */
    @Test
    void aPartialSetOfOfficialFilesNamesTheMissingOnes() throws IOException {
        Path dir = copyOfBookFiles();
        Files.write(dir.resolve("train-images-idx3-ubyte"), idxImages(0x803, 3, 3 * 784));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), idxLabels(3));
        String message = assertThrows(MnistDataException.class, () -> Mnist.load(dir)).getMessage();
        assertTrue(message.contains("t10k-images-idx3-ubyte") && message.contains("t10k-labels-idx1-ubyte"), message);
        assertTrue(!message.contains("git checkout"), message);
    }
}
