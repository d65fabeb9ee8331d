package io.lisastream.trainer;

/**
 * How many items change codes from one training step to the next (LISA variants): the share of
 * the catalogue whose code tuple [B] differs from the previous step's, averaged over an epoch.
 * High churn means the codebooks chase moving assignments (measured on synthetic data: 30-48% of
 * items per step in the first epochs), and it is what invalidates online histograms between models.
 */
final class CodeChurn {
    private final int codebooks;
    private int[] previous;
    private long changed;
    private long steps;

    CodeChurn(int codebooks) {
        this.codebooks = codebooks;
    }

    /** Records the codes [N, B] of one step (the array is copied). */
    void step(int[] codes) {
        if (codes == null) {
            return;
        }
        if (previous != null && previous.length == codes.length) {
            int n = codes.length / codebooks;
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < codebooks; k++) {
                    if (codes[i * codebooks + k] != previous[i * codebooks + k]) {
                        changed++;
                        break;
                    }
                }
            }
            steps++;
        }
        previous = codes.clone();
    }

    /** Mean number of items whose codes changed per step since the last call, NaN when none measured. */
    double takeMeanPerStep() {
        double m = steps == 0 ? Double.NaN : (double) changed / steps;
        changed = 0;
        steps = 0;
        return m;
    }
}
