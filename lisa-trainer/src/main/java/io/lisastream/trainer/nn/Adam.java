package io.lisastream.trainer.nn;

import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

/**
 * Adam (Kingma and Ba) with bias correction: m = b1 m + (1-b1) g, v = b2 v + (1-b2) g^2,
 * theta -= lr * m^ / (sqrt(v^) + eps). With a weight decay wd > 0 it is AdamW (Loshchilov and
 * Hutter): the parameters {@link #decays(Param)} selects are first shrunk, theta -= lr * wd * theta,
 * decoupled from the moments. The moments are part of a checkpoint.
 */
public final class Adam {
    private double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final Map<String, float[]> m = new ConcurrentHashMap<>();
    private final Map<String, float[]> v = new ConcurrentHashMap<>();
    private long step;

    public Adam(double lr, double beta1, double beta2, double eps) {
        this(lr, beta1, beta2, eps, 0);
    }

    public Adam(double lr, double beta1, double beta2, double eps, double weightDecay) {
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be a finite number >= 0, got " + weightDecay);
        }
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    /**
     * Which parameters weight decay shrinks: the matrices and tables (embeddings, codebooks,
     * positions, projections, FFN weights), not the vectors (LayerNorm gains and shifts, biases) and
     * not the quantizer's bilinear similarity, whose scale against the softmax temperature decides
     * how hard the code assignment is.
     */
    public static boolean decays(Param p) {
        return p.shape().length >= 2 && !p.name().endsWith("bilinear");
    }

    public void update(ParamSet params) {
        step++;
        double c1 = 1 - Math.pow(beta1, step);
        double c2 = 1 - Math.pow(beta2, step);
        float stepSize = (float) (lr * Math.sqrt(c2) / c1);
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float epsHat = (float) (eps * Math.sqrt(c2));
        float shrink = (float) (1 - lr * weightDecay);
        params.all().parallelStream().forEach(p -> {
            float[] mm = m.computeIfAbsent(p.name(), k -> new float[p.size()]);
            float[] vv = v.computeIfAbsent(p.name(), k -> new float[p.size()]);
            float[] g = p.grad;
            float[] x = p.value;
            if (weightDecay > 0 && decays(p)) {
                for (int i = 0; i < x.length; i++) {
                    x[i] *= shrink;
                }
            }
            for (int i = 0; i < x.length; i++) {
                float gi = g[i];
                mm[i] = b1 * mm[i] + (1 - b1) * gi;
                vv[i] = b2 * vv[i] + (1 - b2) * gi * gi;
                x[i] -= stepSize * mm[i] / ((float) Math.sqrt(vv[i]) + epsHat);
            }
        });
    }

    /** Changes the learning rate for the following updates (the moments are kept). */
    public void setLearningRate(double lr) {
        if (!(lr > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + lr);
        }
        this.lr = lr;
    }

    public double learningRate() {
        return lr;
    }

    public long step() {
        return step;
    }

    public Map<String, float[]> firstMoments() {
        return m;
    }

    public Map<String, float[]> secondMoments() {
        return v;
    }

    /** Restores the state saved in a checkpoint. */
    public void restore(long step, Map<String, float[]> first, Map<String, float[]> second) {
        this.step = step;
        m.clear();
        v.clear();
        m.putAll(first);
        v.putAll(second);
    }
}
