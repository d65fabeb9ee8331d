package io.lisastream.model.inference;

/**
 * One user's incremental LISA state: the decayed codeword histogram h [B, W] kept with a lazy
 * scale, the newest item and its codes (the attention query), and the number of events seen.
 *
 * <p>Lazy scale: codebook b's true entries are {@code h_b = histogram_b * exp(-lambda_b * scaleExponent)}
 * (lambda_b = the model's decay, or codebook b's own when it learned them). An event adds its one-hot
 * (or soft assignment) times {@code exp(lambda_b * scaleExponent)} to codebook b's entries instead of
 * multiplying all B*W entries by r_b, so a hard-code update touches B entries. Before a factor could
 * overflow, the histogram is renormalised (all entries multiplied once, exponent reset). Attention only
 * uses ratios within a codebook, so the scale never has to be applied to score.
 */
public final class UserState {
    final float[] histogram;
    int scaleExponent;
    int lastItem;
    final int[] lastCodes;
    long count;

    UserState(int histogramSize, int codebooks) {
        this.histogram = new float[histogramSize];
        this.lastCodes = new int[codebooks];
        this.lastItem = -1;
    }

    private UserState(float[] histogram, int scaleExponent, int lastItem, int[] lastCodes, long count) {
        this.histogram = histogram;
        this.scaleExponent = scaleExponent;
        this.lastItem = lastItem;
        this.lastCodes = lastCodes;
        this.count = count;
    }

    /**
     * Rebuilds a state from its parts (for example after reading it from a state backend). Arrays are
     * taken as they are, not copied.
     */
    public static UserState restore(float[] histogram, int scaleExponent, int lastItem, int[] lastCodes, long count) {
        if (scaleExponent < 0 || count < 0) {
            throw new IllegalArgumentException("scaleExponent and count must be >= 0");
        }
        return new UserState(histogram, scaleExponent, lastItem, lastCodes, count);
    }

    /** The scaled histogram [B*W] (live array: codebook b's true entries are these times exp(-lambda_b * scaleExponent)). */
    public float[] scaledHistogram() {
        return histogram;
    }

    public int scaleExponent() {
        return scaleExponent;
    }

    /** Internal index of the newest item, or -1 before the first event. */
    public int lastItem() {
        return lastItem;
    }

    /** Codes of the newest item, one per codebook (live array). */
    public int[] lastCodes() {
        return lastCodes;
    }

    /** Number of events folded into the histogram. */
    public long count() {
        return count;
    }

    public UserState copy() {
        return new UserState(histogram.clone(), scaleExponent, lastItem, lastCodes.clone(), count);
    }
}
