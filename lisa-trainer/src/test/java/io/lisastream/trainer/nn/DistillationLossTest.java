package io.lisastream.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.DoubleSupplier;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The distillation loss: finite-difference gradients, and what it reduces to at its edges. */
class DistillationLossTest {
    private static final int D = 6;
    private static final int N = 9;

    /**
     * Two sequences of three steps (time-major; one padding position, repeated items), random user
     * vectors z [P, D], target table [N, D] and teacher logits [P, N].
     */
    private record Case(Batch b, int p, float[] z, float[] table, float[] teacher) {
        static Case random(long seed) {
            Random rng = new Random(seed);
            Batch b = Batch.of(new int[][] {{0, 3, 3}, {5, 1}}, new int[][] {{3, 3, 7}, {1, 2}});
            int p = b.positions();
            return new Case(b, p, GradCheck.random(rng, p * D, 1.0), GradCheck.random(rng, N * D, 1.0),
                    GradCheck.random(rng, p * N, 2.0));
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Case c = Case.random(21);
        Batch b = c.b();
        int p = c.p();
        float[] z = c.z();
        float[] table = c.table();
        float[] teacher = c.teacher();
        SeenItems seen = SeenItems.of(b, N);
        for (float tau : new float[] {1f, 2.5f}) {
            for (SeenItems s : new SeenItems[] {null, seen}) {
                DoubleSupplier loss = () -> DistillationLoss.evaluate(z, table, teacher, b.targets(), s, D, 0.6f, tau,
                        null, null);
                float[] gz = new float[p * D];
                float[] gt = new float[N * D];
                DistillationLoss.evaluate(z, table, teacher, b.targets(), s, D, 0.6f, tau, gz, gt);
                GradCheck.check("z (tau " + tau + ")", loss, z, gz, 200, 1);
                GradCheck.check("table (tau " + tau + ")", loss, table, gt, 200, 2);
            }
        }
    }

    @Test
    void withoutTheTeacherTermItIsTheFullSoftmaxCrossEntropy() {
        Case c = Case.random(22);
        Batch b = c.b();
        int p = c.p();
        float[] z = c.z();
        float[] table = c.table();
        float[] teacher = c.teacher();
        int[] all = new int[N];
        for (int i = 0; i < N; i++) {
            all[i] = i;
        }
        SeenItems seen = SeenItems.of(b, N);
        float[] gz = new float[p * D];
        float[] gt = new float[N * D];
        float[] gzCe = new float[p * D];
        float[] gtCe = new float[N * D];
        double kd = DistillationLoss.evaluate(z, table, teacher, b.targets(), seen, D, 0f, 1f, gz, gt);
        double ce = SoftmaxCrossEntropy.evaluate(z, table, b.targets(), all, seen, D, gzCe, gtCe);
        assertThat(kd).isCloseTo(ce, Offset.offset(1e-5));
        for (int i = 0; i < gz.length; i++) {
            assertThat(gz[i]).as("gz[%d]", i).isCloseTo(gzCe[i], Offset.offset(1e-5f));
        }
        for (int i = 0; i < gt.length; i++) {
            assertThat(gt[i]).as("gt[%d]", i).isCloseTo(gtCe[i], Offset.offset(1e-5f));
        }
    }

    @Test
    void aStudentThatAgreesWithItsTeacherPaysOnlyTheLabelTerm() {
        Case c = Case.random(23);
        Batch b = c.b();
        int p = c.p();
        float[] z = c.z();
        float[] table = c.table();
        float[] own = new float[p * N];
        Blas.gemm(false, true, p, N, D, 1f, z, table, 0f, own);
        float[] other = c.teacher();
        double ce = DistillationLoss.evaluate(z, table, own, b.targets(), null, D, 0f, 2f, null, null);
        double agreeing = DistillationLoss.evaluate(z, table, own, b.targets(), null, D, 0.4f, 2f, null, null);
        double disagreeing = DistillationLoss.evaluate(z, table, other, b.targets(), null, D, 0.4f, 2f, null, null);
        assertThat(agreeing).isCloseTo(0.6 * ce, Offset.offset(1e-5));
        assertThat(disagreeing).isGreaterThan(agreeing + 0.1);
    }
}
