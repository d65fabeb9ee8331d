package io.lisastream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lisastream.model.inference.InferenceModel;
import io.lisastream.model.inference.ScoredItems;
import io.lisastream.operator.Recommendation;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a recommendation must be, computed independently with the model core's batch inference: for
 * the user's history up to and including the triggering click, z = userVector(history), the items are
 * the top K of scoreAll(z) without the last N clicked items, with those scores (to 1e-4).
 */
final class ModelCoreParity {
    static final float TOLERANCE = 1e-4f;

    private ModelCoreParity() {
    }

    /**
     * @param history  the user's clicked item ids, in order
     * @param models   by version
     */
    static void assertMatches(Recommendation r, List<String> history, Map<String, InferenceModel> models, int k, int excludeLast) {
        InferenceModel m = models.get(r.modelVersion);
        assertThat(m).as("model version %s of %s", r.modelVersion, r).isNotNull();
        assertThat(r.historyLength).as("history length of %s", r).isBetween(1L, (long) history.size());
        int[] h = history.subList(0, (int) r.historyLength).stream().mapToInt(id -> m.model().indexOf(id)).toArray();
        assertThat(h).as("test histories use known items only").doesNotContain(-1);
        float[] z = m.userVector(h);
        int[] exclude = excludeLast == 0 ? null : Arrays.copyOfRange(h, Math.max(0, h.length - excludeLast), h.length);
        ScoredItems top = m.topK(z, k, exclude);
        String[] ids = Arrays.stream(top.items()).mapToObj(i -> m.model().itemIds().get(i)).toArray(String[]::new);
        assertThat(r.itemIds).as("items of %s", r).containsExactly(ids);
        float[] all = m.scoreAll(z);
        for (int i = 0; i < r.itemIds.length; i++) {
            assertThat(r.scores[i]).as("score of %s in %s", r.itemIds[i], r)
                    .isCloseTo(all[m.model().indexOf(r.itemIds[i])], within(TOLERANCE));
        }
    }
}
