package io.lisastream.trainer.nn;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Knowledge distillation from a trained teacher network (Hinton et al., 2015), over the whole
 * catalogue. With student logits s = z E^T and teacher logits t (both [P, N]), per position with a
 * target y:
 * <pre>
 *   loss = (1 - alpha) * CE(softmax(s), y) + alpha * tau^2 * KL(softmax(t / tau) || softmax(s / tau))
 *   d loss / d s_j = (1 - alpha) (softmax(s)_j - 1[j = y]) + alpha * tau (softmax(s / tau)_j - softmax(t / tau)_j)
 * </pre>
 * averaged over the positions with a target. With {@code excludeSeen}, both softmaxes leave out the
 * sequence's own items except the target, as {@link SoftmaxCrossEntropy} does: the teacher was not
 * trained to rank them either, and serving filters them. Only the student gets gradients; the
 * teacher runs its forward in inference mode (no dropout).
 */
public final class DistillationLoss implements Loss {
    /** Per-thread rows of length N: softmax(s), softmax(s / tau), softmax(t / tau). */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[3][0]);

    private final SequenceNetwork teacher;
    private final float alpha;
    private final float tau;
    private final boolean excludeSeen;

    public DistillationLoss(SequenceNetwork teacher, double alpha, double tau, boolean excludeSeen) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("distillation weight must be in (0, 1], got " + alpha);
        }
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("distillation temperature must be > 0, got " + tau);
        }
        this.teacher = teacher;
        this.alpha = (float) alpha;
        this.tau = (float) tau;
        this.excludeSeen = excludeSeen;
    }

    @Override
    public double forwardBackward(float[] z, float[] table, Batch batch, int d, int numItems, SplittableRandom rng,
            float[] gZ, float[] gTarget) {
        if (teacher.shape().numItems() != numItems) {
            throw new IllegalStateException("teacher has " + teacher.shape().numItems() + " items, student "
                    + numItems);
        }
        int p = batch.positions();
        int dt = teacher.shape().dim();
        float[] zt = teacher.forward(batch, false, rng);
        float[] teacherLogits = new float[p * numItems];
        Blas.gemm(false, true, p, numItems, dt, 1f, zt, teacher.tables().target(), 0f, teacherLogits);
        return evaluate(z, table, teacherLogits, batch.targets(), excludeSeen ? SeenItems.of(batch, numItems) : null,
                d, alpha, tau, gZ, gTarget);
    }

    /**
     * The loss for given teacher logits [P, N] (deterministic; used by the gradient checks). Writes
     * d loss / d z into {@code gZ} and adds d loss / d table into {@code gTarget} when they are not null.
     */
    public static double evaluate(float[] z, float[] table, float[] teacherLogits, int[] targets, SeenItems seen,
            int d, float alpha, float tau, float[] gZ, float[] gTarget) {
        int p = targets.length;
        int n = table.length / d;
        int count = Batch.targetCount(targets);
        if (count == 0) {
            return 0;
        }
        float[] s = new float[p * n];
        Blas.gemm(false, true, p, n, d, 1f, z, table, 0f, s);
        double[] lossPart = new double[p];
        float inv = 1f / count;
        IntStream.range(0, p).parallel().forEach(i -> {
            int off = i * n;
            int y = targets[i];
            if (y < 0) {
                java.util.Arrays.fill(s, off, off + n, 0f);
                return;
            }
            boolean[] out = new boolean[n];
            if (seen != null) {
                for (int j = 0; j < n; j++) {
                    out[j] = j != y && seen.excluded(i, j);
                }
            }
            double sy = s[off + y];
            float[][] buf = SCRATCH.get();
            if (buf[0].length < n) {
                buf = new float[][] {new float[n], new float[n], new float[n]};
                SCRATCH.set(buf);
            }
            float[] prob = buf[0]; // softmax(s)
            double lse = softmax(s, off, n, out, 1f, prob);
            float[] q = prob; // softmax(s / tau)
            double lseTau = lse;
            if (tau != 1f) {
                q = buf[1];
                lseTau = softmax(s, off, n, out, 1f / tau, q);
            }
            float[] pt = buf[2]; // softmax(t / tau)
            double lseTeacher = softmax(teacherLogits, off, n, out, 1f / tau, pt);
            double kl = 0;
            for (int j = 0; j < n; j++) {
                if (out[j]) {
                    s[off + j] = 0f;
                    continue;
                }
                if (pt[j] > 0) {
                    double logT = teacherLogits[off + j] / tau - lseTeacher;
                    double logQ = s[off + j] / tau - lseTau;
                    kl += pt[j] * (logT - logQ);
                }
                double grad = (1 - alpha) * (prob[j] - (j == y ? 1 : 0)) + alpha * tau * (q[j] - pt[j]);
                s[off + j] = (float) (grad * inv);
            }
            lossPart[i] = (1 - alpha) * (lse - sy) + alpha * tau * tau * kl;
        });
        double loss = 0;
        for (double l : lossPart) {
            loss += l;
        }
        if (gZ != null) {
            Blas.gemm(false, false, p, d, n, 1f, s, table, 1f, gZ);
            Blas.gemm(true, false, n, d, p, 1f, s, z, 1f, gTarget);
        }
        return loss / count;
    }

    /**
     * Writes softmax(scale * x[off..off+n)) over the j not left out into {@code prob} (0 where left
     * out) and returns log sum_j exp(scale * x[off + j]).
     */
    private static double softmax(float[] x, int off, int n, boolean[] out, float scale, float[] prob) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            if (!out[j]) {
                max = Math.max(max, scale * x[off + j]);
            }
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            float e = out[j] ? 0f : (float) Math.exp(scale * x[off + j] - max);
            prob[j] = e;
            sum += e;
        }
        float norm = (float) (1 / sum);
        for (int j = 0; j < n; j++) {
            prob[j] *= norm;
        }
        return max + Math.log(sum);
    }
}
