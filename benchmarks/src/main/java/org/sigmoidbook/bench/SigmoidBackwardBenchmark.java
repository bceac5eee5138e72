package org.sigmoidbook.bench;

import java.util.concurrent.TimeUnit;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SigmoidDerivative;
import org.nd4j.linalg.factory.Nd4j;
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
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/**
 * Benchmark 2, the article's efficiency claim: the backward pass dL/dz = dL/ds * sigma'(z) from the
 * cached forward output s (sigma' = s(1 - s), multiplications only) against recomputing sigma from
 * z with exp. Each pair reads two arrays and writes one, so they differ only in the arithmetic.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx6g"})
public class SigmoidBackwardBenchmark {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    @Param({"1048576", "16777216"})
    public int size;

    private float[] z;
    private float[] s;
    private float[] upstream;
    private float[] grad;
    private INDArray ndZ;
    private INDArray ndS;
    private INDArray ndUpstream;
    private INDArray ndGrad;

    @Setup
    public void setUp() {
        z = SigmoidForwardBenchmark.inputs(size, 42);
        s = new float[size];
        VectorSigmoid.apply(z, s);
        upstream = SigmoidForwardBenchmark.inputs(size, 7);
        grad = new float[size];
        ndZ = Nd4j.createFromArray(z);
        ndS = Nd4j.createFromArray(s);
        ndUpstream = Nd4j.createFromArray(upstream);
        ndGrad = Nd4j.createUninitialized(DataType.FLOAT, size);
    }

    @Benchmark
    public float[] javaFromOutput() {
        for (int i = 0; i < size; i++) {
            grad[i] = upstream[i] * s[i] * (1f - s[i]);
        }
        return grad;
    }

    @Benchmark
    public float[] javaFromInput() {
        for (int i = 0; i < size; i++) {
            float sigma = (float) (1.0 / (1.0 + Math.exp(-z[i])));
            grad[i] = upstream[i] * sigma * (1f - sigma);
        }
        return grad;
    }

    @Benchmark
    public float[] vectorFromOutput() {
        int i = 0;
        for (int bound = SPECIES.loopBound(size); i < bound; i += SPECIES.length()) {
            FloatVector out = FloatVector.fromArray(SPECIES, s, i);
            FloatVector g = FloatVector.fromArray(SPECIES, upstream, i);
            g.mul(out).mul(out.neg().add(1f)).intoArray(grad, i);
        }
        for (; i < size; i++) {
            grad[i] = upstream[i] * s[i] * (1f - s[i]);
        }
        return grad;
    }

    @Benchmark
    public float[] vectorFromInput() {
        int i = 0;
        for (int bound = SPECIES.loopBound(size); i < bound; i += SPECIES.length()) {
            FloatVector out = VectorSigmoid.sigmoid(FloatVector.fromArray(SPECIES, z, i));
            FloatVector g = FloatVector.fromArray(SPECIES, upstream, i);
            g.mul(out).mul(out.neg().add(1f)).intoArray(grad, i);
        }
        for (; i < size; i++) {
            float sigma = VectorSigmoid.of(z[i]);
            grad[i] = upstream[i] * sigma * (1f - sigma);
        }
        return grad;
    }

    /** From the cached output with ND4J ops in place: four passes over memory, no allocation. */
    @Benchmark
    public INDArray nd4jFromOutput() {
        return ndGrad.assign(ndS).rsubi(1f).muli(ndS).muli(ndUpstream);
    }

    /** What the toolkit offers: Sigmoid.derivativeFromOutput(s), then times the upstream gradient (allocates). */
    @Benchmark
    public INDArray nd4jToolkitFromOutput() {
        return Sigmoid.derivativeFromOutput(ndS).muli(ndUpstream);
    }

    /** What DL4J's sigmoid layers run: the sigmoid_bp op, which recomputes sigma from z. */
    @Benchmark
    public INDArray nd4jFromInput() {
        Nd4j.exec(new SigmoidDerivative(ndZ, ndUpstream, ndGrad));
        return ndGrad;
    }
}
