package org.sigmoidbook.chapters.probability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.sigmoidbook.chapters.probability.DigitTraining.Run;
import org.sigmoidbook.chapters.probability.Scores.Confusion;
import org.sigmoidbook.toolkit.numerics.Sigmoid;

/**
 * Section 4: deciding "it is a 9" when 9s are rare. A decision is a training and a threshold on its
 * logit; thresholds chosen from data are chosen on the validation digits, and every decision is
 * scored on the held-out digits.
 */
final class Decisions {

    /** The stated cost: a missed 9 costs this many false alarms. */
    static final double COST_OF_MISS = 5;

    /** The ways of deciding the chapter compares. */
    enum Decision {
        HALF("plain-0.5", "targets 0/1, ½", Training.PLAIN),
        BEST_F1("plain-f1", "targets 0/1, best F1 on validation", Training.PLAIN),
        LEAST_COST("plain-cost", "targets 0/1, least cost on validation", Training.PLAIN),
        BAYES_COST("plain-temperature-bayes", "targets 0/1, T-scaled, Bayes 1/(1 + r)", Training.PLAIN),
        WEIGHTED("positive-weight-0.5", "positive-class weight, ½", Training.POSITIVE_WEIGHT),
        RESAMPLED("resampled-0.5", "balanced resampling, ½", Training.RESAMPLED);

        private final String id;
        private final String label;
        private final Training training;

        Decision(String id, String label, Training training) {
            this.id = id;
            this.label = label;
            this.training = training;
        }

        public String id() {
            return id;
        }

        String label() {
            return label;
        }

        Training training() {
            return training;
        }
    }

    /**
     * A row of {@code thresholds}: one seed's decision on the held-out digits. The threshold is on the
     * network's own output σ(z), whatever rule chose it.
     */
    record Row(long seed, Decision decision, double threshold, int truePositives, int falsePositives, int falseNegatives,
               int trueNegatives, double precision, double recall, double f1, double costPerDigit) {
    }

    /** A row of {@code precision-recall}: a point of one run's precision-recall curve on the held-out digits. */
    record CurvePoint(Training training, long seed, double threshold, double recall, double precision) {
    }

    private Decisions() {
    }

    /** The threshold on z of a decision for one run; {@code temperature} is that of the run's temperature scaling. */
    static double logitThreshold(Decision decision, Run run, int[] validationLabels, double temperature) {
        return switch (decision) {
            case HALF, WEIGHTED, RESAMPLED -> 0;
            case BEST_F1 -> best(run.validationLogits(), validationLabels, true);
            case LEAST_COST -> best(run.validationLogits(), validationLabels, false);
            // σ(z/T) ≥ 1/(1 + r) exactly when z ≥ T ln(1/r): the Bayes decision for calibrated probabilities.
            case BAYES_COST -> temperature * Math.log(1 / COST_OF_MISS);
        };
    }

    static Row score(Decision decision, Run run, double logitThreshold, int[] heldoutLabels) {
        Confusion c = Confusion.at(run.heldoutLogits(), heldoutLabels, logitThreshold);
        return new Row(run.seed(), decision, Sigmoid.of(logitThreshold), c.truePositives(), c.falsePositives(), c.falseNegatives(),
                c.trueNegatives(), c.precision(), c.recall(), c.f1(), c.costPerDigit(COST_OF_MISS));
    }

    /**
     * The threshold on the validation logits with the largest F1 ({@code forF1}) or the smallest cost:
     * every cut between two neighbouring distinct logits is tried (and one below and one above them
     * all), the midpoint between them taken, and of equally good cuts the lowest.
     */
    static double best(double[] logits, int[] labels, boolean forF1) {
        int n = logits.length;
        Integer[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(i -> logits[i])).toArray(Integer[]::new);
        // Cutting before position k of the ascending order calls the digits at k ... n − 1 9s.
        int[] ninesFrom = new int[n + 1];
        for (int k = n - 1; k >= 0; k--) {
            ninesFrom[k] = ninesFrom[k + 1] + labels[order[k]];
        }
        int nines = ninesFrom[0];
        double bestThreshold = Double.NaN;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 0; k <= n; k++) {
            double below = k == 0 ? Double.NaN : logits[order[k - 1]];
            double above = k == n ? Double.NaN : logits[order[k]];
            if (k > 0 && k < n && below == above) {
                continue;
            }
            int truePositives = ninesFrom[k];
            Confusion c = new Confusion(truePositives, n - k - truePositives, nines - truePositives, k - (nines - truePositives));
            double score = forF1 ? c.f1() : -c.costPerDigit(COST_OF_MISS);
            if (score > bestScore) {
                bestScore = score;
                bestThreshold = k == 0 ? above - 1 : k == n ? below + 1 : (below + above) / 2;
            }
        }
        return bestThreshold;
    }

    /** One run's precision-recall curve: the held-out 9s' logits as thresholds, from the highest down. */
    static List<CurvePoint> curve(Run run, int[] heldoutLabels) {
        double[] z = run.heldoutLogits();
        double[] thresholds = IntStream.range(0, z.length).filter(i -> heldoutLabels[i] == 1).mapToDouble(i -> z[i])
                .boxed().sorted((a, b) -> Double.compare(b, a)).mapToDouble(Double::doubleValue).distinct().toArray();
        List<CurvePoint> points = new ArrayList<>();
        for (double threshold : thresholds) {
            Confusion c = Confusion.at(z, heldoutLabels, threshold);
            points.add(new CurvePoint(run.training(), run.seed(), Sigmoid.of(threshold), c.recall(), c.precision()));
        }
        return points;
    }
}
