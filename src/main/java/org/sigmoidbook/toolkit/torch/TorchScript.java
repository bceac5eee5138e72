package org.sigmoidbook.toolkit.torch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;

/**
 * A PyTorch function that DJL does not expose (F.logsigmoid, F.binary_cross_entropy, ...), reached
 * without Python: this class writes a TorchScript module whose {@code forward} returns one
 * expression, in the archive format that {@code torch.jit.save} writes and {@code torch.jit.load}
 * reads, and DJL loads it into libtorch. In TorchScript, {@code torch.log_sigmoid} and the like name
 * ATen's operators directly, the ones Python's {@code torch.nn.functional} calls.
 * <pre>{@code
 * try (TorchScript logSigmoid = TorchScript.of("LogSigmoid", "z: Tensor", "torch.log_sigmoid(z)")) {
 *     NDArray y = logSigmoid.apply(z);    // with autograd, where z requires a gradient
 * }
 * }</pre>
 */
public final class TorchScript implements AutoCloseable {

    /** The archive's format version, as libtorch 2.x writes it. */
    private static final String FORMAT_VERSION = "3\n";
    /** The pickle opcodes of the module's state (Python's pickle protocol 2). */
    private static final byte PROTO = (byte) 0x80;
    private static final byte GLOBAL = 'c';
    private static final byte EMPTY_TUPLE = ')';
    private static final byte NEWOBJ = (byte) 0x81;
    private static final byte EMPTY_DICT = '}';
    private static final byte MARK = '(';
    private static final byte BINUNICODE = 'X';
    private static final byte NEWTRUE = (byte) 0x88;
    private static final byte SETITEMS = 'u';
    private static final byte BUILD = 'b';
    private static final byte STOP = '.';

    private final String source;
    private final Model model;

    private TorchScript(String source, Model model) {
        this.source = source;
        this.model = model;
    }

    /**
     * Compiles, in libtorch, the module {@code name} whose forward takes {@code parameters} (TorchScript
     * syntax, such as {@code "z: Tensor, y: Tensor"}) and returns the tensor {@code expression}.
     */
    public static TorchScript of(String name, String parameters, String expression) {
        String source = source(name, parameters, expression);
        Model model = Model.newInstance(name, Torch.ENGINE);
        Path folder = null;
        try {
            folder = Files.createTempDirectory("sigmoidbook-torchscript");
            write(folder.resolve(name + ".pt"), name, source);
            model.load(folder, name);
            return new TorchScript(source, model);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new IllegalStateException("libtorch did not load the TorchScript module " + name + ":\n" + source, e);
        } finally {
            delete(folder);
        }
    }

    /** The module's TorchScript source, as libtorch compiled it. */
    public String source() {
        return source;
    }

    /**
     * forward(inputs) in training mode, so that autograd records it: inside a GradientCollector, the
     * gradient reaches every input that requires one.
     */
    public NDArray apply(NDArray... inputs) {
        ParameterStore parameters = new ParameterStore(inputs[0].getManager(), false);
        return model.getBlock().forward(parameters, new NDList(inputs), true).singletonOrThrow();
    }

    @Override
    public void close() {
        model.close();
    }

    static String source(String name, String parameters, String expression) {
        return "class " + name + "(Module):\n"
                + "  __parameters__ = []\n"
                + "  __buffers__ = []\n"
                + "  training : bool\n"
                + "  def forward(self: __torch__." + name + ",\n"
                + "    " + parameters + ") -> Tensor:\n"
                + "    return " + expression + "\n";
    }

    /**
     * The archive: the module's class as TorchScript source, its one object (with the attribute
     * {@code training} that every module has) as a pickle, an empty tuple of constants, and the format
     * version, all in one folder named after the module.
     */
    static void write(Path file, String name, String source) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            entry(zip, name + "/data.pkl", pickledModule(name));
            entry(zip, name + "/code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
            entry(zip, name + "/constants.pkl", new byte[]{PROTO, 2, EMPTY_TUPLE, STOP});
            entry(zip, name + "/version", FORMAT_VERSION.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Pickle protocol 2 for {@code __torch__.<name>()} with its state {@code {"training": True}}. */
    static byte[] pickledModule(String name) {
        ByteArrayOutputStream pickle = new ByteArrayOutputStream();
        pickle.write(PROTO);
        pickle.write(2);
        pickle.write(GLOBAL);
        pickle.writeBytes(("__torch__\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
        pickle.write(EMPTY_TUPLE);
        pickle.write(NEWOBJ);
        pickle.write(EMPTY_DICT);
        pickle.write(MARK);
        byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
        pickle.write(BINUNICODE);
        pickle.writeBytes(new byte[]{(byte) key.length, 0, 0, 0});
        pickle.writeBytes(key);
        pickle.write(NEWTRUE);
        pickle.write(SETITEMS);
        pickle.write(BUILD);
        pickle.write(STOP);
        return pickle.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String path, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(path));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static void delete(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
