package io.lisastream.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.model.LisaModel;
import io.lisastream.model.Variant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** New model versions: same code space, another code space, another variant, and rejected models. */
class ModelSwapUnitTest {
    @TempDir
    Path models;
    @TempDir
    Path elsewhere;

    private LisaOperatorConfig config;
    private ModelAnnouncement v1;
    private BatchReference ref1;

    @BeforeEach
    void publishFirstModel() {
        config = LisaOperatorConfig.defaults().withTopK(5).withRingSize(30).withExcludeRecent(2)
                .withAllowedModelRoots(models.toUri().toString());
        v1 = TestArtifacts.publish(TestArtifacts.small(Variant.LISA_BASE, "v1", 1), models, "v1");
        ref1 = new BatchReference(v1);
    }

    @Test
    void aModelWithTheSameCodeSpaceTakesOverWithoutRebuilding() throws Exception {
        LisaModel base = TestArtifacts.readBack(v1);
        LisaModel next = TestArtifacts.withCodeSpaceOf(base, TestArtifacts.small(Variant.LISA_BASE, "v2", 99));
        ModelAnnouncement v2 = TestArtifacts.publish(next, models, "v2");
        assertThat(TestArtifacts.readBack(v2).codeSpace()).isEqualTo(base.codeSpace());
        try (OperatorHarness h = OperatorHarness.open(config)) {
            h.announce(v1);
            List<String> history = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                history.add("item-" + (3 * i + 1));
                ref1.assertMatches(h.click("amy", history.get(i), i).get(0), history, 5, 2);
            }
            h.announce(v2);
            history.add("item-30");
            Recommendation r = h.click("amy", "item-30", 10).get(0);
            assertThat(r.modelVersion).isEqualTo("v2");
            new BatchReference(v2).assertMatches(r, history, 5, 2);
            assertThat(h.metrics().histogramRebuilds.getCount()).isZero();
            assertThat(h.metrics().modelLoadsOk.getCount()).isEqualTo(2);
            assertThat(h.metrics().currentModelVersion()).isEqualTo("v2");
        }
    }

    @Test
    void aDeeperModelWithTheSameCodeSpaceServesFromTheSameHistograms() throws Exception {
        LisaModel base = TestArtifacts.readBack(v1);
        LisaModel deeper = TestArtifacts.withCodeSpaceOf(base,
                TestArtifacts.model(Variant.LISA_BASE, "v2-two-blocks", 98, 40, 8, 12, 2, 4, 2));
        ModelAnnouncement v2 = TestArtifacts.publish(deeper, models, "v2");
        assertThat(TestArtifacts.readBack(v2).config().blocks()).isEqualTo(2);
        try (OperatorHarness h = OperatorHarness.open(config)) {
            h.announce(v1);
            List<String> history = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                history.add("item-" + (5 * i + 2));
                h.click("amy", history.get(i), i);
            }
            h.announce(v2);
            history.add("item-33");
            Recommendation r = h.click("amy", "item-33", 10).get(0);
            assertThat(r.modelVersion).isEqualTo("v2-two-blocks");
            new BatchReference(v2).assertMatches(r, history, 5, 2);
            assertThat(h.metrics().histogramRebuilds.getCount()).isZero();
        }
    }

    @Test
    void aModelWithAnotherCodeSpaceRebuildsEachHistogramFromTheRingOnTheUsersNextClick() throws Exception {
        ModelAnnouncement v2 = TestArtifacts.publish(TestArtifacts.small(Variant.LISA_BASE, "v2", 2), models, "v2");
        assertThat(TestArtifacts.readBack(v2).codeSpace()).isNotEqualTo(TestArtifacts.readBack(v1).codeSpace());
        BatchReference ref2 = new BatchReference(v2);
        try (OperatorHarness h = OperatorHarness.open(config)) {
            h.announce(v1);
            List<String> amy = new ArrayList<>(List.of("item-1", "item-2", "item-3"));
            List<String> ben = new ArrayList<>(List.of("item-7", "item-8"));
            for (String i : amy) {
                h.click("amy", i, 1);
            }
            for (String i : ben) {
                h.click("ben", i, 2);
            }
            h.announce(v2);
            assertThat(h.metrics().histogramRebuilds.getCount()).as("lazily, per user").isZero();
            amy.add("item-4");
            ref2.assertMatches(h.click("amy", "item-4", 3).get(0), amy, 5, 2);
            assertThat(h.metrics().histogramRebuilds.getCount()).isEqualTo(1);
            amy.add("item-5");
            ref2.assertMatches(h.click("amy", "item-5", 4).get(0), amy, 5, 2);
            assertThat(h.metrics().histogramRebuilds.getCount()).isEqualTo(1);
            ben.add("item-9");
            ref2.assertMatches(h.click("ben", "item-9", 5).get(0), ben, 5, 2);
            assertThat(h.metrics().histogramRebuilds.getCount()).isEqualTo(2);
            assertThat(h.click("cat", "item-9", 6)).hasSize(1);
            assertThat(h.metrics().histogramRebuilds.getCount()).as("a new user has nothing to rebuild").isEqualTo(2);
        }
    }

    @Test
    void lisaToSasrecAndBackServesFromTheRing() throws Exception {
        ModelAnnouncement sas = TestArtifacts.publish(TestArtifacts.small(Variant.SASREC, "s1", 3), models, "s1");
        try (OperatorHarness h = OperatorHarness.open(config)) {
            h.announce(v1);
            List<String> history = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                history.add("item-" + (i * 11 % 40));
                h.click("dan", history.get(i), i);
            }
            h.announce(sas);
            history.add("item-5");
            new BatchReference(sas).assertMatches(h.click("dan", "item-5", 20).get(0), history, 5, 2);
            assertThat(h.state("dan").histogram).as("sasrec keeps no histogram").isEmpty();
            h.announce(v1);
            history.add("item-6");
            ref1.assertMatches(h.click("dan", "item-6", 21).get(0), history, 5, 2);
        }
    }

    /**
     * A LISA model with window blocks has no incremental state: it scores from the ring's last maxLen
     * items (the batch reference on those items), keeps no histogram, and a model whose maxLen exceeds
     * the ring is rejected. Back on v1, the histogram is rebuilt from the ring.
     */
    @Test
    void aWindowBlockModelServesFromTheRingsLastMaxLenItems() throws Exception {
        ModelAnnouncement window = TestArtifacts.publish(TestArtifacts.windowBlocks("w1", 7, 12, 4), models, "w1");
        ModelAnnouncement tooLong = TestArtifacts.publish(TestArtifacts.windowBlocks("w2", 7, 31, 4), models, "w2");
        BatchReference ref = new BatchReference(window);
        try (OperatorHarness h = OperatorHarness.open(config)) {
            h.announce(v1);
            List<String> history = new ArrayList<>();
            for (int i = 0; i < 17; i++) {
                history.add("item-" + (i * 7 % 40));
                h.click("fay", history.get(i), i);
            }
            h.announce(window);
            for (int i = 0; i < 3; i++) {
                history.add("item-" + (5 + i));
                Recommendation r = h.click("fay", history.get(history.size() - 1), 20 + i).get(0);
                ref.assertMatches(r, history.subList(history.size() - 12, history.size()), 5, 2);
            }
            assertThat(h.state("fay").histogram).as("a window model keeps no histogram").isEmpty();
            h.announce(tooLong);
            assertThat(h.metrics().modelLoadsFailed.getCount()).isEqualTo(1);
            assertThat(h.metrics().currentModelVersion()).isEqualTo("w1");
            h.announce(v1);
            history.add("item-9");
            ref1.assertMatches(h.click("fay", "item-9", 30).get(0), history, 5, 2);
        }
    }

    @Test
    void rejectedModelsAreCountedAndThePreviousOneKeepsServing() throws Exception {
        ModelAnnouncement v2 = TestArtifacts.publish(TestArtifacts.small(Variant.LISA_BASE, "v2", 2), models, "v2");
        ModelAnnouncement outside = TestArtifacts.publish(TestArtifacts.small(Variant.LISA_BASE, "x", 4), elsewhere, "x");
        ModelAnnouncement broken = TestArtifacts.publish(TestArtifacts.small(Variant.LISA_BASE, "b", 5), models, "b");
        Path codes = Path.of(java.net.URI.create(broken.uri)).resolve("codes.npy");
        byte[] bytes = Files.readAllBytes(codes);
        Files.write(codes, java.util.Arrays.copyOf(bytes, bytes.length - 4), StandardOpenOption.TRUNCATE_EXISTING);
        ModelAnnouncement longSasrec = TestArtifacts.publish(
                TestArtifacts.model(Variant.SASREC, "s", 6, 40, 8, 31, 0, 0), models, "s");
        String otherSha = "0".repeat(64);
        String root = models.toUri().toString();
        String outsideName = elsewhere.getFileName().toString();

        List<ModelAnnouncement> bad = List.of(
                new ModelAnnouncement("v2", v2.uri, otherSha),                                  // wrong digest
                new ModelAnnouncement("v2", v2.uri, "not-a-digest"),                            // malformed digest
                new ModelAnnouncement("v2", v2.uri, null),
                new ModelAnnouncement(null, v2.uri, v2.sha256),
                new ModelAnnouncement("v2", null, v2.sha256),
                new ModelAnnouncement("v9", v2.uri, v2.sha256),                                 // version mismatch
                new ModelAnnouncement("x", outside.uri, outside.sha256),                        // not below a root
                new ModelAnnouncement("x", root + "../" + outsideName + "/x", outside.sha256),  // ../ escape
                new ModelAnnouncement("x", root + "%2e%2e/" + outsideName + "/x", outside.sha256),
                new ModelAnnouncement("v2", v2.uri + "?x=1", v2.sha256),
                new ModelAnnouncement("b", broken.uri, broken.sha256),                          // truncated tensor
                new ModelAnnouncement("m", root + "missing", otherSha),                          // no such directory
                new ModelAnnouncement("s", longSasrec.uri, longSasrec.sha256),                  // maxLen 31 > ring 30
                new ModelAnnouncement("v2", "hdfs://namenode" + Path.of(java.net.URI.create(v2.uri)), v2.sha256));
        try (OperatorHarness h = OperatorHarness.open(config)) {
            h.announce(v1);
            List<String> history = new ArrayList<>();
            int i = 0;
            for (ModelAnnouncement a : bad) {
                h.announce(a);
                assertThat(h.metrics().modelLoadsFailed.getCount()).as("rejected: %s", a.uri).isEqualTo(i + 1);
                history.add("item-" + i);
                Recommendation r = h.click("eve", "item-" + i, i).get(0);
                ref1.assertMatches(r, history, 5, 2);
                i++;
            }
            assertThat(h.metrics().modelLoadsOk.getCount()).isEqualTo(1);
            assertThat(h.metrics().currentModelVersion()).isEqualTo("v1");
            assertThat(h.harness.getBroadcastState(LisaRecommendFunction.announcementsDescriptor())
                    .get(LisaRecommendFunction.SERVING_KEY)).isEqualTo(v1);

            h.announce(v2);
            history.add("item-39");
            new BatchReference(v2).assertMatches(h.click("eve", "item-39", 99).get(0), history, 5, 2);
            assertThat(h.metrics().modelLoadsOk.getCount()).isEqualTo(2);
        }
    }

    @Test
    void announcingTheServedModelAgainChangesNothing() throws Exception {
        try (OperatorHarness h = OperatorHarness.open(config)) {
            h.announce(v1);
            h.announce(new ModelAnnouncement(v1.version, v1.uri, v1.sha256.toUpperCase()));
            assertThat(h.metrics().modelLoadsOk.getCount()).isEqualTo(1);
            assertThat(h.metrics().modelLoadsFailed.getCount()).isZero();
            assertThat(h.metrics().lastModelLoadMillis()).isNotNegative();
        }
    }
}
