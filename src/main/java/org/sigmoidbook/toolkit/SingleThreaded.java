package org.sigmoidbook.toolkit;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Runs ND4J on one thread until closed, then restores the previous settings:
 * <pre>{@code try (SingleThreaded ignored = SingleThreaded.start()) { ... } }</pre>
 * For the book's small networks (a few dozen units) a second OpenMP thread costs more in
 * synchronisation than it saves, and on a busy machine its spinning makes things far worse:
 * a full-batch step of a [784,30,30,30,30,10] network on 1,000 images took about 20 ms on one
 * thread and 40 to 330 ms on two, on the shared 2-core development machine. This has the effect of
 * OMP_NUM_THREADS=1, which can only be set before the JVM starts.
 */
public final class SingleThreaded implements AutoCloseable {

    private final int masterThreads;
    private final int ompThreads;
    private final int blasThreads;

    private SingleThreaded() {
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        masterThreads = Nd4j.getEnvironment().maxMasterThreads();
        ompThreads = ops.ompGetMaxThreads();
        blasThreads = Nd4j.factory().blas().getMaxThreads();
        set(1, 1, 1);
    }

    public static SingleThreaded start() {
        return new SingleThreaded();
    }

    @Override
    public void close() {
        set(masterThreads, ompThreads, blasThreads);
    }

    private static void set(int master, int omp, int blas) {
        Nd4j.getEnvironment().setMaxMasterThreads(master);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(omp);
        Nd4j.factory().blas().setMaxThreads(blas);
    }
}
