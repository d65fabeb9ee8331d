package io.lisastream.bench.kernel;

/**
 * Matrix products on arrays of rows, written so that HotSpot's C2 (JDK 17) vectorises them.
 *
 * <p>C2's SuperWord only vectorises a loop whose loads and stores use the same plain index on
 * arrays it cannot prove distinct (it has no runtime alias check), so every inner loop here is
 * {@code c[j] += ... b[j] ...} over one column range [j0, j1), with matrices held as
 * {@code float[][]} rows. The reduction index p is unrolled by four so one load and store of
 * {@code c[j]} serves four products, chained with {@link Math#fma} (one rounding per product, a
 * vector FMA instruction), and {@link #rowPair} serves two output rows from each loaded b row.
 * Measured here on one core: about 40 GFLOP/s for {@code rowPair} at k = 128..1024, n = 128, against
 * about 3 GFLOP/s for the same loop over one flat array with row offsets, which C2 leaves scalar.
 * (Unrolling p by eight makes the loop body too large for C2 to unroll, and it stays scalar.)
 */
public final class Gemm {
    private Gemm() {
    }

    /**
     * One output row: {@code c[j] += sum_{p in [p0, p1)} a[p] * b[bRow0 + p][j]} for j in [j0, j1).
     * Groups of four a-values that are all zero are skipped (their products are exactly zero).
     */
    public static void row(float[] a, float[][] b, int bRow0, float[] c, int p0, int p1, int j0, int j1) {
        int p = p0;
        for (; p + 3 < p1; p += 4) {
            float a0 = a[p];
            float a1 = a[p + 1];
            float a2 = a[p + 2];
            float a3 = a[p + 3];
            if (a0 == 0f && a1 == 0f && a2 == 0f && a3 == 0f) {
                continue;
            }
            float[] b0 = b[bRow0 + p];
            float[] b1 = b[bRow0 + p + 1];
            float[] b2 = b[bRow0 + p + 2];
            float[] b3 = b[bRow0 + p + 3];
            for (int j = j0; j < j1; j++) {
                c[j] = Math.fma(a3, b3[j], Math.fma(a2, b2[j], Math.fma(a1, b1[j], Math.fma(a0, b0[j], c[j]))));
            }
        }
        for (; p < p1; p++) {
            float a0 = a[p];
            if (a0 == 0f) {
                continue;
            }
            float[] b0 = b[bRow0 + p];
            for (int j = j0; j < j1; j++) {
                c[j] = Math.fma(a0, b0[j], c[j]);
            }
        }
    }

    /**
     * Two output rows sharing B: {@code c0 += a0 . B} and {@code c1 += a1 . B} over the same ranges
     * as {@link #row}; each group of four B rows is fetched once for both.
     */
    public static void rowPair(float[] a0, float[] a1, float[][] b, int bRow0, float[] c0, float[] c1,
            int p0, int p1, int j0, int j1) {
        int p = p0;
        for (; p + 3 < p1; p += 4) {
            float x0 = a0[p];
            float x1 = a0[p + 1];
            float x2 = a0[p + 2];
            float x3 = a0[p + 3];
            float y0 = a1[p];
            float y1 = a1[p + 1];
            float y2 = a1[p + 2];
            float y3 = a1[p + 3];
            boolean xZero = x0 == 0f && x1 == 0f && x2 == 0f && x3 == 0f;
            boolean yZero = y0 == 0f && y1 == 0f && y2 == 0f && y3 == 0f;
            if (xZero && yZero) {
                continue;
            }
            float[] b0 = b[bRow0 + p];
            float[] b1 = b[bRow0 + p + 1];
            float[] b2 = b[bRow0 + p + 2];
            float[] b3 = b[bRow0 + p + 3];
            if (!xZero) {
                for (int j = j0; j < j1; j++) {
                    c0[j] = Math.fma(x3, b3[j], Math.fma(x2, b2[j], Math.fma(x1, b1[j], Math.fma(x0, b0[j], c0[j]))));
                }
            }
            if (!yZero) {
                for (int j = j0; j < j1; j++) {
                    c1[j] = Math.fma(y3, b3[j], Math.fma(y2, b2[j], Math.fma(y1, b1[j], Math.fma(y0, b0[j], c1[j]))));
                }
            }
        }
        if (p < p1) {
            row(a0, b, bRow0, c0, p, p1, j0, j1);
            row(a1, b, bRow0, c1, p, p1, j0, j1);
        }
    }

    /**
     * A sparse row: {@code c[j] += sum_{i < n} coef[i] * b[bRow0 + rows[i]][j]} for j in [j0, j1), four
     * listed rows per pass (same kernel shape as {@link #row}, for coefficient vectors with few
     * non-zeros at scattered places, where skipping groups of four zeros saves little).
     */
    public static void sparseRow(int[] rows, float[] coef, int n, float[][] b, int bRow0, float[] c, int j0, int j1) {
        int i = 0;
        for (; i + 3 < n; i += 4) {
            float a0 = coef[i];
            float a1 = coef[i + 1];
            float a2 = coef[i + 2];
            float a3 = coef[i + 3];
            float[] b0 = b[bRow0 + rows[i]];
            float[] b1 = b[bRow0 + rows[i + 1]];
            float[] b2 = b[bRow0 + rows[i + 2]];
            float[] b3 = b[bRow0 + rows[i + 3]];
            for (int j = j0; j < j1; j++) {
                c[j] = Math.fma(a3, b3[j], Math.fma(a2, b2[j], Math.fma(a1, b1[j], Math.fma(a0, b0[j], c[j]))));
            }
        }
        for (; i < n; i++) {
            float a0 = coef[i];
            float[] b0 = b[bRow0 + rows[i]];
            for (int j = j0; j < j1; j++) {
                c[j] = Math.fma(a0, b0[j], c[j]);
            }
        }
    }

    /** C += A B for whole matrices: A [m][k], B [k][n], C [m][n]. */
    public static void multiplyAdd(float[][] a, float[][] b, float[][] c) {
        int k = b.length;
        int n = k == 0 ? 0 : b[0].length;
        rows(a, 0, a.length, b, c, 0, k, n);
    }

    private static void rows(float[][] a, int row0, int rows, float[][] b, float[][] c, int cRow0, int k, int n) {
        int i = 0;
        for (; i + 1 < rows; i += 2) {
            rowPair(a[row0 + i], a[row0 + i + 1], b, 0, c[cRow0 + i], c[cRow0 + i + 1], 0, k, 0, n);
        }
        if (i < rows) {
            row(a[row0 + i], b, 0, c[cRow0 + i], 0, k, 0, n);
        }
    }

    /** A new [rows][n] product of rows [row0, row0+rows) of A with B [k][n]. */
    public static float[][] multiply(float[][] a, int row0, int rows, float[][] b) {
        int k = b.length;
        int n = b[0].length;
        float[][] c = new float[rows][n];
        rows(a, row0, rows, b, c, 0, k, n);
        return c;
    }

    /** Sum of a[0..n) with eight independent accumulators (C2 leaves ordered float sums scalar). */
    public static float sum(float[] a, int n) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        float s4 = 0f;
        float s5 = 0f;
        float s6 = 0f;
        float s7 = 0f;
        int i = 0;
        for (; i + 7 < n; i += 8) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
            s4 += a[i + 4];
            s5 += a[i + 5];
            s6 += a[i + 6];
            s7 += a[i + 7];
        }
        for (; i < n; i++) {
            s0 += a[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
