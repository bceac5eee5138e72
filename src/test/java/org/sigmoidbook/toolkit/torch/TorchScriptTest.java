package org.sigmoidbook.toolkit.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.sigmoidbook.BookTest;
import org.sigmoidbook.toolkit.numerics.ExactSigmoid;
import org.sigmoidbook.toolkit.torch.Autograd.ValueAndGradient;

/** TorchScript modules written in Java: the archive, the page's copy of the source, and what libtorch computes with them. */
class TorchScriptTest {

    /** Pickle protocol 2, opcode by opcode: PROTO 2, GLOBAL, EMPTY_TUPLE, NEWOBJ, EMPTY_DICT, MARK, BINUNICODE, NEWTRUE, SETITEMS, BUILD, STOP. */
    @Test
    void theModulesStateIsAPickleOfTrainingTrue() {
        byte[] expected = ("\u0080\u0002c__torch__\nM\n)\u0081}(X\u0008\u0000\u0000\u0000training\u0088ub.").getBytes(StandardCharsets.ISO_8859_1);
        assertArrayEquals(expected, TorchScript.pickledModule("M"));
    }

    @Test
    void theArchiveHoldsCodeStateConstantsAndVersionInOneFolder(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("M.pt");
        TorchScript.write(file, "M", TorchScript.source("M", "z: Tensor", "torch.sigmoid(z)"));
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        assertEquals(List.of("M/data.pkl", "M/code/__torch__.py", "M/constants.pkl", "M/version"), names);
    }

    /** The page shows the log-sigmoid module: it must be the source this class compiles. */
    @Test
    void thePageShowsTheSourceThatRuns() throws IOException {
        try (InputStream in = TorchScriptTest.class.getResourceAsStream("/notes/06-implementation.md")) {
            String page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String source = TorchScript.source("LogSigmoid", "z: Tensor", "torch.log_sigmoid(z)");
            assertTrue(page.contains("```\n" + source + "```\n"), source);
        }
    }

    /** torch.log_sigmoid through the module: log σ(z) = −softplus(−z), and its gradient σ(−z), in float64. */
    @BookTest
    void logSigmoidModuleComputesTheClosedFormWithAutograd() {
        double[] z = {-100, -20, -1, 0, 0.5, 3, 40, 100};
        try (TorchScript logSigmoid = TorchScript.of("LogSigmoid", "z: Tensor", "torch.log_sigmoid(z)")) {
            ValueAndGradient result = Autograd.of(DataType.DOUBLE, z, logSigmoid::apply);
            for (int i = 0; i < z.length; i++) {
                double exact = ExactSigmoid.logSigmoid(z[i]);
                assertEquals(exact, result.value()[i], 2 * Math.ulp(exact), "z = " + z[i]);
                double slope = ExactSigmoid.of(-z[i]);
                assertEquals(slope, result.gradient()[i], 2 * Math.ulp(slope), "z = " + z[i]);
            }
        }
    }

    @BookTest
    void aModuleLibtorchCannotCompileFailsWithItsSource() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> TorchScript.of("Broken", "z: Tensor", "torch.no_such_operator(z)"));
        assertTrue(failure.getMessage().contains("torch.no_such_operator(z)"), failure.getMessage());
    }
}
