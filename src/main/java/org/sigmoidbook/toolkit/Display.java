package org.sigmoidbook.toolkit;

import java.awt.GraphicsEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether chart windows can be opened. Asking AWT is not enough on Linux: a DISPLAY variable that
 * names no running X server makes the first window (and every later image) fail for the whole JVM,
 * so the X server's socket is looked for before AWT is touched.
 */
public final class Display {

    private Display() {
    }

    public static boolean available() {
        if (GraphicsEnvironment.isHeadless()) {
            return false;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) {
            return true;
        }
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            return System.getenv("WAYLAND_DISPLAY") != null;
        }
        int colon = display.lastIndexOf(':');
        if (colon > 0) {
            return true; // host:display, e.g. X forwarded over SSH: trust it
        }
        String number = display.substring(colon + 1).split("\\.")[0];
        return Files.exists(Path.of("/tmp/.X11-unix/X" + number));
    }

    /** Makes the JVM headless unless windows are wanted and can be shown; call before any AWT use. */
    public static boolean configure(boolean windowsWanted) {
        boolean show = windowsWanted && available();
        if (!show) {
            System.setProperty("java.awt.headless", "true");
        }
        return show;
    }
}
