package io.lisastream.model.inference;

/** Small dense kernels on flat row-major arrays, written so the JIT vectorises the inner loops. */
final class Linear {
    private Linear() {
    }

    /**
     * out[0..cols) += v . M, where M is the row-major [v.length, cols] block of {@code m} starting at
     * {@code offset}.
     */
    static void accumulate(float[] v, float[] m, int offset, int cols, float[] out) {
        for (int r = 0; r < v.length; r++) {
            float a = v[r];
            if (a == 0f) {
                continue;
            }
            int row = offset + r * cols;
            for (int c = 0; c < cols; c++) {
                out[c] += a * m[row + c];
            }
        }
    }

    /**
     * out[0..cols) += v . M for M held as rows (M[r] = {@code m[r]}, length cols). The same sums in the
     * same order as the flat form, but HotSpot vectorises this one: its inner loop reads and writes
     * separate arrays at the same index, where the flat form's row offsets into one array keep it
     * scalar (C2 cannot rule out that {@code out} and {@code m} overlap).
     */
    static void accumulate(float[] v, float[][] m, float[] out) {
        mix(v, m, 0, v.length, out);
    }

    /**
     * out += sum of a[k] * rows[rowOffset + k] over k in [0, count) with a[k] != 0, added in ascending
     * k exactly as one row at a time would, but four rows per pass over {@code out}:
     * {@code out[i] + a0 r0[i] + a1 r1[i] + a2 r2[i] + a3 r3[i]} evaluates left to right in Java, so the
     * rounding is that of four successive updates, with a quarter of the loop overhead and of the
     * loads and stores of {@code out}.
     */
    static void mix(float[] a, float[][] rows, int rowOffset, int count, float[] out) {
        int n = out.length;
        float a0 = 0f;
        float a1 = 0f;
        float a2 = 0f;
        float[] r0 = null;
        float[] r1 = null;
        float[] r2 = null;
        int held = 0;
        for (int k = 0; k < count; k++) {
            float x = a[k];
            if (x == 0f) {
                continue;
            }
            float[] r = rows[rowOffset + k];
            switch (held) {
                case 0 -> {
                    a0 = x;
                    r0 = r;
                    held = 1;
                }
                case 1 -> {
                    a1 = x;
                    r1 = r;
                    held = 2;
                }
                case 2 -> {
                    a2 = x;
                    r2 = r;
                    held = 3;
                }
                default -> {
                    for (int i = 0; i < n; i++) {
                        out[i] = out[i] + a0 * r0[i] + a1 * r1[i] + a2 * r2[i] + x * r[i];
                    }
                    held = 0;
                }
            }
        }
        if (held > 0) {
            addRow(a0, r0, out);
        }
        if (held > 1) {
            addRow(a1, r1, out);
        }
        if (held > 2) {
            addRow(a2, r2, out);
        }
    }

    private static void addRow(float a, float[] row, float[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] += a * row[i];
        }
    }

    /** Rows [0, rows) of the row-major [rows, cols] block of {@code m} at {@code offset}, as separate arrays. */
    static float[][] rows(float[] m, int offset, int rows, int cols) {
        float[][] out = new float[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = java.util.Arrays.copyOfRange(m, offset + r * cols, offset + (r + 1) * cols);
        }
        return out;
    }

    /** out += v . M for M = m as a whole [v.length, cols] matrix. */
    static void accumulate(float[] v, float[] m, int cols, float[] out) {
        accumulate(v, m, 0, cols, out);
    }

    /** Dot product of a[aOff .. aOff+n) and b[bOff .. bOff+n). */
    static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += a[aOff + i] * b[bOff + i];
        }
        return s;
    }

    /** Row {@code row} of a [rows, cols] matrix projected: (M[row] . P) where P is [cols, outCols] at pOffset. */
    static float[] projectRow(float[] m, int row, int cols, float[] p, int pOffset, int outCols) {
        float[] v = new float[cols];
        System.arraycopy(m, row * cols, v, 0, cols);
        float[] out = new float[outCols];
        accumulate(v, p, pOffset, outCols, out);
        return out;
    }
}
