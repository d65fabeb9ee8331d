package io.lisastream.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.model.LisaModel;
import io.lisastream.model.Variant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Per-click serving on the RocksDB backend, checked against the model core's batch inference. */
class ServingUnitTest {
    @TempDir
    Path models;

    private LisaOperatorConfig config() {
        return LisaOperatorConfig.defaults().withTopK(5).withRingSize(30).withExcludeRecent(3)
                .withAllowedModelRoots(models.toUri().toString());
    }

    @Test
    void everyClickGetsOneRecommendationWithTheClickFields() throws Exception {
        ModelAnnouncement a = TestArtifacts.publish(TestArtifacts.small(Variant.LISA_BASE, "v1", 1), models, "v1");
        BatchReference ref = new BatchReference(a);
        try (OperatorHarness h = OperatorHarness.open(config())) {
            h.announce(a);
            List<String> history = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String item = "item-" + (i * 7 % 40);
                history.add(item);
                List<Recommendation> out = h.click("alice", item, 1000L + i);
                assertThat(out).hasSize(1);
                Recommendation r = out.get(0);
                assertThat(r.userId).isEqualTo("alice");
                assertThat(r.timestamp).isEqualTo(1000L + i);
                assertThat(r.ingestMillis).isEqualTo(1007L + i);
                assertThat(r.historyLength).isEqualTo(i + 1);
                assertThat(r.modelVersion).isEqualTo("v1");
                ref.assertMatches(r, history, 5, 3);
            }
            assertThat(h.metrics().events.getCount()).isEqualTo(8);
            assertThat(h.metrics().recommendations.getCount()).isEqualTo(8);
            assertThat(h.metrics().currentModelVersion()).isEqualTo("v1");
            assertThat(h.metrics().scoringLatency.getCount()).isEqualTo(8);
            assertThat(h.metrics().histogramRebuilds.getCount()).isZero();
        }
    }

    @Test
    void excludingRecentItemsCanBeTurnedOff() throws Exception {
        ModelAnnouncement a = TestArtifacts.publish(TestArtifacts.small(Variant.LISA_BASE, "v1", 2), models, "v1");
        BatchReference ref = new BatchReference(a);
        try (OperatorHarness h = OperatorHarness.open(config().withExcludeRecent(0).withTopK(40))) {
            h.announce(a);
            Recommendation r = h.click("bob", "item-3", 1).get(0);
            assertThat(r.itemIds).hasSize(40).contains("item-3");
            ref.assertMatches(r, List.of("item-3"), 40, 0);
        }
    }

    @Test
    void clicksBeforeAnyModelAreKeptAndCountedWithoutOutput() throws Exception {
        ModelAnnouncement a = TestArtifacts.publish(TestArtifacts.small(Variant.LISA_BASE, "v1", 3), models, "v1");
        BatchReference ref = new BatchReference(a);
        try (OperatorHarness h = OperatorHarness.open(config())) {
            assertThat(h.click("carol", "item-1", 1)).isEmpty();
            assertThat(h.click("carol", "item-2", 2)).isEmpty();
            assertThat(h.click("dave", "item-9", 3)).isEmpty();
            assertThat(h.metrics().eventsWithoutModel.getCount()).isEqualTo(3);
            assertThat(h.metrics().currentModelVersion()).isEmpty();

            h.announce(a);
            Recommendation r = h.click("carol", "item-5", 4).get(0);
            assertThat(r.historyLength).isEqualTo(3);
            ref.assertMatches(r, List.of("item-1", "item-2", "item-5"), 5, 3);
            assertThat(h.metrics().histogramRebuilds.getCount()).isEqualTo(1);
            assertThat(h.metrics().eventsWithoutModel.getCount()).isEqualTo(3);
        }
    }

    @Test
    void unknownItemsAreKeptCountedAndLeftOutOfTheHistogram() throws Exception {
        ModelAnnouncement a = TestArtifacts.publish(TestArtifacts.small(Variant.LISA_BASE, "v1", 4), models, "v1");
        BatchReference ref = new BatchReference(a);
        try (OperatorHarness h = OperatorHarness.open(config())) {
            h.announce(a);
            assertThat(h.click("erin", "no-such-item", 1)).as("no known item yet: nothing to score").isEmpty();
            assertThat(h.click("erin", null, 2)).isEmpty();
            List<String> history = new ArrayList<>(List.of("no-such-item", "", "item-4"));
            Recommendation r = h.click("erin", "item-4", 3).get(0);
            assertThat(r.historyLength).isEqualTo(3);
            ref.assertMatches(r, history, 5, 3);
            history.add("x".repeat(5000));
            r = h.click("erin", "x".repeat(5000), 4).get(0);
            assertThat(r.historyLength).isEqualTo(4);
            ref.assertMatches(r, history, 5, 3);
            history.add("item-8");
            ref.assertMatches(h.click("erin", "item-8", 5).get(0), history, 5, 3);
            assertThat(h.metrics().unknownItems.getCount()).isEqualTo(3);
            assertThat(h.metrics().events.getCount()).isEqualTo(5);
            assertThat(h.state("erin").ringCount).isEqualTo(5);
        }
    }

    /**
     * Many users with random interleaved histories (some past maxLen, one past the histogram's
     * renormalisation at 400 events): every emitted score equals batch inference on the same
     * history, for every variant.
     */
    @ParameterizedTest
    @EnumSource(Variant.class)
    void scoresEqualBatchInferenceForEveryVariant(Variant variant) throws Exception {
        LisaModel model = TestArtifacts.model(variant, "parity-" + variant.wireName(), 11, 60, 16, 20, 3, 8);
        ModelAnnouncement a = TestArtifacts.publish(model, models, "m");
        BatchReference ref = new BatchReference(a);
        LisaOperatorConfig cfg = config().withRingSize(25).withExcludeRecent(4).withTopK(7);
        SplittableRandom rnd = new SplittableRandom(variant.ordinal());
        Map<String, Integer> lengths = new HashMap<>(Map.of("u1", 1, "u2", 5, "u3", 19, "u4", 26, "u5", 60));
        if (variant == Variant.LISA_BASE) {
            lengths.put("long", 430);
        }
        Map<String, List<String>> histories = new HashMap<>();
        int emitted = 0;
        try (OperatorHarness h = OperatorHarness.open(cfg)) {
            h.announce(a);
            long ts = 0;
            while (!lengths.isEmpty()) {
                List<String> users = new ArrayList<>(lengths.keySet());
                users.sort(null);
                String user = users.get(rnd.nextInt(users.size()));
                String item = "item-" + rnd.nextInt(60);
                List<String> history = histories.computeIfAbsent(user, u -> new ArrayList<>());
                history.add(item);
                List<Recommendation> out = h.click(user, item, ts++);
                assertThat(out).hasSize(1);
                assertThat(out.get(0).historyLength).isEqualTo(history.size());
                ref.assertMatches(out.get(0), history, 7, 4);
                emitted++;
                if (lengths.merge(user, -1, Integer::sum) == 0) {
                    lengths.remove(user);
                }
            }
            assertThat(h.metrics().recommendations.getCount()).isEqualTo(emitted);
        }
    }
}
