package io.lisastream.bench.stream;

import io.lisastream.model.LisaModel;
import io.lisastream.model.Variant;
import io.lisastream.model.artifact.ModelArtifact;
import io.lisastream.model.inference.InferenceModel;
import io.lisastream.operator.LisaOperatorConfig;
import io.lisastream.operator.LisaUserState;
import io.lisastream.operator.UserStateBootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code lisa bench stream}: the pipeline's job serving LISA-Base against vanilla attention (sasrec
 * with maxLen = L over the user's whole history), for users who each already have L clicks, on a
 * catalogue of ML-1M's size. Per (variant, L): a savepoint with every user's state is bootstrapped,
 * then the job is restored from it twice: unthrottled (max sustained events/s) and throttled to a
 * fraction of that (latency). Then, optionally, once more end to end through Kafka at that rate.
 */
public final class StreamBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(StreamBenchmark.class);
    private static final int VALUE_SAMPLE = 200;

    private final JobSettings settings;
    private final double kafkaRate;

    /** @param kafkaRate clicks/s offered through Kafka when the operator path is not measured first */
    public StreamBenchmark(JobSettings settings, double kafkaRate) {
        this.settings = settings;
        this.kafkaRate = kafkaRate;
    }

    public List<StreamResult> run(int[] histories, List<Variant> variants, boolean operator, boolean kafka)
            throws Exception {
        JobSettings s = settings;
        Path models = Files.createDirectories(s.workDir().resolve("models"));
        List<StreamResult> results = new ArrayList<>();
        java.util.Map<Variant, ServedModel> lisa = new java.util.EnumMap<>(Variant.class);
        for (int history : histories) {
            for (Variant v : variants) {
                ServedModel served;
                if (v.isLisa()) {
                    if (!lisa.containsKey(v)) {
                        lisa.put(v, ServedModel.write(models, v, s.items(), history, s.seed()));
                    }
                    served = lisa.get(v);
                } else {
                    served = ServedModel.write(models, v, s.items(), history, s.seed());
                }
                Path savepoint = s.workDir().resolve("savepoint-" + served.variant() + "-" + history);
                long t0 = System.nanoTime();
                LisaOperatorConfig opConfig = LisaOperatorConfig.defaults().withRingSize(served.ringSize())
                        .withExcludeRecent(Math.min(50, served.ringSize()))
                        .withAllowedModelRoots(models.toUri().toString());
                SavepointBootstrap.write(savepoint, served, opConfig, s.users(), history, s.items(), s.seed(),
                        s.maxParallelism(), s.parallelism());
                long perUser = Files2.size(savepoint) / s.users();
                long valueBytes = meanValueBytes(served, history);
                LOG.info("{} L={}: bootstrapped {} users in {} s, {} savepoint bytes per user, {} value bytes",
                        served.variant(), history, s.users(), (System.nanoTime() - t0) / 1_000_000_000L, perUser,
                        valueBytes);
                StreamResult atOperator = null;
                if (operator) {
                    atOperator = measureOperator(served, history, savepoint, perUser, valueBytes);
                    results.add(atOperator);
                }
                if (kafka) {
                    double rate = atOperator != null ? s.kafkaFraction() * atOperator.eventsPerSec() : kafkaRate;
                    results.add(measureKafka(served, history, savepoint, perUser, valueBytes, rate));
                }
                Files2.deleteTree(savepoint);
                if (!v.isLisa()) {
                    Files2.deleteTree(served.dir());
                }
            }
        }
        return results;
    }

    /**
     * At the operator: an unthrottled run gives the max sustained events/s; a second run at
     * latencyFraction of it gives the latency (or the first run's latencies when configured so).
     */
    private StreamResult measureOperator(ServedModel served, int history, Path savepoint, long perUser,
            long valueBytes) throws Exception {
        JobSettings s = settings;
        boolean separate = s.separateLatencyRun();
        PipelineRun.Measured max = PipelineRun.run(s, served, savepoint, 0, !separate);
        double rate = separate ? Math.max(1, s.latencyFraction() * max.eventsPerSec()) : max.eventsPerSec();
        PipelineRun.Measured lat = separate ? PipelineRun.run(s, served, savepoint, rate, true) : max;
        StreamResult r = new StreamResult(served.variant(), history, "operator", round(max.eventsPerSec()), lat.p50Ms(),
                lat.p99Ms(), perUser, valueBytes, round(rate), s.users(), s.items(),
                max.deadLetters() + (separate ? lat.deadLetters() : 0), round(max.seconds()), round2(max.cpuCores()),
                round(max.eventsPerSec() / max.cpuCores()));
        LOG.info("{}", r);
        return r;
    }

    /**
     * Through Kafka: one run with clicks offered at {@code rate} (kafkaFraction of the operator's max):
     * the delivered events/s (equal to the offered rate when the path keeps up) and the latency,
     * which includes the wait for the checkpoint that commits the exactly-once output.
     */
    private StreamResult measureKafka(ServedModel served, int history, Path savepoint, long perUser, long valueBytes,
            double rate) throws Exception {
        JobSettings s = settings;
        PipelineRun.Measured m = KafkaRun.run(s, served, savepoint, Math.max(1, rate), true);
        StreamResult r = new StreamResult(served.variant(), history, "kafka", round(m.eventsPerSec()), m.p50Ms(),
                m.p99Ms(), perUser, valueBytes, round(Math.max(1, rate)), s.users(), s.items(), m.deadLetters(),
                round(m.seconds()), round2(m.cpuCores()), round(m.eventsPerSec() / m.cpuCores()));
        LOG.info("{}", r);
        return r;
    }

    /** Mean serialized size of the state value of the first users (the operator's PojoSerializer). */
    private long meanValueBytes(ServedModel served, int history) throws Exception {
        LisaModel model = ModelArtifact.read(served.dir());
        InferenceModel inference = InferenceModel.compile(model);
        TypeSerializer<LisaUserState> serializer =
                TypeInformation.of(LisaUserState.class).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(4096);
        long total = 0;
        int n = Math.min(VALUE_SAMPLE, settings.users());
        for (int u = 0; u < n; u++) {
            LisaUserState state = UserStateBootstrap.afterClicks(model, inference,
                    UserHistories.of(u, history, settings.items(), settings.seed()), served.ringSize());
            out.clear();
            serializer.serialize(state, out);
            total += out.length();
        }
        return total / n;
    }

    static double round(double v) {
        return Math.round(v * 10.0) / 10.0;
    }

    static double round2(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
