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
