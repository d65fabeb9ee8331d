package io.lisastream.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.model.LisaModel;
import io.lisastream.model.AttentionQuery;
import io.lisastream.model.Variant;
import io.lisastream.model.artifact.ModelArtifact;
import io.lisastream.model.inference.InferenceModel;
import io.lisastream.model.inference.UserState;
import io.lisastream.trainer.nn.Adam;
import io.lisastream.trainer.nn.Batch;
import io.lisastream.trainer.nn.BceLoss;
import io.lisastream.trainer.nn.ModelShape;
import io.lisastream.trainer.nn.SequenceNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An exported artifact, read back and scored by the model core's InferenceModel, gives the same
 * user vectors and scores as the training graph's eval forward (to 1e-4), for every variant.
 */
class ParityTest {
    private static final int N = 40;
    private static final int MAX_LEN = 12;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Variant.class)
    void exportedArtifactScoresWhatTheTrainingForwardComputes(Variant v) throws Exception {
        checkParity(new ModelShape(v, N, 16, 24, MAX_LEN, 0.1, 3, 8, 2, 16, 0.7, 0.1, 1e-5));
    }

    @Test
    void stackedSasrecBlocksScoreWhatTheTrainingForwardComputes() throws Exception {
        checkParity(new ModelShape(Variant.SASREC, N, 16, 24, MAX_LEN, 0.1, 0, 0, 0, 0, 0.7, 0.1, 1e-5, 3));
        String manifest = java.nio.file.Files.readString(tmp.resolve("m").resolve("manifest.json"));
        assertThat(manifest).contains("\"blocks\" : 3");
        assertThat(ModelArtifact.read(tmp.resolve("m")).tensor("w_q").shape()).containsExactly(3, 16, 16);
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"LISA_BASE", "LISA_SOFT", "LISA_MINI"})
    void stackedLisaBlocksScoreWhatTheTrainingForwardComputes(Variant v) throws Exception {
        checkParity(new ModelShape(v, N, 16, 24, MAX_LEN, 0.1, 3, 8, 2, 16, 0.7, 0.1, 1e-5, 3));
        LisaModel read = ModelArtifact.read(tmp.resolve("m"));
        assertThat(read.config().blocks()).isEqualTo(3);
        assertThat(read.tensor("w_q").shape()).containsExactly(3, 3, 16, 16);
        assertThat(read.tensor("ffn_w1").shape()).containsExactly(3, 16, 24);
        assertOnlineEqualsBatch(read);
    }

    /** The first block queried by its input: batch and event-by-event serving match training. */
    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"LISA_BASE", "LISA_SOFT", "LISA_MINI"})
    void inputQueriedLisaScoresWhatTheTrainingForwardComputes(Variant v) throws Exception {
        for (int blocks : new int[] {1, 2}) {
            checkParity(new ModelShape(v, N, 16, 24, MAX_LEN, 0.1, 3, 8, 2, 16, 0.7, 0.1, 1e-5, blocks,
                    AttentionQuery.INPUT));
            LisaModel read = ModelArtifact.read(tmp.resolve("m"));
            assertThat(read.config().query()).isEqualTo(AttentionQuery.INPUT);
            assertThat(new String(java.nio.file.Files.readAllBytes(tmp.resolve("m/manifest.json"))))
                    .contains("\"query\" : \"input\"");
            assertOnlineEqualsBatch(read);
            deleteArtifact();
        }
    }

    /** Decays learned per codebook (here pushed apart): training, batch and event-by-event serving agree. */
    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"LISA_BASE", "LISA_SOFT", "LISA_MINI"})
    void learnedDecaysScoreWhatTheTrainingForwardComputes(Variant v) throws Exception {
        ModelShape shape = new ModelShape(v, N, 16, 24, MAX_LEN, 0.1, 3, 8, 2, 16, 0.7, 0.1, 1e-5, 1,
                AttentionQuery.INPUT, true);
        float[] lambdas = {0.01f, 0.3f, 1.5f};
        checkParity(shape, net -> {
            for (int cb = 0; cb < lambdas.length; cb++) {
                net.params().get("log_decay").value[cb] = (float) Math.log(lambdas[cb]);
            }
        });
        LisaModel read = ModelArtifact.read(tmp.resolve("m"));
        assertThat(read.config().codebookDecays()).hasSize(3);
        for (int cb = 0; cb < lambdas.length; cb++) {
            assertThat(read.config().decay(cb)).isCloseTo(lambdas[cb], org.assertj.core.data.Offset.offset(1e-6));
        }
        assertOnlineEqualsBatch(read);
    }

    /**
     * Window blocks: the model core's batch path, which runs the first block at the newest span
     * positions only (7 of up to 12 for three blocks of window 4), matches the training forward, which
     * runs every block at every position; histories longer than maxLen are read as their last maxLen
     * items by both.
     */
    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"LISA_BASE", "LISA_SOFT", "LISA_MINI"})
    void windowBlocksScoreWhatTheTrainingForwardComputes(Variant v) throws Exception {
        for (int blocks : new int[] {2, 3}) {
            checkParity(new ModelShape(v, N, 16, 24, MAX_LEN, 0.1, 3, 8, 2, 16, 0.7, 0.1, 1e-5, blocks,
                    AttentionQuery.CODES, false, 4));
            LisaModel read = ModelArtifact.read(tmp.resolve("m"));
            assertThat(read.config().blockWindow()).isEqualTo(4);
            assertThat(read.config().blocks()).isEqualTo(blocks);
            assertThat(InferenceModel.compile(read).isIncremental()).isFalse();
            deleteArtifact();
        }
    }

    private void assertOnlineEqualsBatch(LisaModel read) {
        Variant v = read.variant();
        // the online path: the histogram state alone, folded event by event, gives the same z
        InferenceModel inference = InferenceModel.compile(read);
        UserState state = inference.newState();
        Random rng = new Random(4);
        int[] history = new int[MAX_LEN + 9];
        for (int t = 0; t < history.length; t++) {
            history[t] = rng.nextInt(N);
            inference.observe(state, history[t]);
            float[] online = inference.userVector(state);
            float[] batch = inference.userVector(java.util.Arrays.copyOf(history, t + 1));
            for (int j = 0; j < online.length; j++) {
                assertThat((double) online[j]).as("%s z[%d] after %d events", v, j, t + 1)
                        .isCloseTo(batch[j], org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    private void deleteArtifact() throws java.io.IOException {
        try (var files = java.nio.file.Files.walk(tmp.resolve("m"))) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(f);
            }
        }
    }

    private void checkParity(ModelShape shape) throws Exception {
        checkParity(shape, net -> { });
    }

    /** {@code adjust} changes the trained network before it is exported. */
    private void checkParity(ModelShape shape, java.util.function.Consumer<SequenceNetwork> adjust) throws Exception {
        Variant v = shape.variant();
        SequenceNetwork net = new SequenceNetwork(shape, 5);
        trainAFewSteps(net, shape);
        adjust.accept(net);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            ids.add("item-" + i);
        }
        LisaModel exported = ModelExport.toModel(net, ids, "parity-" + v.wireName() + "-x" + shape.blocks(),
                Map.of("note", "test"));
        ModelArtifact.write(exported, tmp.resolve("m"));
        InferenceModel inference = InferenceModel.compile(ModelArtifact.read(tmp.resolve("m")));

        Random rng = new Random(9);
        // LISA reads a longer history's decayed older codes; sasrec and window blocks read its last maxLen items
        int maxHistory = v == Variant.SASREC || shape.blockWindow() > 0 ? MAX_LEN + 7 : MAX_LEN;
        int[][] histories = new int[maxHistory][];
        for (int len = 1; len <= maxHistory; len++) {
            int[] h = new int[len];
            for (int t = 0; t < len; t++) {
                h[t] = rng.nextInt(N);
            }
            histories[len - 1] = h;
        }
        float[][] z = UserVectors.compute(net, histories);
        float[] targets = net.tables().target();
        for (int k = 0; k < histories.length; k++) {
            float[] zi = inference.userVector(histories[k]);
            assertThat(zi).hasSize(shape.dim());
            for (int j = 0; j < zi.length; j++) {
                assertThat((double) zi[j]).as("%s z[%d] for history length %d", v, j, histories[k].length)
                        .isCloseTo(z[k][j], org.assertj.core.data.Offset.offset(1e-4));
            }
            float[] scores = inference.scoreAll(zi);
            for (int n = 0; n < N; n++) {
                double s = 0;
                for (int j = 0; j < shape.dim(); j++) {
                    s += z[k][j] * targets[n * shape.dim() + j];
                }
                assertThat((double) scores[n]).as("%s score of item %d", v, n)
                        .isCloseTo(s, org.assertj.core.data.Offset.offset(1e-4 * Math.max(1, Math.abs(s))));
            }
        }
    }

    /** A few Adam steps so the parameters are not just their initialisation. */
    static void trainAFewSteps(SequenceNetwork net, ModelShape shape) {
        Adam adam = new Adam(1e-2, 0.9, 0.98, 1e-8);
        SplittableRandom rng = new SplittableRandom(1);
        for (int step = 0; step < 5; step++) {
            int[][] w = new int[4][];
            int[][] t = new int[4][];
            for (int s = 0; s < 4; s++) {
                int len = 3 + rng.nextInt(shape.maxLen() - 3);
                w[s] = new int[len];
                t[s] = new int[len];
                for (int i = 0; i < len; i++) {
                    w[s][i] = rng.nextInt(shape.numItems());
                    t[s][i] = (w[s][i] + 1) % shape.numItems();
                }
            }
            Batch b = Batch.of(w, t);
            net.params().zeroGrad();
            float[] z = net.forward(b, true, rng);
            float[] gz = new float[z.length];
            float[] gt = new float[shape.numItems() * shape.dim()];
            new BceLoss().forwardBackward(z, net.tables().target(), b, shape.dim(), shape.numItems(), rng, gz, gt);
            net.backward(gz, gt);
            adam.update(net.params());
        }
    }
}
