package org.sigmoidbook.runtime;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether chart windows can be opened, decided before anything touches AWT. On Linux a DISPLAY that
 * names no running X server makes the first window, and then every image AWT draws, fail for the
 * whole JVM; and AWT fixes its headless state the first time it is asked. So the X server is
 * looked for here (its socket must accept a connection), and without one the JVM is made headless
 * before AWT is asked anything.
 */
public final class Display {

    private static final String HEADLESS = "java.awt.headless";

    private Display() {
    }

    /** Makes the JVM headless unless windows are wanted and can be shown. Call before any AWT use. */
    public static boolean configure(boolean windowsWanted) {
        boolean show = windowsWanted && available();
        if (!show) {
            System.setProperty(HEADLESS, "true");
        }
        return show;
    }

    /** Whether a window could be shown, without asking AWT. */
    public static boolean available() {
        if ("true".equalsIgnoreCase(System.getProperty(HEADLESS))) {
            return false;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) {
            return true;
        }
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            return false;
        }
        int colon = display.lastIndexOf(':');
        if (colon > 0) {
            return true; // host:display, an X server over the network (SSH forwarding): trust it
        }
        String number = display.substring(colon + 1).split("\\.")[0];
        return number.matches("\\d+") && accepts(Path.of("/tmp/.X11-unix/X" + number));
    }

    /** Why windows cannot be shown, for the one line that says so. */
    public static String whyNot() {
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            return "no DISPLAY is set";
        }
        return "DISPLAY=" + display + " names no running X server";
    }

    private static boolean accepts(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
