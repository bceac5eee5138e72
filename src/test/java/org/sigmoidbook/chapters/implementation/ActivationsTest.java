package org.sigmoidbook.chapters.implementation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.BookTest;
import org.sigmoidbook.toolkit.torch.Autograd;
import org.sigmoidbook.toolkit.torch.Autograd.ValueAndGradient;

/** The hard sigmoid, SiLU and GELU in PyTorch against their closed forms, and the closed forms against finite differences. */
class ActivationsTest {

    @Test
    void closedFormSlopesMatchCentralDifferences() {
        double h = 1e-6;
        for (double z : new double[]{-4, -2.5, -0.5, 0.25, 1.5, 2.9, 5}) {
            assertEquals((Activations.hardsigmoid(z + h) - Activations.hardsigmoid(z - h)) / (2 * h), Activations.hardsigmoidSlope(z), 1e-9);
            assertEquals((Activations.silu(z + h) - Activations.silu(z - h)) / (2 * h), Activations.siluSlope(z), 1e-8);
            assertEquals((Activations.gelu(z + h) - Activations.gelu(z - h)) / (2 * h), Activations.geluSlope(z), 1e-8);
        }
        assertEquals(0.8413447460685429, Activations.gelu(1), 1e-15, "Φ(1), the published value");
    }

    /** PyTorch's float64 hardsigmoid gradient is float32's 1/6, the constant 1.0f / 6.0f of its backward kernel. */
    @BookTest
    void hardsigmoidSlopeInFloat64IsTheFloat32SixthInside() {
        try (TorchFunctions torch = new TorchFunctions()) {
            double[] z = {-3.5, -2.9, 0, 2.9, 3.5};
            ValueAndGradient pytorch = Autograd.of(DataType.DOUBLE, z, torch::hardsigmoid);
            assertEquals(List.of(0.0, (double) (1.0f / 6.0f), (double) (1.0f / 6.0f), (double) (1.0f / 6.0f), 0.0),
                    java.util.Arrays.stream(pytorch.gradient()).boxed().toList());
            for (int i = 0; i < z.length; i++) {
                assertEquals(Activations.hardsigmoid(z[i]), pytorch.value()[i], Math.ulp(1.0), "z = " + z[i]);
            }
        }
    }

    @BookTest
    void siluAndItsGradientAreTheClosedFormsInFloat32() {
        try (TorchFunctions torch = new TorchFunctions()) {
            double[] z = Agreement.grid(20, 4);
            ValueAndGradient pytorch = Autograd.of(DataType.FLOAT, z, torch::silu);
            for (int i = 0; i < z.length; i++) {
                assertEquals(Activations.silu(z[i]), pytorch.value()[i], 4 * Math.ulp((float) Math.max(Math.abs(z[i]), 1)), "z = " + z[i]);
                // The slope σ(1 + z(1 − σ)) rounds σ first: its error, half an ulp of 1, comes back multiplied by z.
                assertEquals(Activations.siluSlope(z[i]), pytorch.gradient()[i], 4 * Math.ulp(1f) + Math.abs(z[i]) * Math.ulp(1f) / 2,
                        "z = " + z[i]);
            }
            assertEquals(1.0, Autograd.of(DataType.FLOAT, new double[]{100}, torch::silu).gradient()[0]);
        }
    }

    /**
     * PyTorch's float32 GELU is z Φ(z) to float32 rounding, and 0 where 1 + erf(z/√2) cancels: from about
     * where Φ(z) falls below 2^−26, a quarter of float32's spacing just below 1.
     */
    @BookTest
    void geluIsZTimesPhiUntilOnePlusErfCancels() {
        double[] z = Agreement.grid(6, 16);
        double[] pytorch = Activations.pytorchGelu(DataType.FLOAT, z);
        for (int i = 0; i < z.length; i++) {
            assertEquals(Activations.gelu(z[i]), pytorch[i], 4 * Math.ulp((float) Math.max(Math.abs(z[i]), 1)), "z = " + z[i]);
        }
        double zero = Threshold.first(DataType.FLOAT, -20, -3, points -> {
            double[] values = Activations.pytorchGelu(DataType.FLOAT, points);
            boolean[] nonZero = new boolean[points.length];
            for (int i = 0; i < points.length; i++) {
                nonZero[i] = values[i] != 0;
            }
            return nonZero;
        });
        double phi = Erf.erfc(-zero / Math.sqrt(2)) / 2;
        assertTrue(phi > Math.pow(2, -28) && phi < Math.pow(2, -24), "Φ at the first non-zero GELU: " + phi + " at z = " + zero);
    }
}
