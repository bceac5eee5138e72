package org.sigmoidbook.book.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.sigmoidbook.BookTest;
import org.sigmoidbook.runtime.ProjectRoot;

/**
 * --show against a real X server (Xvfb): the chapter's charts open in windows, closing one window
 * leaves the others open, and the program ends when the last is closed. Skipped, saying so, where
 * Xvfb is not installed; under CI=true that is a failure (.ci/run installs it).
 */
class WindowsTest {

    private static final Path ROOT = ProjectRoot.get();

    @BookTest
    void showOpensTheChaptersChartsAndTheRunEndsWhenTheWindowsAreClosed(@TempDir Path temp) throws Exception {
        requireXvfb();
        int display = freeDisplay();
        Process xvfb = new ProcessBuilder("Xvfb", ":" + display, "-screen", "0", "1400x1000x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(temp.resolve("xvfb.log").toFile()).start();
        try {
            waitForSocket(display);
            Path screenshot = ROOT.resolve("target").resolve("windows-screenshot.png");
            Files.createDirectories(screenshot.getParent());
            Path out = temp.resolve("out");
            copyCommittedTables("equation", out);
            String classpath = String.join(File.pathSeparator, ROOT.resolve("target/test-classes").toString(),
                    ROOT.resolve("target/classes").toString(), Files.readString(ROOT.resolve("target/classpath.txt")).strip());
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classpath, "org.sigmoidbook.book.run.WindowProbe", "equation", out.toString(), screenshot.toString(), "3"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("DISPLAY", ":" + display);
            Process probe = builder.start();
            String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(probe.waitFor(4, TimeUnit.MINUTES), "the program did not end after its windows were closed:\n" + output);
            assertEquals(0, probe.exitValue(), output);
            assertTrue(output.contains("windows: 3"), output);
            assertTrue(output.contains("title: The sigmoid squashes every z into (0, 1)"), output);
            assertTrue(output.contains("title: Held-out predictions"), output);
            assertTrue(output.contains("closed one, still open: 2") && output.contains("closed one, still open: 0"),
                    "closing one window must leave the others open:\n" + output);
            BufferedImage shot = ImageIO.read(screenshot.toFile());
            assertTrue(inkedFraction(shot) > 0.01, "the screenshot of the display shows a chart");
        } finally {
            xvfb.destroy();
            xvfb.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void requireXvfb() throws IOException, InterruptedException {
        boolean present = new ProcessBuilder("sh", "-c", "command -v Xvfb").start().waitFor() == 0;
        if (!present) {
            String message = "WindowsTest needs Xvfb (Debian package xvfb) to open real windows";
            if ("true".equals(System.getenv("CI"))) {
                fail(message + "; .ci/run installs it");
            }
            System.out.println("SKIPPED " + message);
            Assumptions.abort(message);
        }
    }

    private static int freeDisplay() {
        for (int display = 91; display < 200; display++) {
            if (!Files.exists(Path.of("/tmp/.X11-unix/X" + display)) && !Files.exists(Path.of("/tmp/.X" + display + "-lock"))) {
                return display;
            }
        }
        throw new IllegalStateException("no free X display number");
    }

    private static void waitForSocket(int display) throws InterruptedException {
        Path socket = Path.of("/tmp/.X11-unix/X" + display);
        for (int i = 0; i < 100 && !Files.exists(socket); i++) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(socket), "Xvfb did not start on :" + display);
    }

    private static double inkedFraction(BufferedImage image) {
        long inked = 0;
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                inked += rgb != 0xFFFFFF && rgb != 0 ? 1 : 0;
            }
        }
        return inked / ((image.getWidth() / 4.0) * (image.getHeight() / 4.0));
    }

    /** The probe redraws the chapter from its committed tables (--replot): the windows are what is tested, not training. */
    private static void copyCommittedTables(String chapter, Path out) throws IOException {
        Path from = ROOT.resolve("data").resolve(chapter);
        Path to = Files.createDirectories(out.resolve("data").resolve(chapter));
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
