package org.sigmoidbook.book;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * How many digits a number deserves: as many as its interval supports (the centre to the decimal
 * of the interval's leading digit, the ends to one more), and at most three significant digits
 * for a number without an interval.
 */
final class Rounding {

    /** Below this magnitude numbers are written in scientific notation. */
    static final double SMALLEST_PLAIN = 1e-4;

    /** Significant digits of a number from one run, or from nothing that gives an interval. */
    static final int SIGNIFICANT = 3;

    private Rounding() {
    }

    /** The decimals of the centre of an interval of this width: those of its leading digit. */
    static int centreDecimals(double width, double centre) {
        return width > 0 ? -(int) Math.floor(Math.log10(width)) : significantDecimals(centre, SIGNIFICANT);
    }

    /** The decimals that leave {@code digits} significant digits of {@code value}. */
    static int significantDecimals(double value, int digits) {
        return value == 0 ? digits - 1 : digits - 1 - (int) Math.floor(Math.log10(Math.abs(value)));
    }

    /**
     * {@code value} rounded half-even to {@code decimals} places; negative decimals round to tens,
     * hundreds ...; below {@value #SMALLEST_PLAIN} in magnitude the same digits in scientific
     * notation (1.4e-11, not 0.000000000014).
     */
    static String fixed(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        BigDecimal rounded = new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN);
        if (rounded.signum() != 0 && rounded.abs().compareTo(BigDecimal.valueOf(SMALLEST_PLAIN)) < 0) {
            int significant = Math.max(1, decimals + 1 + (int) Math.floor(Math.log10(rounded.abs().doubleValue())));
            return String.format(Locale.ROOT, "%." + (significant - 1) + "e", rounded.doubleValue());
        }
        return decimals >= 0 ? rounded.toPlainString() : rounded.setScale(0, RoundingMode.UNNECESSARY).toPlainString();
    }

    /** Whether an interval's ends are whole numbers that the centre's rounding already treats as such. */
    static boolean wholeEnds(double low, double high, int centreDecimals) {
        return centreDecimals <= 0 && low == Math.rint(low) && high == Math.rint(high);
    }

    /** Whether {@code centre} rounded to {@code decimals} lies within [low, high] rounded to {@code endDecimals}. */
    static boolean inside(double centre, int decimals, double low, double high, int endDecimals) {
        double rounded = round(centre, decimals);
        return rounded >= round(low, endDecimals) && rounded <= round(high, endDecimals);
    }

    private static double round(double value, int decimals) {
        return new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
    }
}
