package org.sigmoidbook.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 1: sigma(x) over n floats (read n, write n) against a plain copy of the same arrays,
 * which moves the same bytes and is the memory-bandwidth limit. Every method writes into a
 * preallocated output, except nd4jTransformsSigmoid, which is what the toolkit's Sigmoid.forward calls.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// Generous warm-up: on a busy machine the JIT needs a while before the worker threads run compiled vector code.
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx6g"})
public class SigmoidForwardBenchmark {

    @Param({"1048576", "16777216"})
    public int size;

    private float[] in;
    private float[] out;
    private INDArray ndIn;
    private INDArray ndOut;

    @Setup
    public void setUp() {
        in = inputs(size, 42);
        out = new float[size];
        ndIn = Nd4j.createFromArray(in);
        ndOut = Nd4j.createUninitialized(DataType.FLOAT, size);
    }

    /** Pre-activations as a trained network sees them: mostly within a few units of 0. */
    static float[] inputs(int size, long seed) {
        Random random = new Random(seed);
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) (4 * random.nextGaussian());
        }
        return values;
    }

    @Benchmark
    public float[] copy() {
        System.arraycopy(in, 0, out, 0, size);
        return out;
    }

    /** The same slices on the same threads as vectorParallel. */
    @Benchmark
    public float[] copyParallel() {
        Slices.run(size, 16, (from, to) -> System.arraycopy(in, from, out, from, to - from));
        return out;
    }

    @Benchmark
    public INDArray nd4jCopy() {
        return ndOut.assign(ndIn);
    }

    @Benchmark
    public INDArray nd4jSigmoid() {
        return Nd4j.exec(new Sigmoid(ndIn, ndOut));
    }

    @Benchmark
    public INDArray nd4jTransformsSigmoid() {
        return Transforms.sigmoid(ndIn, true);
    }

    @Benchmark
    public float[] javaLoop() {
        for (int i = 0; i < size; i++) {
            out[i] = (float) (1.0 / (1.0 + Math.exp(-in[i])));
        }
        return out;
    }

    @Benchmark
    public float[] vector() {
        VectorSigmoid.apply(in, out);
        return out;
    }

    @Benchmark
    public float[] vectorParallel() {
        VectorSigmoid.applyParallel(in, out);
        return out;
    }
}
