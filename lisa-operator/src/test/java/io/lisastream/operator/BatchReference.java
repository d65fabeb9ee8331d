package io.lisastream.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.model.LisaModel;
import io.lisastream.model.inference.InferenceModel;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The model core's batch inference on a whole click history, the reference the operator's
 * outputs are checked against: z = userVector(known items, oldest first), scores = scoreAll(z).
 */
final class BatchReference {
    static final float TOLERANCE = 1e-4f;

    private final LisaModel model;
    private final InferenceModel inference;

    BatchReference(ModelAnnouncement a) {
        this.model = TestArtifacts.readBack(a);
        this.inference = InferenceModel.compile(model);
    }

    String version() {
        return model.config().version();
    }

    /** Batch scores of every item after {@code clicks} (external ids, oldest first; unknown ones skipped). */
    float[] scores(List<String> clicks) {
        int[] known = clicks.stream().mapToInt(model::indexOf).filter(i -> i >= 0).toArray();
        return inference.scoreAll(inference.userVector(known));
    }

    /**
     * Checks one recommendation against the batch scores: every emitted score equals the batch one
     * within {@link #TOLERANCE}; items are in descending order, none of the newest
     * {@code excludeRecent} clicks, and no other eligible item scores above the K-th.
     */
    void assertMatches(Recommendation r, List<String> clicks, int k, int excludeRecent) {
        float[] scores = scores(clicks);
        Set<Integer> excluded = new HashSet<>();
        for (String id : clicks.subList(Math.max(0, clicks.size() - excludeRecent), clicks.size())) {
            int idx = model.indexOf(id);
            if (idx >= 0) {
                excluded.add(idx);
            }
        }
        assertThat(r.modelVersion).isEqualTo(version());
        assertThat(r.itemIds).hasSize(Math.min(k, model.config().numItems() - excluded.size()));
        assertThat(r.scores).hasSameSizeAs(r.itemIds);
        Set<Integer> emitted = new HashSet<>();
        for (int i = 0; i < r.itemIds.length; i++) {
            int idx = model.indexOf(r.itemIds[i]);
            assertThat(idx).as("emitted item %s is in the catalogue", r.itemIds[i]).isGreaterThanOrEqualTo(0);
            assertThat(excluded).as("emitted item %s is not a recent click", r.itemIds[i]).doesNotContain(idx);
            assertThat(r.scores[i]).as("score of %s after %s", r.itemIds[i], clicks)
                    .isCloseTo(scores[idx], org.assertj.core.data.Offset.offset(TOLERANCE));
            if (i > 0) {
                assertThat(r.scores[i]).isLessThanOrEqualTo(r.scores[i - 1]);
            }
            emitted.add(idx);
        }
        float kth = r.scores.length == 0 ? Float.NEGATIVE_INFINITY : r.scores[r.scores.length - 1];
        for (int idx = 0; idx < scores.length; idx++) {
            if (!emitted.contains(idx) && !excluded.contains(idx)) {
                assertThat(scores[idx]).as("item %d left out of the top %d", idx, k).isLessThanOrEqualTo(kth + TOLERANCE);
            }
        }
    }

    static String describe(float[] a) {
        return Arrays.toString(a);
    }
}
