package io.lisastream.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.model.LisaModel;
import io.lisastream.model.Variant;
import io.lisastream.model.inference.InferenceModel;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A state computed offline equals the one the operator stores after the same clicks. */
class UserStateBootstrapUnitTest {
    @TempDir
    Path models;

    @Test
    void offlineStateEqualsTheOperatorsForLisaAndSasrecIncludingUnknownItemsAndAFullRing() throws Exception {
        SplittableRandom rnd = new SplittableRandom(7);
        for (Variant v : new Variant[] {Variant.LISA_BASE, Variant.LISA_MINI, Variant.SASREC}) {
            ModelAnnouncement a = TestArtifacts.publish(TestArtifacts.model(v, "v-" + v.wireName(), 3, 30, 8, 12, 3, 5),
                    models, v.wireName());
            LisaModel served = TestArtifacts.readBack(a);
            InferenceModel inference = InferenceModel.compile(served);
            int ring = 12;
            LisaOperatorConfig cfg = LisaOperatorConfig.defaults().withRingSize(ring).withExcludeRecent(3)
                    .withAllowedModelRoots(models.toUri().toString());
            for (int length : new int[] {1, 5, 12, 40}) {
                String[] clicks = new String[length];
                for (int i = 0; i < length; i++) {
                    clicks[i] = rnd.nextInt(10) == 0 ? "unknown-" + i : "item-" + rnd.nextInt(30);
                }
                clicks[0] = "item-1"; // at least one known item
                try (OperatorHarness h = OperatorHarness.open(cfg)) {
                    h.announce(a);
                    for (int i = 0; i < length; i++) {
                        h.click("u", clicks[i], i + 1);
                    }
                    LisaUserState expected = h.state("u");
                    LisaUserState actual = UserStateBootstrap.afterClicks(served, inference, clicks, ring);
                    assertThat(actual).as("%s after %d clicks", v, length).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void ringBuiltInOnePassEqualsRepeatedPushes() {
        String[] ids = {"a", "bb", "", "ccc", "é", "d", "1193", "0", "07", "1073741824", "-5", "42"};
        for (int capacity = 1; capacity <= ids.length + 2; capacity++) {
            byte[] pushed = new byte[0];
            for (int i = 0; i < ids.length; i++) {
                pushed = RecentItems.push(pushed, Math.min(i, capacity), ids[i], capacity);
            }
            assertThat(UserStateBootstrap.ring(ids, capacity)).as("capacity %d", capacity).isEqualTo(pushed);
        }
    }
}
