package io.lisastream.model.eval;

/**
 * How a metric spreads over repeated measurements, e.g. the sampled protocol with its negatives
 * drawn under several seeds: mean, sample standard deviation (n - 1), minimum and maximum.
 */
public record Spread(int n, double mean, double sd, double min, double max) {

    public static Spread of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a spread needs at least one value");
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double mean = sum / values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double sd = values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0;
        return new Spread(values.length, mean, sd, min, max);
    }
}
