package org.sigmoidbook.toolkit.torch;

import java.util.Locale;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.runtime.Backend;

/**
 * PyTorch in this JVM: libtorch through DJL's PyTorch engine, offline. libtorch comes from the
 * {@code pytorch-native-cpu} jar that the build chose for this platform (pom.xml, the profiles
 * {@code libtorch-*}); DJL copies it out of the jar into its cache folder on first use
 * ({@code ~/.djl.ai/pytorch}, or {@code $DJL_CACHE_DIR/pytorch}, or {@code $ENGINE_CACHE_DIR}) and
 * downloads nothing. Where the build has no libtorch, or it cannot load, {@link #start()} says so in
 * one line and everything that does not need PyTorch goes on.
 * <p>
 * Threads: like ND4J in the book, libtorch runs each op on one thread unless {@code OMP_NUM_THREADS}
 * (which libtorch reads itself) or {@code -Dsigmoidbook.threads=N} says otherwise.
 */
public final class Torch {

    public static final String ENGINE = "PyTorch";
    static final String OFFLINE = "ai.djl.offline";
    static final String THREADS = "ai.djl.pytorch.num_threads";
    static final String INTEROP_THREADS = "ai.djl.pytorch.num_interop_threads";
    static final String PLATFORMS = "linux-x86_64, linux-aarch64, osx-aarch64 and win-x86_64";

    private static Start started;

    private Torch() {
    }

    /** The outcome of starting libtorch: its version, or what went wrong in one line. */
    public record Start(String version, String problem) {
        public boolean available() {
            return problem == null;
        }
    }

    /** Starts libtorch once per JVM (seconds; the first time also copies it to DJL's cache) and says how it went. */
    public static synchronized Start start() {
        if (started == null) {
            started = load();
        }
        return started;
    }

    public static boolean available() {
        return start().available();
    }

    /** libtorch's version, such as "2.7.1"; only when {@link #available()}. */
    public static String version() {
        Start start = start();
        if (!start.available()) {
            throw new IllegalStateException(start.problem());
        }
        return start.version();
    }

    /** A manager for PyTorch arrays on the CPU: close it to free them. */
    public static NDManager manager() {
        version();
        return NDManager.newBaseManager(Device.cpu(), ENGINE);
    }

    /** {@code values} as a PyTorch tensor of ND4J's {@code type} (FLOAT: float32, DOUBLE: float64). */
    public static NDArray tensor(NDManager manager, DataType type, double... values) {
        return switch (type) {
            case FLOAT -> {
                float[] floats = new float[values.length];
                for (int i = 0; i < values.length; i++) {
                    floats[i] = (float) values[i];
                }
                yield manager.create(floats);
            }
            case DOUBLE -> manager.create(values.clone());
            default -> throw new IllegalArgumentException("PyTorch comparisons are in FLOAT or DOUBLE, not " + type);
        };
    }

    /** A tensor's values as doubles, exactly as its float32 or float64 elements hold them. */
    public static double[] values(NDArray array) {
        return array.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
    }

    private static Start load() {
        if (System.getProperty(OFFLINE) == null) {
            System.setProperty(OFFLINE, "true");
        }
        Integer threads = Backend.threads(System.getenv(), System.getProperty(Backend.THREADS_PROPERTY));
        if (threads != null) {
            for (String property : new String[]{THREADS, INTEROP_THREADS}) {
                if (System.getProperty(property) == null) {
                    System.setProperty(property, threads.toString());
                }
            }
        }
        try {
            return new Start(Engine.getEngine(ENGINE).getVersion(), null);
        } catch (Exception | LinkageError e) {
            return new Start(null, problem(e));
        }
    }

    /** What to tell the reader when libtorch did not start: the innermost cause, the platforms the build covers. */
    static String problem(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String cause = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().lines().findFirst().orElse("");
        return String.format(Locale.ROOT, "PyTorch did not run: DJL could not start libtorch on %s/%s (%s); the build brings libtorch "
                + "for %s, and the rest of the book runs without it", System.getProperty("os.name"), System.getProperty("os.arch"),
                cause, PLATFORMS);
    }
}
