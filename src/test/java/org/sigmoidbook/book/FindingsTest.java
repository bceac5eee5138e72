package org.sigmoidbook.book;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sigmoidbook.book.Finding.Basis;
import org.sigmoidbook.toolkit.numerics.Intervals.Interval;

/** What a page prints for a finding: the digits its interval supports, and what it rests on. */
class FindingsTest {

    private static Lab lab() {
        return new Lab("test", 42, false, null);
    }

    @Test
    void oneSeedKeepsThreeSignificantDigitsAndSaysSo() {
        Lab lab = lab();
        assertEquals("0.969 (one seed)", lab.oneSeed("a", 0.9693877551).text());
        assertEquals("1030 (one seed)", lab.oneSeed("b", 1032.7).text());
        assertEquals("2.33 (one seed)", lab.oneSeed("c", 2.3287).text());
        assertEquals("55300 (one seed)", lab.oneSeed("d", 55286).text());
        Finding finding = lab.oneSeed("e", 0.25);
        assertEquals(Basis.ONE_SEED, finding.basis());
        assertEquals(1, finding.seeds());
    }

    /** Mean 0.95, t(4) interval 0.9402-0.9598: width 0.0196, so the centre to 2 decimals and the ends to 3. */
    @Test
    void overSeedsGivesTheMeanToTheDigitsItsIntervalSupports() {
        Finding finding = lab().overSeeds("accuracy", new double[]{0.95, 0.96, 0.94, 0.955, 0.945});
        assertEquals("0.95 (95% CI 0.940–0.960, 5 seeds)", finding.text());
        assertEquals(Basis.SEEDS_MEAN, finding.basis());
        assertEquals(5, finding.n());
        assertEquals(5, finding.seeds());
    }

    /** A range of 300 supports hundreds in the centre and tens at the ends. */
    @Test
    void medianOverSeedsRoundsLargeNumbersToWhatTheRangeSupports() {
        assertEquals("1000 (median of 5 seeds, range 900–1200)",
                lab().medianOverSeeds("epochs", new double[]{1100, 900, 1032.7, 1200, 1000}).text());
        assertEquals("0.500 (median of 3 seeds, range 0.500–0.500)",
                lab().medianOverSeeds("chance", new double[]{0.5, 0.5, 0.5}).text(), "no spread: three significant digits");
    }

    /** 380 of 392: Wilson's interval 0.9473-0.9824, width 0.035. */
    @Test
    void proportionCarriesItsBinomialInterval() {
        Finding finding = lab().proportion("accuracy", 380, 392, 1);
        assertEquals("0.97 (380 of 392, 95% CI 0.947–0.982; one seed)", finding.text());
        assertEquals(Basis.BINOMIAL, finding.basis());
        assertEquals(0.9472617558996589, finding.low(), 1e-12);
        assertEquals(392, finding.n());
        assertEquals("0.95 (1900 of 2000, 95% CI 0.940–0.959; 5 seeds pooled)", lab().proportion("pooled", 1900, 2000, 5).text());
    }

    /** A narrow interval from one seed is still cut to three significant digits. */
    @Test
    void oneSeedIntervalsNeverShowMoreThanThreeSignificantDigits() {
        Finding finding = lab().bootstrap("ece", new Interval(0.0228, 0.0191, 0.0452), 2000, 1);
        assertEquals("0.02 (bootstrap 95% CI 0.019–0.045; one seed)", finding.text());
        assertEquals("0.999 (999000 of 999500, 95% CI 0.999–1.000; one seed)", lab().proportion("tight", 999_000, 999_500, 1).text());
    }

    @Test
    void exactAndTextFindingsRestOnNoSeed() {
        Lab lab = lab();
        assertEquals("0.5000", lab.finding("sigma(0)", 0.5, "%.4f").text());
        assertEquals(List.of(Basis.EXACT, Basis.TEXT), List.of(lab.findings().get(0).basis(), lab.finding("t", "never").basis()));
        assertEquals(0, lab.findings().get(0).seeds());
    }

    /** Epochs and steps are whole: a range of them has no decimals. */
    @Test
    void aRangeOfWholeNumbersStaysWhole() {
        assertEquals("42 (median of 5 seeds, range 38–44)", lab().medianOverSeeds("steps", new double[]{38, 42, 44, 40, 43}).text());
        assertEquals("41.5 (median of 4 seeds, range 41.00–41.90)", lab().medianOverSeeds("steps", new double[]{41, 41.9, 41.4, 41.6}).text());
    }

    /** Tiny numbers keep their significant digits in scientific notation instead of a row of zeros. */
    @Test
    void tinyNumbersAreWrittenInScientificNotation() {
        assertEquals("1.44e-11 (one seed)", lab().oneSeed("error", 1.4384937685463228E-11).text());
        assertEquals("2.1e-05 (95% CI 2.00e-05–2.20e-05, 5 seeds)",
                lab().overSeeds("tiny", new double[]{2.0e-5, 2.1e-5, 2.2e-5, 2.05e-5, 2.15e-5}).text());
        assertEquals("0.000150 (one seed)", lab().oneSeed("small", 1.5e-4).text());
    }

    /** A centre never lands outside its own range, and a range of negative numbers reads "to", not "-0.4–-0.3". */
    @Test
    void aCentreStaysInsideItsRangeAndNegativeRangesRead() {
        assertEquals("2.5 (median of 3 seeds, range 1.2–2.5)", lab().medianOverSeeds("ratio", new double[]{2.54, 2.53, 1.25}).text());
        assertEquals("-0.42 (95% CI -0.430 to -0.410, 5 seeds)", lab().overSeeds("slope", new double[]{-0.41, -0.42, -0.43, -0.415, -0.425}).text());
    }

    @Test
    void oneValueOverSeedsIsOneSeed() {
        Finding finding = lab().overSeeds("quick", new double[]{0.9632});
        assertEquals("0.963 (one seed)", finding.text());
        assertEquals(Basis.ONE_SEED, finding.basis());
    }
}
