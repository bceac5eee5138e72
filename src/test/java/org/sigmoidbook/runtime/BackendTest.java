package org.sigmoidbook.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class BackendTest {

    /** What ND4J throws on a machine without a GPU, as far as the message is concerned: a link error deep in the causes. */
    private static Throwable simulatedCudaFailure() {
        UnsatisfiedLinkError link = new UnsatisfiedLinkError("no jnicudart in java.library.path: /usr/java/packages/lib");
        RuntimeException load = new RuntimeException("Could not load backend", new RuntimeException("jcublas", link));
        return new ExceptionInInitializerError(load);
    }

    /** The start of what nd4j-cuda-11.6 printed here, on a machine without a GPU, before giving up. */
    private static final String CUDA_LOG = """
            java.lang.UnsatisfiedLinkError: /root/.javacpp/cache/cuda-11.6-8.3-1.5.7-linux-x86_64.jar/org/bytedeco/cuda/linux-x86_64/libjnicudart.so: libcuda.so.1: cannot open shared object file: No such file or directory
            	at java.base/jdk.internal.loader.NativeLibraries.load(Native Method)
            	at org.nd4j.linalg.jcublas.JCublasBackend.canRun(JCublasBackend.java:66)
            14:12:07.414 WARN  org.nd4j.linalg.factory.Nd4jBackend - Skipped [JCublasBackend] backend (unavailable)
            """;

    @Test
    void aCudaFailureSaysWhyAndHowToGoBackToTheCpuWithoutAStackTrace() {
        String message = Backend.failureMessage(simulatedCudaFailure(), true, CUDA_LOG);
        assertTrue(message.startsWith("ND4J's CUDA backend"), message);
        assertTrue(message.contains("java.lang.UnsatisfiedLinkError: /root/.javacpp/cache/"), message);
        assertTrue(message.contains("libcuda.so.1: cannot open shared object file"), message);
        assertTrue(message.contains("without -Pcuda"), message);
        assertTrue(message.contains("mvn -q compile exec:java"), message);
        assertFalse(message.contains("\tat ") || message.contains("at org."), message);
        assertTrue(message.lines().count() <= 5, message);
    }

    @Test
    void withoutAPrintedErrorTheInnermostCauseIsNamed() {
        String message = Backend.failureMessage(simulatedCudaFailure(), true, "");
        assertTrue(message.contains("UnsatisfiedLinkError: no jnicudart in java.library.path"), message);
    }

    @Test
    void aCpuFailureDoesNotTalkAboutCuda() {
        String message = Backend.failureMessage(new ExceptionInInitializerError(new UnsatisfiedLinkError("libnd4jcpu.so: cannot open")), false, "");
        assertTrue(message.startsWith("ND4J's CPU backend"), message);
        assertTrue(message.contains("libnd4jcpu.so: cannot open"), message);
        assertFalse(message.contains("CUDA"), message);
    }

    @Test
    void theBookRunsOneNd4jThreadUnlessToldOtherwise() {
        assertEquals(1, Backend.threads(Map.of(), null));
        assertNull(Backend.threads(Map.of("OMP_NUM_THREADS", "2"), null), "OMP_NUM_THREADS is left to ND4J");
        assertEquals(3, Backend.threads(Map.of("OMP_NUM_THREADS", "2"), "3"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Backend.threads(Map.of(), "many"));
        assertTrue(bad.getMessage().contains("-Dsigmoidbook.threads"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Backend.threads(Map.of(), "0"));
    }

    /** On this machine the CPU backend loads; the runner's banner must then name it and the threads really set. */
    @Test
    void startLoadsTheCpuBackendAndTheBannerReportsTheThreadsInUse() {
        assertNull(Backend.start());
        Integer expected = Backend.threads(System.getenv(), System.getProperty(Backend.THREADS_PROPERTY));
        String banner = Backend.describe();
        assertTrue(banner.startsWith("ND4J Cpu, "), banner);
        int inUse = Nd4j.getEnvironment().maxMasterThreads();
        if (expected != null) {
            assertEquals((int) expected, inUse);
        }
        assertTrue(banner.endsWith(", " + inUse + (inUse == 1 ? " thread" : " threads") + " per operation"), banner);
    }

    @Test
    void theResidentMemoryCheckIsSwitchedOffUnlessTheReaderSetItThemselves() {
        String property = Backend.RESIDENT_LIMIT_PROPERTY;
        String before = System.getProperty(property);
        try {
            System.clearProperty(property);
            Backend.skipResidentMemoryCheck();
            assertEquals("0", System.getProperty(property));
            System.setProperty(property, "8g");
            Backend.skipResidentMemoryCheck();
            assertEquals("8g", System.getProperty(property));
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
    }
}
