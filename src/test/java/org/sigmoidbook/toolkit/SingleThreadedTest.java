package org.sigmoidbook.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

class SingleThreadedTest {

    private static int[] settings() {
        return new int[]{Nd4j.getEnvironment().maxMasterThreads(),
                NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads(),
                Nd4j.factory().blas().getMaxThreads()};
    }

    @Test
    void runsOnOneThreadAndRestoresThePreviousSettings() {
        int[] before = settings();
        try (SingleThreaded ignored = SingleThreaded.start()) {
            assertEquals(1, settings()[0], "master threads");
            assertEquals(1, settings()[1], "OpenMP threads");
            assertEquals(1, settings()[2], "BLAS threads");
        }
        int[] after = settings();
        for (int i = 0; i < before.length; i++) {
            assertEquals(before[i], after[i], "setting " + i);
        }
    }
}
