package org.sigmoidbook.chapters.equation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sigmoidbook.ChapterData;
import org.sigmoidbook.book.Finding;
import org.sigmoidbook.chapters.equation.EquationChapter.SeedRun;

/** The committed results that chapter 1's page is written from, against what the page says of them. */
class EquationCommittedTest {

    private static final ChapterData COMMITTED = ChapterData.committed("equation");

    private static Finding finding(String name) {
        return COMMITTED.results().get(name);
    }

    /** "The binomial interval is the wider one": Wilson's interval on the chapter's seed against the t interval over seeds. */
    @Test
    void theHeldOutDigitsLimitTheAccuracyMoreThanTheSeed() {
        Finding oneSeed = finding("held-out accuracy (P >= 0.5 means 9)");
        Finding overSeeds = finding("held-out accuracy over seeds");
        assertTrue(oneSeed.high() - oneSeed.low() > overSeeds.high() - overSeeds.low(), oneSeed + "; " + overSeeds);
        List<SeedRun> seeds = COMMITTED.rows("classifier-seeds", SeedRun.class);
        assertEquals(EquationChapter.SEEDS, seeds.size());
        assertEquals(EquationChapter.SEEDS, overSeeds.seeds());
        for (SeedRun seed : seeds) {
            assertTrue(oneSeed.low() <= seed.heldoutAccuracy() && seed.heldoutAccuracy() <= oneSeed.high(),
                    "every seed inside the chapter's seed's binomial interval: " + seed);
        }
    }

    /**
     * "Cannot be told apart from perfect calibration plus noise": the measured ECE inside the middle 95%
     * of the ECEs of labels drawn from the predictions; and the bootstrap interval "mostly above" it.
     */
    @Test
    void theCalibrationErrorIsWithinItsNoise() {
        Finding ece = finding("expected calibration error (10 bins)");
        String noise = COMMITTED.text("ECE of the same predictions with labels drawn from them");
        String range = noise.substring(noise.indexOf("95% of them ") + "95% of them ".length(), noise.length() - 1);
        double low = Double.parseDouble(range.substring(0, range.indexOf('–')));
        double high = Double.parseDouble(range.substring(range.indexOf('–') + 1));
        assertTrue(low <= ece.value() && ece.value() <= high, ece.value() + " outside " + noise);
        assertTrue(ece.high() - ece.value() > ece.value() - ece.low(), "the bootstrap interval lies mostly above: " + ece);
        assertTrue(noise.contains("median of " + EquationChapter.RESAMPLES + " draws"), noise);
    }

    /** "Most bins hold only a handful of digits", and the two end bins most of them. */
    @Test
    void mostBinsHoldAHandfulOfDigits() {
        List<Calibration.Bin> bins = COMMITTED.rows("reliability", Calibration.Bin.class).stream().filter(b -> b.count() > 0).toList();
        long handful = bins.stream().filter(b -> b.count() <= 12).count();
        assertTrue(handful > bins.size() / 2, bins.toString());
        int total = bins.stream().mapToInt(Calibration.Bin::count).sum();
        assertTrue(bins.get(0).count() + bins.get(bins.size() - 1).count() > 0.8 * total);
    }
}
