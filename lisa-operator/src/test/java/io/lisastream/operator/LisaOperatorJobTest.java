package io.lisastream.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.model.Variant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wiring helper in a real job: MiniCluster, RocksDB, parallelism 2, generic types and
 * auto-generated uids off. Every recommendation equals batch inference on the user's first t clicks.
 */
class LisaOperatorJobTest {
    @TempDir
    Path models;

    /** Holds clicks back a moment so the (tiny) model is loaded first; outputs do not depend on it. */
    static final class HoldBack extends RichMapFunction<ClickEvent, ClickEvent> {
        @Override
        public void open(OpenContext ctx) throws Exception {
            Thread.sleep(1500);
        }

        @Override
        public ClickEvent map(ClickEvent c) {
            return c;
        }
    }

    @Test
    void recommendationsFromAMiniClusterJobMatchBatchInference() throws Exception {
        ModelAnnouncement a = TestArtifacts.publish(TestArtifacts.small(Variant.LISA_BASE, "v1", 1), models, "v1");
        List<ClickEvent> clicks = new ArrayList<>();
        Map<String, List<String>> histories = new HashMap<>();
        for (ClickScript.Click c : ClickScript.random(3, 300, 20, 40, 0.02)) {
            clicks.add(new ClickEvent(c.user(), c.item(), c.timestamp(), 0));
            histories.computeIfAbsent(c.user(), u -> new ArrayList<>()).add(c.item());
        }
        Configuration conf = new Configuration();
        conf.setString("state.backend.type", "rocksdb");
        conf.setString("pipeline.generic-types", "false");
        conf.setString("pipeline.auto-generate-uids", "false");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.setMaxParallelism(16);
        // parallelism 1 up to the keyBy keeps each user's clicks in order
        DataStream<ClickEvent> clickStream = env.fromData(clicks, TypeInformation.of(ClickEvent.class))
                .uid("clicks").map(new HoldBack()).uid("hold-back").setParallelism(1);
        DataStream<ModelAnnouncement> announcements =
                env.fromData(List.of(a), TypeInformation.of(ModelAnnouncement.class)).uid("announcements");
        LisaOperatorConfig config = LisaOperatorConfig.defaults().withTopK(5).withExcludeRecent(3)
                .withAllowedModelRoots(models.toUri().toString());
        List<Recommendation> out = new ArrayList<>();
        try (CloseableIterator<Recommendation> it = LisaOperator.attach(clickStream, announcements, config)
                .executeAndCollect("lisa-operator-job-test")) {
            it.forEachRemaining(out::add);
        }
        assertThat(out).isNotEmpty().hasSizeLessThanOrEqualTo(clicks.size());
        BatchReference ref = new BatchReference(a);
        for (Recommendation r : out) {
            List<String> history = histories.get(r.userId).subList(0, (int) r.historyLength);
            ref.assertMatches(r, history, 5, 3);
        }
    }
}
