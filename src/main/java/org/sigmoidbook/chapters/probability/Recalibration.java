package org.sigmoidbook.chapters.probability;

import org.sigmoidbook.toolkit.numerics.Sigmoid;

/**
 * A map from a network's logit z to a recalibrated probability σ(a z + b), fitted after training on
 * held-aside digits by minimising their cross-entropy, with the network left as it is:
 * <ul>
 *   <li>temperature scaling (Guo, Pleiss, Sun and Weinberger, "On calibration of modern neural
 *   networks", 2017): σ(z / T), one parameter, a = 1/T and b = 0;</li>
 *   <li>Platt scaling (Platt, "Probabilistic outputs for support vector machines", 1999): σ(a z + b),
 *   fitted to Platt's targets (N₊ + 1)/(N₊ + 2) for a positive and 1/(N₋ + 2) for a negative
 *   example rather than 1 and 0, which keeps the fit finite when the examples are separable.</li>
 * </ul>
 * Both are convex problems solved by Newton's method in double precision. A positive a keeps the
 * order of the logits, so neither map changes which side of a threshold on z a digit falls.
 */
record Recalibration(Method method, double slope, double intercept) {

    /** The three ways the chapter reads a logit as a probability. */
    enum Method {
        NONE("none"),
        TEMPERATURE("temperature"),
        PLATT("platt");

        private final String id;

        Method(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    static final Recalibration NONE = new Recalibration(Method.NONE, 1, 0);

    private static final int MAX_ITERATIONS = 100;

    /** The temperature T = 1/a. */
    double temperature() {
        return 1 / slope;
    }

    double probability(double logit) {
        return Sigmoid.of(slope * logit + intercept);
    }

    double[] probabilities(double[] logits) {
        double[] p = new double[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = probability(logits[i]);
        }
        return p;
    }

    static Recalibration fit(Method method, double[] logits, int[] labels) {
        return switch (method) {
            case NONE -> NONE;
            case TEMPERATURE -> temperature(logits, labels);
            case PLATT -> platt(logits, labels);
        };
    }

    /** The a of σ(a z) that minimises the cross-entropy on (logits, labels); the temperature is 1/a. */
    static Recalibration temperature(double[] logits, int[] labels) {
        double[] targets = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            targets[i] = labels[i];
        }
        double[] ab = newton(logits, targets, false);
        return new Recalibration(Method.TEMPERATURE, ab[0], 0);
    }

    /** The a and b of σ(a z + b) that minimise the cross-entropy against Platt's targets. */
    static Recalibration platt(double[] logits, int[] labels) {
        int positives = 0;
        for (int label : labels) {
            positives += label;
        }
        int negatives = labels.length - positives;
        double high = (positives + 1.0) / (positives + 2.0);
        double low = 1.0 / (negatives + 2.0);
        double[] targets = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            targets[i] = labels[i] == 1 ? high : low;
        }
        double[] ab = newton(logits, targets, true);
        return new Recalibration(Method.PLATT, ab[0], ab[1]);
    }

    /**
     * Minimises L(a, b) = Σ softplus(a zᵢ + b) − tᵢ (a zᵢ + b), the cross-entropy against targets tᵢ
     * in [0, 1], from (1, 0), with b held at 0 unless {@code withIntercept}. L is convex; each Newton
     * step is halved until L does not increase.
     */
    private static double[] newton(double[] z, double[] t, boolean withIntercept) {
        double a = 1;
        double b = 0;
        double loss = loss(z, t, a, b);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double ga = 0;
            double gb = 0;
            double haa = 0;
            double hab = 0;
            double hbb = 0;
            for (int i = 0; i < z.length; i++) {
                double p = Sigmoid.of(a * z[i] + b);
                double s = p * (1 - p);
                ga += (p - t[i]) * z[i];
                gb += p - t[i];
                haa += s * z[i] * z[i];
                hab += s * z[i];
                hbb += s;
            }
            double da;
            double db;
            if (withIntercept) {
                double det = haa * hbb - hab * hab;
                da = (hbb * ga - hab * gb) / det;
                db = (haa * gb - hab * ga) / det;
            } else {
                da = ga / haa;
                db = 0;
            }
            if (!Double.isFinite(da) || !Double.isFinite(db)) {
                break;
            }
            double step = 1;
            double next = loss(z, t, a - da, b - db);
            while (next > loss && step > 1e-12) {
                step /= 2;
                next = loss(z, t, a - step * da, b - step * db);
            }
            if (next > loss) {
                break;
            }
            a -= step * da;
            b -= step * db;
            boolean done = Math.abs(step * da) < 1e-12 * Math.max(1, Math.abs(a)) && Math.abs(step * db) < 1e-12 * Math.max(1, Math.abs(b));
            loss = next;
            if (done) {
                break;
            }
        }
        return new double[]{a, b};
    }

    /** Σ softplus(a zᵢ + b) − tᵢ (a zᵢ + b), with softplus(u) = max(u, 0) + ln(1 + e^−|u|) computed without overflow. */
    static double loss(double[] z, double[] t, double a, double b) {
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            double u = a * z[i] + b;
            sum += Math.max(u, 0) + Math.log1p(Math.exp(-Math.abs(u))) - t[i] * u;
        }
        return sum;
    }
}
