package io.lisastream.operator;

import io.lisastream.model.LisaModel;
import io.lisastream.model.ModelConfig;
import io.lisastream.model.RandomModels;
import io.lisastream.model.Variant;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quick numbers for an ML-1M-sized random model (N = 3,416, D = F = 128, maxLen 300, lisa-base
 * 8 x 128): model load pause, state bytes per user by history length, and events/s of the operator
 * in a MiniCluster (RocksDB, parallelism 2, checkpoints every 10 s). Not a test: it asserts
 * nothing and is not picked up by surefire's default includes. Run it with
 * <pre>
 *   mvn -q -pl lisa-operator -am test -Dtest=OperatorThroughputMeasurement -Dsurefire.failIfNoSpecifiedTests=false
 *   cat lisa-operator/target/surefire-reports/io.lisastream.operator.OperatorThroughputMeasurement-output.txt
 * </pre>
 * Optional: -Dlisa.measure.events=300000 -Dlisa.measure.users=6040, -Dlisa.measure.jfr=/tmp/operator.jfr (a
 * Java Flight Recorder CPU profile of the throughput run; {@code jfr print --events jdk.ExecutionSample}),
 * -Dlisa.measure.only=throughput, -Dlisa.measure.variant=sasrec (serve the sasrec baseline, maxLen 200,
 * instead of lisa-base), -Dlisa.measure.backend=hashmap (heap state, to see what RocksDB costs).
 */
class OperatorThroughputMeasurement {
    static final int ITEMS = 3416;
    @TempDir
    Path models;
    @TempDir
    Path checkpoints;

    static ModelConfig ml1m(Variant v, String version) {
        boolean lisa = v.isLisa();
        return new ModelConfig(version, v, 128, 128, lisa ? 300 : 200, 0.1, 1e-5, lisa ? 8 : 0, lisa ? 128 : 0,
                0, 0, ITEMS);
    }

    @Test
    void measure() throws Exception {
        log("machine: %d cores, load average %s", Runtime.getRuntime().availableProcessors(), loadAverage());
        ModelAnnouncement lisa = TestArtifacts.publish(withMovieLensIds(
                RandomModels.build(ml1m(Variant.LISA_BASE, "ml1m-lisa-base"), 1)), models, "lisa");
        ModelAnnouncement sasrec = TestArtifacts.publish(withMovieLensIds(
                RandomModels.build(ml1m(Variant.SASREC, "ml1m-sasrec"), 2)), models, "sasrec");
        LisaOperatorConfig config = LisaOperatorConfig.defaults().withAllowedModelRoots(models.toUri().toString());
        if (!"throughput".equals(System.getProperty("lisa.measure.only"))) {
            loadPause("lisa-base", lisa, config);
            loadPause("sasrec", sasrec, config);
            stateBytes(lisa, config);
        }
        long events = Long.getLong("lisa.measure.events", 300_000);
        int users = Integer.getInteger("lisa.measure.users", 6040);
        boolean sas = "sasrec".equals(System.getProperty("lisa.measure.variant"));
        log("throughput of %s:", sas ? "sasrec (maxLen 200)" : "lisa-base (8 x 128)");
        throughput(sas ? sasrec : lisa, config, events, users);
    }

    /** Item ids "1".."3416" as in MovieLens, instead of the generator's "item-N". */
    static LisaModel withMovieLensIds(LisaModel m) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= ITEMS; i++) {
            ids.add(Integer.toString(i));
        }
        return new LisaModel(m.config(), ids, m.tensors(), m.training(), null);
    }

    private void loadPause(String name, ModelAnnouncement a, LisaOperatorConfig config) throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ModelCache.clear();
            long start = System.nanoTime();
            ServingModel m = ModelLoader.load(a, config);
            millis.add((System.nanoTime() - start) / 1_000_000);
            if (i == 0) {
                log("%s artifact: %d bytes on disk", name, dirBytes(Path.of(java.net.URI.create(a.uri))));
            }
        }
        log("%s load pause (read + verify sha256 + compile), ms per run: %s (first run includes JIT warm-up)", name,
                millis);
    }

    private void stateBytes(ModelAnnouncement a, LisaOperatorConfig config) throws Exception {
        int[] lengths = {1, 10, 50, 165, 200, 500, 2000, 5000};
        SplittableRandom rnd = new SplittableRandom(9);
        try (OperatorHarness h = OperatorHarness.open(config)) {
            h.announce(a);
            int t = 0;
            for (int length : lengths) {
                while (t < length) {
                    t++;
                    h.harness.processElement(new ClickEvent("u", Integer.toString(1 + rnd.nextInt(ITEMS)), t, 0), t);
                }
                LisaUserState s = h.state("u");
                log("history %5d clicks: state %5d bytes (ring %4d B for %3d ids, histogram %4d B = %4d of 1024"
                        + " codewords non-zero)", length, h.stateBytes("u"), s.ring.length, s.ringCount,
                        s.histogram.length, (s.histogram.length - 1 - 2 - 128) / 4);
            }
        }
    }

    /** Clicks: user = random of {@code users}, item = random known item; ingest time = generation time. */
    static final class Clicks implements GeneratorFunction<Long, ClickEvent> {
        private final int users;

        Clicks(int users) {
            this.users = users;
        }

        @Override
        public ClickEvent map(Long i) {
            long h = i * 0x9E3779B97F4A7C15L;
            h ^= h >>> 29;
            int user = (int) Math.floorMod(h, (long) users);
            int item = (int) Math.floorMod(h >>> 20, (long) ITEMS);
            return new ClickEvent("user-" + user, Integer.toString(1 + item), i, System.currentTimeMillis());
        }
    }

    static final class HoldBack extends RichMapFunction<ClickEvent, ClickEvent> {
        @Override
        public void open(OpenContext ctx) throws Exception {
            Thread.sleep(4000);
        }

        @Override
        public ClickEvent map(ClickEvent c) {
            return c;
        }
    }

    static final AtomicLong COUNT = new AtomicLong();
    static final AtomicLong FIRST = new AtomicLong(Long.MAX_VALUE);
    static final AtomicLong LAST = new AtomicLong();

    static final class CountingSink implements Sink<Recommendation> {
        @Override
        public SinkWriter<Recommendation> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(Recommendation r, Context ctx) {
                    long now = System.nanoTime();
                    if (COUNT.incrementAndGet() == 1) {
                        FIRST.accumulateAndGet(now, Math::min);
                    }
                    LAST.accumulateAndGet(now, Math::max);
                }

                @Override
                public void flush(boolean endOfInput) {
                }

                @Override
                public void close() {
                }
            };
        }
    }

    private void throughput(ModelAnnouncement a, LisaOperatorConfig config, long events, int users) throws Exception {
        COUNT.set(0);
        FIRST.set(Long.MAX_VALUE);
        LAST.set(0);
        Configuration conf = new Configuration();
        String backend = System.getProperty("lisa.measure.backend", "rocksdb");
        log("state backend: %s", backend);
        conf.setString("state.backend.type", backend);
        conf.setString("execution.checkpointing.interval", "10 s");
        conf.setString("execution.checkpointing.dir", checkpoints.toUri().toString());
        conf.setString("execution.checkpointing.checkpoints-after-tasks-finish", "false");
        conf.setString("pipeline.generic-types", "false");
        conf.setString("pipeline.auto-generate-uids", "false");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.setMaxParallelism(128);
        DataStream<ClickEvent> clicks = env.fromSource(new DataGeneratorSource<>(new Clicks(users), events,
                        TypeInformation.of(ClickEvent.class)), WatermarkStrategy.noWatermarks(), "clicks")
                .uid("clicks").map(new HoldBack()).uid("hold-back");
        DataStream<ModelAnnouncement> announcements =
                env.fromData(List.of(a), TypeInformation.of(ModelAnnouncement.class)).uid("announcements");
        LisaOperator.attach(clicks, announcements, config).sinkTo(new CountingSink()).uid("count");
        ModelCache.clear();
        String jfr = System.getProperty("lisa.measure.jfr");
        jdk.jfr.Recording recording = null;
        if (jfr != null) {
            recording = new jdk.jfr.Recording();
            recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(10));
            recording.start();
        }
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        env.execute("lisa-operator-throughput");
        long wall = System.nanoTime() - start;
        if (recording != null) {
            recording.stop();
            recording.dump(Path.of(jfr));
            recording.close();
            log("CPU profile written to %s", jfr);
        }
        long cpu = processCpuNanos() - cpuBefore;
        double window = (LAST.get() - FIRST.get()) / 1e9;
        log("throughput: %d clicks, %d users, %d recommendations; %.0f recommendations/s between the first and the"
                        + " last output (%.1f s); job wall %.1f s; process CPU %.1f s (%.0f us of CPU per click, all"
                        + " operators and Flink included); load average after: %s", events, users, COUNT.get(),
                COUNT.get() / window, window, wall / 1e9, cpu / 1e9, cpu / 1e3 / events, loadAverage());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long dirBytes(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf(format + "%n", args);
    }
}
