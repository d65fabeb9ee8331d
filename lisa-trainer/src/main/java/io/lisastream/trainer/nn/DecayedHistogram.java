package io.lisastream.trainer.nn;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The causal, self-inclusive, decayed codeword histogram of every position of a batch:
 * <pre>
 *   h_t = r . h_{t-1} + a_{i_t}        (h_{-1} = 0, r[j] = exp(-lambda_b) in [0, 1] for column j of codebook b)
 * </pre>
 * i.e. h_t[j] = sum_{s<=t} r[j]^(t-s) a_{i_s}[j], computed by the recurrence, never by dividing by
 * r^(L-1-s): every intermediate is bounded by the sum of the rows, so any length is safe.
 * Backward is the reverse recurrence G_t = gH_t + r . G_{t+1}, scattered into the rows of the
 * assignment table the positions looked up; when the decays are learned, d loss / d r[j] =
 * sum_{t>=1} G_t[j] h_{t-1}[j].
 *
 * <p>Layout: time-major positions p = t * batch + s for sequence s and step t < len; item -1 marks
 * padding (contributes a zero row). Table [N, K], histograms [len * batch, K], r [K].
 */
public final class DecayedHistogram {
    private DecayedHistogram() {
    }

    /** One decay factor r for every column. */
    public static float[] forward(float[] table, int k, int[] items, int len, int batch, float r) {
        return forward(table, k, items, len, batch, uniform(k, r));
    }

    /** A decay factor r[j] per column j. */
    public static float[] forward(float[] table, int k, int[] items, int len, int batch, float[] r) {
        float[] h = new float[len * batch * k];
        IntStream.range(0, batch).parallel().forEach(s -> {
            for (int t = 0; t < len; t++) {
                int p = t * batch + s;
                int off = p * k;
                int item = items[p];
                if (t > 0) {
                    int prev = off - batch * k;
                    for (int j = 0; j < k; j++) {
                        h[off + j] = r[j] * h[prev + j];
                    }
                }
                if (item >= 0) {
                    int src = item * k;
                    for (int j = 0; j < k; j++) {
                        h[off + j] += table[src + j];
                    }
                }
            }
        });
        return h;
    }

    /** Backward for one decay factor r for every column (fixed). */
    public static void backward(float[] gH, int k, int[] items, int len, int batch, float r, float[] gTable) {
        backward(gH, k, items, len, batch, uniform(k, r), gTable, null, null);
    }

    /**
     * Accumulates d loss / d table [N, K] from d loss / d h [len * batch, K], and, when {@code gR} is
     * not null, d loss / d r [K] into gR (which needs the forward's histograms h). {@code gH} is
     * used as scratch (overwritten). Sequences are processed in parallel with per-thread accumulators.
     */
    public static void backward(float[] gH, int k, int[] items, int len, int batch, float[] r, float[] gTable,
            float[] h, double[] gR) {
        int threads = Math.max(1, Math.min(batch, Runtime.getRuntime().availableProcessors()));
        float[][] partial = new float[threads][];
        double[][] partialR = new double[threads][];
        IntStream.range(0, threads).parallel().forEach(th -> {
            float[] acc = th == 0 ? gTable : new float[gTable.length];
            double[] accR = gR == null ? null : new double[k];
            for (int s = th; s < batch; s += threads) {
                for (int t = len - 1; t >= 0; t--) {
                    int p = t * batch + s;
                    int off = p * k;
                    if (t < len - 1) {
                        int next = off + batch * k;
                        for (int j = 0; j < k; j++) {
                            gH[off + j] += r[j] * gH[next + j];
                        }
                    }
                    if (accR != null && t > 0) {
                        int prev = off - batch * k;
                        for (int j = 0; j < k; j++) {
                            accR[j] += (double) gH[off + j] * h[prev + j];
                        }
                    }
                    int item = items[p];
                    if (item >= 0) {
                        int dst = item * k;
                        for (int j = 0; j < k; j++) {
                            acc[dst + j] += gH[off + j];
                        }
                    }
                }
            }
            partial[th] = acc;
            partialR[th] = accR;
        });
        for (int th = 1; th < threads; th++) {
            float[] acc = partial[th];
            for (int i = 0; i < gTable.length; i++) {
                gTable[i] += acc[i];
            }
        }
        if (gR != null) {
            for (double[] accR : partialR) {
                for (int j = 0; j < k; j++) {
                    gR[j] += accR[j];
                }
            }
        }
    }

    private static float[] uniform(int k, float r) {
        float[] out = new float[k];
        Arrays.fill(out, r);
        return out;
    }
}
