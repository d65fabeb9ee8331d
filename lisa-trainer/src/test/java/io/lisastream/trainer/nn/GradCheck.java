package io.lisastream.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * Central finite differences against an analytic gradient, in float32 (the trainer's kernels are
 * float). Losses are summed in double; step 1e-3 keeps truncation error ~1e-6 and float round-off
 * ~1e-4 for losses of order 1, hence the tolerance: |a - n| <= 2e-3 + 2e-2 * max(|a|, |n|). A coordinate
 * whose one-sided differences disagree (a kink within the step) is measured again with a quarter step.
 */
final class GradCheck {
    static final float EPS = 1e-3f;

    private GradCheck() {
    }

    /**
     * Checks up to {@code samples} coordinates of {@code x} (all when it is smaller).
     *
     * @param loss     recomputes the loss from the current x
     * @param x        the values perturbed in place (restored afterwards)
     * @param analytic d loss / d x
     */
    static void check(String what, DoubleSupplier loss, float[] x, float[] analytic, int samples, long seed) {
        assertThat(analytic).as(what + " gradient length").hasSize(x.length);
        Random rng = new Random(seed);
        int n = Math.min(samples, x.length);
        double maxAnalytic = 0;
        for (float a : analytic) {
            maxAnalytic = Math.max(maxAnalytic, Math.abs(a));
        }
        assertThat(maxAnalytic).as(what + ": gradient is not identically zero").isGreaterThan(1e-6);
        for (int s = 0; s < n; s++) {
            int i = n == x.length ? s : rng.nextInt(x.length);
            double a = analytic[i];
            double[] sides = differences(loss, x, i, EPS);
            double numeric = (sides[0] + sides[1]) / 2;
            double tol = 2e-3 + 2e-2 * Math.max(Math.abs(a), Math.abs(numeric));
            if (Math.abs(a - numeric) > tol && Math.abs(sides[0] - sides[1]) > tol) {
                // the two one-sided differences disagree: a kink (a ReLU or an argmax switching) lies
                // within EPS of x[i]. Central differences average across it; a step a quarter as long
                // (still far above float round-off) measures the slope where the analytic one applies.
                sides = differences(loss, x, i, EPS / 4);
                numeric = (sides[0] + sides[1]) / 2;
                tol = 2e-3 + 2e-2 * Math.max(Math.abs(a), Math.abs(numeric));
            }
            assertThat(Math.abs(a - numeric)).as("%s[%d]: analytic %s vs numeric %s", what, i, a, numeric)
                    .isLessThanOrEqualTo(tol);
        }
    }

    /** {forward, backward} difference quotients of the loss in coordinate i with step eps; x[i] is restored. */
    private static double[] differences(DoubleSupplier loss, float[] x, int i, float eps) {
        float old = x[i];
        double base = loss.getAsDouble();
        x[i] = old + eps;
        double up = loss.getAsDouble();
        x[i] = old - eps;
        double down = loss.getAsDouble();
        x[i] = old;
        return new double[] {(up - base) / eps, (base - down) / eps};
    }

    static float[] random(Random rng, int n, double std) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rng.nextGaussian() * std);
        }
        return a;
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
