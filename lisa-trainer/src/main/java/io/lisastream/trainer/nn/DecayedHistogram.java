package io.lisastream.trainer.nn;

import java.util.stream.IntStream;

/**
 * The causal, self-inclusive, decayed codeword histogram of every position of a batch:
 * <pre>
 *   h_t = r h_{t-1} + a_{i_t}        (h_{-1} = 0, r = exp(-lambda) in [0, 1])
 * </pre>
 * i.e. h_t = sum_{j<=t} r^(t-j) a_{i_j}, computed by the recurrence, never by dividing by
 * r^(L-1-j): every intermediate is bounded by the sum of the rows, so any length is safe.
 * Backward is the reverse recurrence g_t = gH_t + r g_{t+1}, scattered into the rows of the
 * assignment table the positions looked up.
 *
 * <p>Layout: time-major positions p = t * batch + s for sequence s and step t < len; item -1 marks
 * padding (contributes a zero row). Table [N, K], histograms [len * batch, K].
 */
public final class DecayedHistogram {
    private DecayedHistogram() {
    }

    public static float[] forward(float[] table, int k, int[] items, int len, int batch, float r) {
        float[] h = new float[len * batch * k];
        IntStream.range(0, batch).parallel().forEach(s -> {
            for (int t = 0; t < len; t++) {
                int p = t * batch + s;
                int off = p * k;
                int item = items[p];
                if (t > 0) {
                    int prev = off - batch * k;
                    for (int j = 0; j < k; j++) {
                        h[off + j] = r * h[prev + j];
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

    /**
     * Accumulates d loss / d table [N, K] from d loss / d h [len * batch, K]. {@code gH} is used as
     * scratch (overwritten). Sequences are processed in parallel with per-thread accumulators.
     */
    public static void backward(float[] gH, int k, int[] items, int len, int batch, float r, float[] gTable) {
        int threads = Math.max(1, Math.min(batch, Runtime.getRuntime().availableProcessors()));
        float[][] partial = new float[threads][];
        IntStream.range(0, threads).parallel().forEach(th -> {
            float[] acc = th == 0 ? gTable : new float[gTable.length];
            for (int s = th; s < batch; s += threads) {
                for (int t = len - 1; t >= 0; t--) {
                    int p = t * batch + s;
                    int off = p * k;
                    if (t < len - 1) {
                        int next = off + batch * k;
                        for (int j = 0; j < k; j++) {
                            gH[off + j] += r * gH[next + j];
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
        });
        for (int th = 1; th < threads; th++) {
            float[] acc = partial[th];
            for (int i = 0; i < gTable.length; i++) {
                gTable[i] += acc[i];
            }
        }
    }
}
