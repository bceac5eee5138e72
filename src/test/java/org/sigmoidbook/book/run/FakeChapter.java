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
 * A one-chapter book for the runner's tests: it records a small table and a finding, draws one
 * figure from the table, and can be told to fail after measuring (as a crash or a full disk would)
 * or to wait half-way until released (to hold the output folder).
 */
@ChapterInfo(number = 1, id = "test-chapter", title = "A test chapter", summary = "writes one figure", cover = "curve")
final class FakeChapter implements Chapter {

    record Point(double x, double y) {
    }

    private final String figure;
    private final boolean fail;
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch release;

    private FakeChapter(String figure, boolean fail, boolean hold) {
        this.figure = figure;
        this.fail = fail;
        this.release = new CountDownLatch(hold ? 1 : 0);
    }

    static FakeChapter drawing(String figure) {
        return new FakeChapter(figure, false, false);
    }

    static FakeChapter failingAfterMeasuring(String figure) {
        return new FakeChapter(figure, true, false);
    }

    /** Waits in its experiment until {@link #release()}. */
    static FakeChapter holding() {
        return new FakeChapter("curve", false, true);
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
        lab.table("points", List.of(new Point(0.0, 2.0), new Point(1.0, 3.0 + lab.seed())));
        lab.finding("answer", 42, "%.0f");
        started.countDown();
        release.await();
        if (fail) {
            throw new IOException("disk full (simulated)");
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
