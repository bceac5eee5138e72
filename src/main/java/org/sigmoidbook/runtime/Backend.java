package org.sigmoidbook.runtime;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Starts ND4J's backend when the book starts, so that a backend that cannot load (the CUDA one,
 * chosen with {@code -Pcuda}, on a machine without a usable GPU) stops the book with a message that
 * says how to go back to the CPU backend instead of a stack trace, and sets ND4J's thread count.
 * <p>
 * Threads: the book's networks are small, and on the 2-core machines it is written on ND4J's default
 * (one OpenMP thread per core) made a minibatch update several times slower than one thread, the
 * threads spinning in each other's way (benchmarks/RESULTS.md). So the book runs ND4J on one thread
 * unless {@code OMP_NUM_THREADS} is set (ND4J then follows it) or {@code -Dsigmoidbook.threads=N} asks
 * for N.
 */
public final class Backend {

    public static final String THREADS_PROPERTY = "sigmoidbook.threads";
    static final String RESIDENT_LIMIT_PROPERTY = "org.bytedeco.javacpp.maxPhysicalBytes";
    static final String CUDA_BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";
    /** The first line of a printed stack trace: "java.lang.SomeError: message". */
    private static final Pattern POSITIVE = Pattern.compile("[1-9][0-9]*");
    private static final Pattern FIRST_ERROR = Pattern.compile("(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Error|Exception): .+");

    private static volatile Integer threadsPerOperation;
    private static volatile Thread loader;

    private Backend() {
    }

    /**
     * JavaCPP, under ND4J, reads the process's resident memory from the operating system at every
     * native allocation, to call the garbage collector when it passes a limit that defaults to four
     * times the Java heap. ND4J allocates for nearly every op, and the reading cost the quick book
     * about an eighth of its time (benchmarks/RESULTS.md, section 5). Switching the check off leaves
     * JavaCPP's limit on the bytes it allocated itself in place. A value given with -D wins. Must run
     * before ND4J loads.
     */
    public static void skipResidentMemoryCheck() {
        boolean given = System.getProperty(RESIDENT_LIMIT_PROPERTY) != null
                || System.getProperty(RESIDENT_LIMIT_PROPERTY.toLowerCase(Locale.ROOT)) != null;
        if (!given) {
            System.setProperty(RESIDENT_LIMIT_PROPERTY, "0");
        }
    }

    /**
     * ND4J's native library reads OMP_NUM_THREADS when it loads: 0 made it compute wrong results
     * (every output 0), -1 crashed it, and " 2" passed a check that trimmed it and then failed in
     * ND4J's own parsing. Only a positive whole number written in digits alone may reach it, and the
     * same holds for {@value #THREADS_PROPERTY}. Null when both are unset or fine, else what to tell
     * the reader.
     */
    public static String threadsProblem(Map<String, String> environment, String property) {
        String variable = environment.get("OMP_NUM_THREADS");
        if (variable != null && !positiveWholeNumber(variable)) {
            return "the environment variable OMP_NUM_THREADS must be a positive whole number in digits, such as 2, not '" + variable
                    + "'; unset it to let the book choose";
        }
        if (property != null && !positiveWholeNumber(property)) {
            return "-D" + THREADS_PROPERTY + " must be a positive whole number in digits, such as 2, not '" + property
                    + "'; leave it out to let the book choose";
        }
        return null;
    }

    private static boolean positiveWholeNumber(String text) {
        if (!POSITIVE.matcher(text).matches()) {
            return false;
        }
        try {
            Integer.parseInt(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Loads the backend and sets its threads; null when all is well, else the message to print. */
    public static String start() {
        String threadsProblem = threadsProblem(System.getenv(), System.getProperty(THREADS_PROPERTY));
        if (threadsProblem != null) {
            return threadsProblem;
        }
        boolean cuda = onClasspath(CUDA_BACKEND_CLASS);
        // A backend that fails to load prints its own stack trace to System.err (the CUDA one does);
        // hold that back and keep only the line that says what went wrong.
        PrintStream console = System.err;
        ByteArrayOutputStream held = new ByteArrayOutputStream();
        Throwable failure = null;
        System.setErr(new PrintStream(held, true, StandardCharsets.UTF_8));
        try {
            Nd4j.getBackend();
        } catch (Exception | LinkageError e) {
            failure = e;
        } finally {
            System.setErr(console);
        }
        String log = held.toString(StandardCharsets.UTF_8);
        if (failure != null) {
            return failureMessage(failure, cuda, log);
        }
        console.print(log);
        Integer threads = threads(System.getenv(), System.getProperty(THREADS_PROPERTY));
        if (threads != null && !cuda) {
            setThreads(threads);
            threadsPerOperation = threads;
        }
        return null;
    }

    /**
     * OpenMP keeps its thread count per thread: the count {@link #start} set holds for the thread
     * that called it, and every other thread would run its ops on one OpenMP thread per core (2.5×
     * slower on a small network here, measured). Every thread that computes with ND4J calls this
     * first (after a start in the background has finished); it does nothing when the count is left to
     * OMP_NUM_THREADS or the backend did not start.
     */
    public static void configureCurrentThread() {
        Thread starting = loader;
        if (starting != null) {
            try {
                starting.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        Integer threads = threadsPerOperation;
        if (threads != null) {
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        }
    }

    /**
     * For JShell: starts the backend on a daemon thread, so that its native libraries (a second or
     * more) load while JShell is still compiling the next snippets or the reader is typing. A cell
     * that uses ND4J meanwhile waits for the load to finish. A backend that cannot start says so on
     * System.err.
     */
    public static void startInBackground() {
        Thread starting = new Thread(() -> {
            String problem = start();
            if (problem != null) {
                System.err.println("error: " + problem);
            }
        }, "nd4j-start");
        starting.setDaemon(true);
        loader = starting;
        starting.start();
    }

    /**
     * What to tell the reader when the backend could not load: the first error named in what the
     * backend printed while loading ({@code log}), else the innermost cause of {@code failure}; no
     * stack trace; and the way back to the CPU backend.
     */
    public static String failureMessage(Throwable failure, boolean cuda, String log) {
        String cause = log.lines().map(String::strip).filter(line -> FIRST_ERROR.matcher(line).matches())
                .findFirst().orElse(rootCause(failure));
        if (cuda) {
            return "ND4J's CUDA backend (nd4j-cuda-11.6, chosen with -Pcuda) could not start on this machine: " + cause + "\n"
                    + "It needs an NVIDIA GPU and a CUDA 11.6 driver (-Pcuda,cuda-redist bundles the CUDA runtime, not the driver).\n"
                    + "To run the book on the CPU backend instead, run the same command without -Pcuda, for example:\n"
                    + "  mvn -q compile exec:java";
        }
        return "ND4J's CPU backend (nd4j-native) could not start: " + cause + "\n"
                + "Its native libraries are unpacked into ~/.javacpp/cache on first use; check that this folder is writable "
                + "and that the nd4j-native jar for this platform was downloaded (mvn -q dependency:resolve).";
    }

    /**
     * The ND4J thread count the book should set: null to leave ND4J alone (OMP_NUM_THREADS given),
     * the {@value #THREADS_PROPERTY} property when given, else 1. Throws where {@link #threadsProblem} finds one.
     */
    public static Integer threads(Map<String, String> environment, String property) {
        String problem = threadsProblem(environment, property);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (property != null) {
            return Integer.parseInt(property);
        }
        return environment.containsKey("OMP_NUM_THREADS") ? null : 1;
    }

    /** Sets every ND4J thread knob on the CPU backend: OpenMP threads for its own ops, OpenBLAS's for matrix products. */
    public static void setThreads(int threads) {
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    }

    /** The backend in one line, such as "ND4J Cpu, FLOAT, 1 thread per operation". */
    public static String describe() {
        String name = Nd4j.getBackend().getClass().getSimpleName().replace("Backend", "");
        int threads = Nd4j.getEnvironment().maxMasterThreads();
        return String.format(Locale.ROOT, "ND4J %s, %s, %d thread%s per operation", name, Nd4j.dataType(), threads,
                threads == 1 ? "" : "s");
    }

    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String text = root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return text.lines().findFirst().orElse(text);
    }

    private static boolean onClasspath(String className) {
        try {
            Class.forName(className, false, Backend.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
