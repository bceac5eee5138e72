package org.sigmoidbook.book;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How many digits a number deserves: as many as its interval supports (the centre to the decimal
 * of the interval's leading digit, the ends to one more), and at most three significant digits
 * for a number without an interval.
 */
final class Rounding {

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

    /** {@code value} rounded half-even to {@code decimals} places; negative decimals round to tens, hundreds ... */
    static String fixed(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        BigDecimal rounded = new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN);
        return decimals >= 0 ? rounded.toPlainString() : rounded.setScale(0, RoundingMode.UNNECESSARY).toPlainString();
    }
}
