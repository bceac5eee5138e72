package org.sigmoidbook.book.run;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.knowm.xchart.XYChart;
import org.sigmoidbook.book.Chapter;
import org.sigmoidbook.book.ChapterInfo;
import org.sigmoidbook.book.Figures;
import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Results;
import org.sigmoidbook.toolkit.charts.Charts;

/**
 * A one-chapter book for the runner's tests: it records a small table, computed on the workers, and
 * a finding, draws one figure from the table, and can be told to fail after measuring (as a crash,
 * a full disk or a full heap would) or to wait half-way until released (to hold the output folder).
 * Its page shows the figure {@code curve}.
 */
@ChapterInfo(number = 1, id = "test-chapter", title = "A test chapter", summary = "writes one figure", cover = "curve")
final class FakeChapter implements Chapter {

    record Point(double x, double y) {
    }

    private final String figure;
    private final Throwable failure;
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch release;

    private FakeChapter(String figure, Throwable failure, boolean hold) {
        this.figure = figure;
        this.failure = failure;
        this.release = new CountDownLatch(hold ? 1 : 0);
    }

    static FakeChapter drawing(String figure) {
        return new FakeChapter(figure, null, false);
    }

    static FakeChapter failingAfterMeasuring(String figure) {
        return new FakeChapter(figure, new IOException("disk full (simulated)"), false);
    }

    /** Fails after measuring with {@code failure}, an exception or an error such as OutOfMemoryError. */
    static FakeChapter failingWith(Throwable failure) {
        return new FakeChapter("curve", failure, false);
    }

    /** Waits in its experiment until {@link #release()}. */
    static FakeChapter holding() {
        return new FakeChapter("curve", null, true);
    }

    Catalog book() {
        return Catalog.of(List.of(this));
    }

    void awaitStarted() throws InterruptedException {
        started.await();
    }

    void release() {
        release.countDown();
    }

    @Override
    public void measure(Lab lab) throws Exception {
        lab.table("points", lab.parallel(List.of(0, 1, 2), x -> new Point(x, x == 1 ? 3.0 + lab.seed() : 2.0 - x / 2.0)));
        lab.finding("answer", 42, "%.0f");
        started.countDown();
        release.await();
        if (failure instanceof Exception exception) {
            throw exception;
        }
        if (failure instanceof Error error) {
            throw error;
        }
    }

    @Override
    public void draw(Results results, Figures figures) throws Exception {
        List<Point> points = results.rows("points", Point.class);
        XYChart chart = Charts.xy("test", "x", "y");
        Charts.line(chart, "y", points.stream().mapToDouble(Point::x).toArray(), points.stream().mapToDouble(Point::y).toArray());
        figures.add(figure, chart);
    }
}
