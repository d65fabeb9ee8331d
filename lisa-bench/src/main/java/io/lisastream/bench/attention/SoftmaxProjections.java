package io.lisastream.bench.attention;

import io.lisastream.bench.kernel.Gemm;
import io.lisastream.bench.kernel.Matrices;
import java.util.Arrays;

/**
 * Vanilla attention's projections of the inputs X [L][D]: Q = X Wq and V = X Wv as [L][D], the keys
 * transposed, K^T = (X Wk)^T, as [D][L] (or in column blocks), computed through one reused
 * [64][D] chunk so no [L][D] key matrix is ever held next to its transpose.
 */
final class SoftmaxProjections {
    private static final int CHUNK = 64;

    private SoftmaxProjections() {
    }

    static float[][] project(float[][] x, float[][] m) {
        return Gemm.multiply(x, 0, x.length, m);
    }

    /** K^T [D][L]. */
    static float[][] keysTransposed(float[][] x, float[][] wk) {
        int length = x.length;
        int d = wk[0].length;
        float[][] kT = new float[d][length];
        float[][] chunk = new float[CHUNK][d];
        for (int r0 = 0; r0 < length; r0 += CHUNK) {
            int rows = Math.min(CHUNK, length - r0);
            projectChunk(x, r0, rows, wk, chunk);
            Matrices.transposeInto(chunk, rows, kT, r0);
        }
        return kT;
    }

    /** K^T in column blocks: [ceil(L/block)][D][block]; block kb holds keys kb*block .. kb*block+block-1. */
    static float[][][] keysTransposedBlocks(float[][] x, float[][] wk, int block) {
        int length = x.length;
        int d = wk[0].length;
        int blocks = (length + block - 1) / block;
        float[][][] kT = new float[blocks][d][block];
        float[][] chunk = new float[block][d];
        for (int kb = 0; kb < blocks; kb++) {
            int r0 = kb * block;
            int rows = Math.min(block, length - r0);
            projectChunk(x, r0, rows, wk, chunk);
            Matrices.transposeInto(chunk, rows, kT[kb], 0);
        }
        return kT;
    }

    private static void projectChunk(float[][] x, int r0, int rows, float[][] m, float[][] chunk) {
        int d = m[0].length;
        for (int i = 0; i < rows; i++) {
            Arrays.fill(chunk[i], 0f);
            Gemm.row(x[r0 + i], m, 0, chunk[i], 0, m.length, 0, d);
        }
    }
}
