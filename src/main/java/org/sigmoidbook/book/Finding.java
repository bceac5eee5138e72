package org.sigmoidbook.book;

/**
 * A headline number of a chapter: printed by the runner, written to the chapter's
 * {@code findings.csv} and quoted by its page as {@code text}. What the number rests on travels with
 * it: its {@link Basis}, the interval [low, high] where there is one, how many values the interval
 * comes from ({@code n}: seeds, examples or resamples) and how many training seeds behind it
 * ({@code seeds}; 0 when nothing random went in). {@link Lab} makes findings; a chapter does not.
 */
public record Finding(@CsvColumn("finding") String name, String text, @CsvColumn(finite = false) double value, Basis basis,
                      Double low, Double high, Integer n, int seeds) {

    /** What a finding's number is. */
    public enum Basis {
        /** A computation with nothing random in it: a closed form, a rounding threshold. */
        EXACT("exact"),
        /** Not a number. */
        TEXT("text"),
        /** The result of one seed's run, without an interval. */
        ONE_SEED("one-seed"),
        /** The mean over seeds, with Student's t 95% interval. */
        SEEDS_MEAN("seeds-mean"),
        /** The median over seeds, with their range. */
        SEEDS_MEDIAN("seeds-median"),
        /** A share of examples, with Wilson's 95% interval. */
        BINOMIAL("binomial"),
        /** A statistic of examples, with a percentile-bootstrap 95% interval. */
        BOOTSTRAP("bootstrap");

        private final String id;

        Basis(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    @Override
    public String toString() {
        return name + " = " + text;
    }
}
