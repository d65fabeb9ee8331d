package io.lisastream.trainer.nn;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Matrix products on plain row-major {@code float[]} through ND4J's BLAS gemm.
 *
 * <p>Measured on the 2-core target machine (docs/results.md): ND4J's gemm into a preallocated
 * output runs at ~140 GFLOP/s, but allocating a large INDArray costs ~0.5 s per 150 MB and a gemm
 * that allocates its own output is 5-15x slower. So the operands are copied (bulk NIO copies,
 * ~13 GB/s) into three growable native buffers that live as long as the thread, the product is
 * written into a preallocated view, and copied back. Everything else in the trainer runs on
 * float[] in Java, where fused loops beat chains of ND4J ops.
 */
public final class Blas {
    private static final ThreadLocal<Slots> SLOTS = ThreadLocal.withInitial(Slots::new);

    private Blas() {
    }

    /**
     * C[m x n] = alpha * op(A) op(B) + beta * C, with op(A) [m x k] and op(B) [k x n]; A is stored
     * [m x k] (or [k x m] when transA), B [k x n] (or [n x k] when transB), all row-major.
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a,
            float[] b, float beta, float[] c) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            scaleOrZero(c, m * n, beta);
            return;
        }
        Slots s = SLOTS.get();
        INDArray av = s.a.view(a, transA ? k : m, transA ? m : k);
        INDArray bv = s.b.view(b, transB ? n : k, transB ? k : n);
        INDArray cv = s.c.view(beta == 0f ? null : c, m, n);
        Nd4j.gemm(av, bv, cv, transA, transB, alpha, beta);
        s.c.copyOut(c, m * n);
    }

    /** C = A B (no transposes, overwrite). */
    public static void mm(float[] a, float[] b, float[] c, int m, int k, int n) {
        gemm(false, false, m, n, k, 1f, a, b, 0f, c);
    }

    private static void scaleOrZero(float[] c, int len, float beta) {
        for (int i = 0; i < len; i++) {
            c[i] = beta == 0f ? 0f : beta * c[i];
        }
    }

    private static final class Slots {
        final Slot a = new Slot();
        final Slot b = new Slot();
        final Slot c = new Slot();
    }

    /** A growable native float buffer; views of its prefix serve as gemm operands. */
    private static final class Slot {
        private INDArray buffer;
        private FloatBuffer nio;

        INDArray view(float[] src, int rows, int cols) {
            long len = (long) rows * cols;
            if (buffer == null || buffer.length() < len) {
                long cap = Math.max(len, buffer == null ? 0 : buffer.length() * 3 / 2);
                if (buffer != null) {
                    buffer.close();
                }
                buffer = Nd4j.create(DataType.FLOAT, cap);
                nio = buffer.data().asNioFloat();
            }
            if (src != null) {
                nio.put(0, src, 0, (int) len);
            }
            return buffer.get(NDArrayIndex.interval(0, len)).reshape('c', rows, cols);
        }

        void copyOut(float[] dst, int len) {
            nio.get(0, dst, 0, len);
        }
    }
}
