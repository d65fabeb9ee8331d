package io.lisastream.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lisastream.model.Variant;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-user state: Flink POJOs without Kryo, exact codecs, and a size bounded whatever the history. */
class UserStateUnitTest {
    @TempDir
    Path models;

    @Test
    void stateAndMessagesAreFlinkPojosWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(LisaUserState.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(ClickEvent.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(ModelAnnouncement.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(Recommendation.class);
    }

    /**
     * 3,000 clicks of one user over 10 equally long ids: once the ring is full and every codeword
     * touched, the stored bytes stay the same at 300, 1,000 and 3,000 clicks, and below the bound
     * the ring capacity and B*W give.
     */
    @Test
    void storedBytesDoNotGrowWithHistoryLength() throws Exception {
        ModelAnnouncement a = TestArtifacts.publish(TestArtifacts.model(Variant.LISA_BASE, "v", 1, 10, 8, 12, 4, 8),
                models, "v");
        int ring = 50;
        LisaOperatorConfig cfg = LisaOperatorConfig.defaults().withRingSize(ring).withExcludeRecent(5)
                .withAllowedModelRoots(models.toUri().toString());
        SplittableRandom rnd = new SplittableRandom(3);
        try (OperatorHarness h = OperatorHarness.open(cfg)) {
            h.announce(a);
            int[] sizes = new int[3];
            int[] checkpoints = {300, 1000, 3000};
            int next = 0;
            for (int t = 1; t <= 3000; t++) {
                h.harness.processElement(new ClickEvent("fan", "item-" + rnd.nextInt(10), t, 0), t);
                if (t == checkpoints[next]) {
                    sizes[next++] = h.stateBytes("fan");
                }
            }
            LisaUserState s = h.state("fan");
            assertThat(s.clicks).isEqualTo(3000);
            assertThat(s.count).isEqualTo(3000);
            assertThat(s.ringCount).isEqualTo(ring);
            assertThat(s.ring).hasSize(ring * (1 + "item-0".length()));
            int histogramBound = 1 + 1 + 32 / 8 + 4 * 32;
            assertThat(s.histogram.length).isLessThanOrEqualTo(histogramBound);
            assertThat(sizes[1]).isEqualTo(sizes[0]);
            assertThat(sizes[2]).isEqualTo(sizes[0]);
            assertThat(sizes[2]).isLessThan(ring * 7 + histogramBound + 64);
            assertThat(h.harness.extractOutputValues()).hasSize(3000);
        }
    }

    @Test
    void histogramCodecIsExactForSparseAndDenseHistograms() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (double density : new double[] {0, 0.01, 0.3, 1}) {
            float[] h = new float[8 * 128];
            for (int k = 0; k < h.length; k++) {
                if (rnd.nextDouble() < density) {
                    h[k] = (float) Math.exp(rnd.nextDouble(-80, 40));
                }
            }
            h[h.length - 1] = Float.MIN_VALUE;
            byte[] bytes = HistogramCodec.encode(h);
            int nonZero = 0;
            for (float v : h) {
                nonZero += v != 0f ? 1 : 0;
            }
            assertThat(bytes).hasSize(1 + 2 + 128 + 4 * nonZero);
            float[] back = new float[h.length];
            assertThat(HistogramCodec.decode(bytes, back)).isTrue();
            assertThat(back).isEqualTo(h);
        }
        float[] other = new float[7];
        assertThat(HistogramCodec.decode(HistogramCodec.encode(new float[8]), other)).as("another size").isFalse();
        assertThat(HistogramCodec.decode(HistogramCodec.EMPTY, other)).isFalse();
        byte[] corrupt = HistogramCodec.encode(new float[] {1f, 2f, 3f});
        assertThatThrownBy(() -> HistogramCodec.decode(java.util.Arrays.copyOf(corrupt, corrupt.length - 1), new float[3]))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void ringKeepsTheNewestIdsUpToItsCapacity() {
        byte[] ring = HistogramCodec.EMPTY;
        int count = 0;
        String[] ids = {"1193", "661", "é-ü-漢字", "", null, "x".repeat(RecentItems.MAX_ID_BYTES + 1), "last"};
        for (String id : ids) {
            ring = RecentItems.push(ring, count, id, 4);
            count = Math.min(count + 1, 4);
        }
        assertThat(RecentItems.newest(ring, count, 10)).containsExactly("last", "", "", "");
        assertThat(RecentItems.newest(ring, count, 1)).containsExactly("last");
        ring = HistogramCodec.EMPTY;
        count = 0;
        for (int i = 0; i < 3; i++) {
            ring = RecentItems.push(ring, count, ids[i], 4);
            count++;
        }
        assertThat(RecentItems.newest(ring, count, 4)).containsExactly("é-ü-漢字", "661", "1193");
        assertThat(ring).as("numeric ids take their varint only")
                .hasSize(2 + 2 + 1 + "é-ü-漢字".getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        ring = RecentItems.push(ring, 3, "a", 1);
        assertThat(RecentItems.newest(ring, 1, 4)).containsExactly("a");
    }

    @Test
    void onlyCanonicalDecimalIdsAreStoredAsNumbers() {
        String[] ids = {"0", "7", "1193", "1073741823", "1073741824", "007", "-1", "+1", "1e3", " 1", "١٢", "12a",
                "99999999999"};
        byte[] ring = HistogramCodec.EMPTY;
        for (int i = 0; i < ids.length; i++) {
            ring = RecentItems.push(ring, i, ids[i], 100);
        }
        String[] back = RecentItems.newest(ring, ids.length, ids.length);
        for (int i = 0; i < ids.length; i++) {
            assertThat(back[ids.length - 1 - i]).isEqualTo(ids[i]);
        }
        assertThat(RecentItems.numericValue("1073741823")).isEqualTo((1 << 30) - 1);
        for (String id : new String[] {"1073741824", "007", "-1", "+1", "١٢", ""}) {
            assertThat(RecentItems.numericValue(id)).as(id).isEqualTo(-1);
        }
    }
}
