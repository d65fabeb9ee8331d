package io.lisastream.model.inference;

import io.lisastream.model.LisaModel;
import io.lisastream.model.TensorSpec;

/**
 * The attention of a window block (this project's extension, {@link io.lisastream.model.ModelConfig#hasWindowBlocks()}):
 * at position t, block k attends exactly over block k-1's outputs z_j at the last W' positions
 * (j = t-W'+1..t, the newest included), with head 0 of block k's projections:
 * <pre>
 *   q = z_t Wq,  alpha_j = softmax_j(q . (z_j Wk) / sqrt(D)),  o = sum_j alpha_j (z_j Wv)
 * </pre>
 * computed as q . (z_j Wk) = z_j . u with u = Wk q, and o = (sum_j alpha_j z_j) Wv: O(D^2 + W' D) per
 * position from the outputs alone. The sum does not depend on the order of the window.
 */
final class WindowAttention {
    private final int d;
    private final float invSqrtD;
    /** Wq, Wv [D][D] as rows (row-vector convention: q = z Wq); Wk [D][D] rows, read as u[r] = Wk[r] . q. */
    private final float[][] wq;
    private final float[][] wk;
    private final float[][] wv;

    WindowAttention(LisaModel model, int block) {
        this.d = model.config().dim();
        this.invSqrtD = (float) (1.0 / Math.sqrt(d));
        int head0 = block * model.config().codebooks() * d * d; // [blocks, B, D, D]: block k, head 0
        this.wq = Linear.rows(model.floats(TensorSpec.W_Q), head0, d, d);
        this.wk = Linear.rows(model.floats(TensorSpec.W_K), head0, d, d);
        this.wv = Linear.rows(model.floats(TensorSpec.W_V), head0, d, d);
    }

    /**
     * o for the query z (the newest output, also one of the window's entries) over
     * {@code window[from..from+count)} (length-D outputs in any order); {@code out} (length D) is overwritten.
     */
    void attend(float[] z, float[][] window, int from, int count, float[] out) {
        float[] q = new float[d];
        Linear.accumulate(z, wq, q);
        float[] u = new float[d];
        for (int r = 0; r < d; r++) {
            u[r] = Linear.dot(wk[r], 0, q, 0, d) * invSqrtD;
        }
        float[] logits = new float[count];
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < count; j++) {
            logits[j] = Linear.dot(window[from + j], 0, u, 0, d);
            max = Math.max(max, logits[j]);
        }
        double sum = 0;
        for (int j = 0; j < count; j++) {
            logits[j] = (float) Math.exp(logits[j] - max);
            sum += logits[j];
        }
        float inv = (float) (1.0 / sum);
        for (int j = 0; j < count; j++) {
            logits[j] *= inv;
        }
        float[] mixed = new float[d];
        Linear.mix(logits, window, from, count, mixed);
        java.util.Arrays.fill(out, 0f);
        Linear.accumulate(mixed, wv, out);
    }
}
