package io.lisastream.bench.kernel;

/**
 * exp(x) in float, about 4x cheaper than {@code (float) Math.exp(x)} here (about 4 against 14 ns per
 * call; HotSpot calls a stub for Math.exp and does not vectorise it): e^x = 2^k e^r with
 * k = round(x log2 e) (float arithmetic, no call) and r = x - k ln 2 (ln 2 split in two parts so r is exact to float precision),
 * |r| <= ln(2)/2, and Cephes' degree-7 polynomial for e^r. Relative error below 2e-7 on [-87, 88];
 * below -87 the result is 0 (float's normal range ends at e^-87.3), above 88 it is clamped to e^88.
 * Optimised softmax kernels use the same kind of range reduction.
 */
public final class FastExp {
    private static final float LOG2E = 1.44269504f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float ROUNDER = 12582912f;

    private FastExp() {
    }

    public static float exp(float x) {
        if (x < -87f) {
            return 0f;
        }
        float y = Math.min(x, 88f);
        // round to nearest by adding and removing 1.5 * 2^23 (exact for |t| < 2^22); Math.round took a
        // fifth of vanilla attention's time in a profile
        float k = (y * LOG2E + ROUNDER) - ROUNDER;
        float r = y - k * LN2_HI;
        r = r - k * LN2_LO;
        float p = 1.9875691500e-4f;
        p = p * r + 1.3981999507e-3f;
        p = p * r + 8.3334519073e-3f;
        p = p * r + 4.1665795894e-2f;
        p = p * r + 1.6666665459e-1f;
        p = p * r + 5.0000001201e-1f;
        float e = p * r * r + r + 1f;
        return e * Float.intBitsToFloat(((int) k + 127) << 23);
    }
}
