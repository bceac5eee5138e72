package org.sigmoidbook.book.run;

import java.awt.EventQueue;
import java.awt.Frame;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.event.WindowEvent;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;

import org.sigmoidbook.Book;

/**
 * Redraws one chapter from the tables in its output folder with --show on a real X display (started by {@link WindowsTest}), then does what
 * a reader does: looks at the windows (a screenshot) and closes them one by one. Prints what it saw;
 * the program must then end by itself.
 */
final class WindowProbe {

    private WindowProbe() {
    }

    public static void main(String[] args) throws Exception {
        String chapter = args[0];
        Path out = Path.of(args[1]);
        Path screenshot = Path.of(args[2]);
        int expected = Integer.parseInt(args[3]);
        Thread book = new Thread(() -> Book.main(new String[]{chapter, "--replot", "--show", "--out", out.toString()}), "book");
        book.start();
        book.join();
        List<Frame> frames = showing();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (frames.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
            frames = showing();
        }
        System.out.println("windows: " + frames.size());
        frames.forEach(frame -> System.out.println("title: " + frame.getTitle()));
        Thread.sleep(1000);
        BufferedImage shot = new Robot().createScreenCapture(new Rectangle(Toolkit.getDefaultToolkit().getScreenSize()));
        ImageIO.write(shot, "png", screenshot.toFile());
        for (int i = 0; i < frames.size(); i++) {
            Frame frame = frames.get(i);
            EventQueue.invokeAndWait(() -> frame.dispatchEvent(new WindowEvent(frame, WindowEvent.WINDOW_CLOSING)));
            System.out.println("closed one, still open: " + showing().size());
        }
    }

    private static List<Frame> showing() {
        return Arrays.stream(Frame.getFrames()).filter(Frame::isShowing).toList();
    }
}
