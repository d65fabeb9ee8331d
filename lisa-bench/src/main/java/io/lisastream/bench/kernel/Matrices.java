package io.lisastream.bench.kernel;

import java.util.SplittableRandom;

/** Row-array matrices: random fills and transposes. */
public final class Matrices {
    private Matrices() {
    }

    /** A [rows][cols] matrix of N(0, std^2) entries. */
    public static float[][] gaussian(int rows, int cols, double std, SplittableRandom rnd) {
        float[][] m = new float[rows][cols];
        for (float[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = (float) (rnd.nextGaussian() * std);
            }
        }
        return m;
    }

    /** Writes the transpose of rows [0, rows) of {@code src} into columns [col0, col0+rows) of {@code dst}. */
    public static void transposeInto(float[][] src, int rows, float[][] dst, int col0) {
        for (int i = 0; i < rows; i++) {
            float[] s = src[i];
            for (int j = 0; j < s.length; j++) {
                dst[j][col0 + i] = s[j];
            }
        }
    }

    /** The [cols][rows] transpose of a [rows][cols] matrix. */
    public static float[][] transpose(float[][] m) {
        float[][] t = new float[m[0].length][m.length];
        transposeInto(m, m.length, t, 0);
        return t;
    }

    /** Multiplies every entry of a row by {@code f}. */
    public static void scale(float[] row, int n, float f) {
        for (int j = 0; j < n; j++) {
            row[j] *= f;
        }
    }
}
