package io.lisastream.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.model.Variant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshot and restore (also rescaled), the model reloaded after a restore, and TTL expiry. */
class RecoveryUnitTest {
    @TempDir
    Path models;

    private LisaOperatorConfig config() {
        return LisaOperatorConfig.defaults().withTopK(5).withRingSize(20).withExcludeRecent(5)
                .withAllowedModelRoots(models.toUri().toString());
    }

    /**
     * Clicks before a model, a model, clicks, a model with another code space, clicks: the run
     * interrupted by a snapshot at {@code cut} and restored into a fresh operator emits exactly
     * what the uninterrupted run emits, and ends in the same per-user state.
     */
    @Test
    void restoredRunEmitsExactlyWhatTheUninterruptedRunEmits() throws Exception {
        ModelAnnouncement v1 = TestArtifacts.publish(TestArtifacts.small(Variant.LISA_BASE, "v1", 1), models, "v1");
        ModelAnnouncement v2 = TestArtifacts.publish(TestArtifacts.small(Variant.LISA_SOFT, "v2", 2), models, "v2");
        List<ClickScript.Click> clicks = ClickScript.random(7, 400, 12, 40, 0.05);
        List<Object> script = new ArrayList<>();
        script.addAll(clicks.subList(0, 20));
        script.add(v1);
        script.addAll(clicks.subList(20, 250));
        script.add(v2);
        script.addAll(clicks.subList(250, 400));

        List<Recommendation> expected;
        List<LisaUserState> expectedStates = new ArrayList<>();
        try (OperatorHarness h = OperatorHarness.open(config())) {
            run(h, script);
            expected = h.drain();
            for (int u = 0; u < 12; u++) {
                expectedStates.add(h.state("u" + u));
            }
        }
        assertThat(expected).hasSizeGreaterThan(300);

        for (int cut : new int[] {10, 150, 300}) {
            List<Recommendation> actual = new ArrayList<>();
            OperatorSubtaskState snapshot;
            try (OperatorHarness h = OperatorHarness.open(config())) {
                run(h, script.subList(0, cut));
                actual.addAll(h.drain());
                snapshot = h.snapshot();
            }
            ModelCache.clear(); // the restored operator must read the artifact again
            try (OperatorHarness h = OperatorHarness.restore(config(), snapshot)) {
                run(h, script.subList(cut, script.size()));
                actual.addAll(h.drain());
                if (cut > 20) {
                    assertThat(h.metrics().eventsWithoutModel.getCount())
                            .as("the restored model serves from the first click").isZero();
                    assertThat(h.metrics().modelLoadsOk.getCount()).isEqualTo(cut > 251 ? 1 : 2);
                }
                for (int u = 0; u < 12; u++) {
                    assertThat(h.state("u" + u)).as("state of u%d, cut at %d", u, cut).isEqualTo(expectedStates.get(u));
                }
            }
            assertThat(actual).as("outputs with a restore after script element %d", cut).isEqualTo(expected);
        }
    }

    /** Parallelism 1 -> 2: each subtask gets its key groups and the served announcement. */
    @Test
    void restoreAtHigherParallelismContinuesEveryUser() throws Exception {
        ModelAnnouncement v1 = TestArtifacts.publish(TestArtifacts.small(Variant.LISA_MINI, "v1", 3), models, "v1");
        List<ClickScript.Click> clicks = ClickScript.random(8, 240, 10, 40, 0.0);
        List<Recommendation> expected = new ArrayList<>();
        OperatorSubtaskState snapshot;
        try (OperatorHarness h = OperatorHarness.open(config())) {
            h.announce(v1);
            run(h, new ArrayList<>(clicks.subList(0, 120)));
            snapshot = h.snapshot();
            h.drain();
            for (ClickScript.Click c : clicks.subList(120, 240)) {
                expected.addAll(h.click(c.user(), c.item(), c.timestamp()));
            }
        }
        try (OperatorHarness s0 = OperatorHarness.rescaled(config(), snapshot, 2, 0);
                OperatorHarness s1 = OperatorHarness.rescaled(config(), snapshot, 2, 1)) {
            List<Recommendation> actual = new ArrayList<>();
            for (ClickScript.Click c : clicks.subList(120, 240)) {
                int subtask = KeyGroupRangeAssignment.assignKeyToParallelOperator(c.user(),
                        OperatorHarness.MAX_PARALLELISM, 2);
                actual.addAll((subtask == 0 ? s0 : s1).click(c.user(), c.item(), c.timestamp()));
            }
            assertThat(s0.metrics().events.getCount()).isPositive();
            assertThat(s1.metrics().events.getCount()).isPositive();
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Test
    void aRestoredModelThatNoLongerLoadsIsCountedAndTheNextAnnouncementServes() throws Exception {
        ModelAnnouncement v1 = TestArtifacts.publish(TestArtifacts.small(Variant.LISA_BASE, "v1", 4), models, "v1");
        OperatorSubtaskState snapshot;
        try (OperatorHarness h = OperatorHarness.open(config())) {
            h.announce(v1);
            assertThat(h.click("ann", "item-1", 1)).hasSize(1);
            snapshot = h.snapshot();
        }
        deleteTree(models.resolve("v1"));
        ModelCache.clear();
        ModelAnnouncement v2 = TestArtifacts.publish(TestArtifacts.small(Variant.LISA_BASE, "v2", 5), models, "v2");
        try (OperatorHarness h = OperatorHarness.restore(config(), snapshot)) {
            assertThat(h.click("ann", "item-2", 2)).isEmpty();
            assertThat(h.metrics().modelLoadsFailed.getCount()).isEqualTo(1);
            assertThat(h.metrics().eventsWithoutModel.getCount()).isEqualTo(1);
            h.announce(v2);
            Recommendation r = h.click("ann", "item-3", 3).get(0);
            assertThat(r.modelVersion).isEqualTo("v2");
            assertThat(r.historyLength).isEqualTo(3);
            new BatchReference(v2).assertMatches(r, List.of("item-1", "item-2", "item-3"), 5, 5);
        }
    }

    @Test
    void stateOfUsersInactiveLongerThanTheTtlExpires() throws Exception {
        ModelAnnouncement v1 = TestArtifacts.publish(TestArtifacts.small(Variant.LISA_BASE, "v1", 6), models, "v1");
        LisaOperatorConfig cfg = config().withStateTtl(Duration.ofHours(1));
        try (OperatorHarness h = OperatorHarness.open(cfg)) {
            h.announce(v1);
            h.harness.setStateTtlProcessingTime(0);
            List<Recommendation> out = new ArrayList<>();
            out.addAll(h.click("old", "item-1", 1));
            out.addAll(h.click("old", "item-2", 2));
            h.harness.setStateTtlProcessingTime(Duration.ofMinutes(30).toMillis());
            out.addAll(h.click("recent", "item-3", 3));
            out.addAll(h.click("old", "item-4", 4));
            assertThat(out).extracting(r -> r.historyLength).containsExactly(1L, 2L, 1L, 3L);

            h.harness.setStateTtlProcessingTime(Duration.ofMinutes(100).toMillis());
            assertThat(h.state("old")).as("30 + 60 minutes passed since old's last click").isNull();
            assertThat(h.state("recent")).isNull();
            Recommendation r = h.click("old", "item-5", 5).get(0);
            assertThat(r.historyLength).as("a fresh history").isEqualTo(1);
            new BatchReference(v1).assertMatches(r, List.of("item-5"), 5, 5);

            h.harness.setStateTtlProcessingTime(Duration.ofMinutes(150).toMillis());
            assertThat(h.state("old")).as("50 minutes idle").isNotNull();
        }
    }

    private static void run(OperatorHarness h, List<Object> script) throws Exception {
        for (Object o : script) {
            if (o instanceof ModelAnnouncement a) {
                h.announce(a);
            } else {
                ClickScript.Click c = (ClickScript.Click) o;
                h.harness.processElement(new ClickEvent(c.user(), c.item(), c.timestamp(), 0L), c.timestamp());
            }
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
