package io.lisastream.cli.demo;

import io.lisastream.cli.DataFiles;
import io.lisastream.cli.kafka.KafkaClients;
import io.lisastream.cli.publish.ModelPublisher;
import io.lisastream.cli.replay.ClickPlan;
import io.lisastream.cli.replay.ClickReplayer;
import io.lisastream.cli.replay.EventTime;
import io.lisastream.cli.replay.PlanSource;
import io.lisastream.cli.replay.RawLinesSource;
import io.lisastream.cli.replay.ReplaySource;
import io.lisastream.kafka.EmbeddedKafka;
import io.lisastream.model.data.SequenceDataset;
import io.lisastream.operator.ModelAnnouncement;
import io.lisastream.pipeline.JobConfig;
import io.lisastream.trainer.TrainResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole demo in one JVM: train a model on part of the users, start a Kafka broker and a Flink
 * cluster, run the real pipeline job, announce the model, replay the other users' clicks (or a raw
 * file), read the recommendations and dead letters back (read_committed) and score them online.
 * Everything started here is stopped before {@link #run} returns or throws.
 */
public final class Demo {
    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
    private static final Duration PROBE_EVERY = Duration.ofSeconds(1);
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(10);

    private final DemoSettings s;
    private final PrintStream progress;
    private final boolean terminal;
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();

    private Demo(DemoSettings s, PrintStream progress, boolean terminal) {
        this.s = s;
        this.progress = progress;
        this.terminal = terminal;
    }

    /**
     * Runs the demo.
     *
     * @param progress where the live progress line goes (stderr)
     * @param terminal redraw the progress line in place
     */
    public static DemoSummary run(DemoSettings s, PrintStream progress, boolean terminal) throws Exception {
        return new Demo(s, progress, terminal).run();
    }

    private DemoSummary run() throws Exception {
        Path work = s.workDir() != null ? Files.createDirectories(s.workDir().toAbsolutePath())
                : Files.createTempDirectory("lisa-demo-");
        Throwable failure = null;
        try {
            return runIn(work);
        } catch (Throwable t) {
            failure = t;
            throw t;
        } finally {
            // an interrupt (Ctrl-C) must not cut the clean-up short: clear it while closing, then restore it
            boolean interrupted = Thread.interrupted();
            try {
                closeAll(failure);
            } finally {
                if (s.workDir() == null) {
                    deleteQuietly(work);
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private DemoSummary runIn(Path work) throws Exception {
        // 1. Kafka and Flink start on their own threads while the model trains
        closeLater(KafkaShutdownHooks.holdBack()); // closed last, after the broker
        Background<EmbeddedKafka> kafkaStart = closeLater(Background.start("lisa-demo-kafka-start", EmbeddedKafka::start));
        Background<LocalFlink> flinkStart = closeLater(Background.start("lisa-demo-flink-start",
                () -> LocalFlink.start(new LocalFlink.Settings(s.parallelism(), s.webPorts()))));
        DemoData data = loadData();
        LOG.info("Data: {}", data);
        TrainResult trained = DemoTraining.train(data.training(), s.training(), s.seed(), work.resolve("training"));
        PopularityTop popularity = PopularityTop.fit(data.training());

        // 2. the job
        EmbeddedKafka kafka = kafkaStart.get();
        JobConfig config = DemoJob.config(kafka.bootstrapServers(), s, work);
        kafka.createTopics(s.parallelism(), config.clicksTopic(), config.recommendationsTopic());
        kafka.createTopics(1, config.modelsTopic(), config.deadLettersTopic());
        LocalFlink flink = flinkStart.get();
        LOG.info("Flink web UI: {} (while the demo runs)", flink.webUi());
        JobID job = DemoJob.submit(flink, config);

        Properties clientProps = new Properties();
        clientProps.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        OnlineEvaluation evaluation = new OnlineEvaluation(popularity, s.excludeLast());
        OutputWatcher watcher = closeLater(new OutputWatcher(clientProps, config.recommendationsTopic(),
                config.deadLettersTopic(), ModelProbe.PROBE_USER, evaluation));
        KafkaProducer<byte[], byte[]> producer = closeLater(KafkaClients.producer(clientProps, "lisa-demo"));

        // 3. announce the model and wait until the job serves it
        ModelAnnouncement announcement = ModelPublisher.announcementFor(trained.modelDir(), null);
        ModelPublisher.send(producer, config.modelsTopic(), announcement);
        LOG.info("Announced model {} ({}); waiting for the job to serve it", announcement.version, announcement.uri);
        ModelProbe.await(producer, config.clicksTopic(), watcher, announcement.version,
                trained.model().itemIds().get(0), PROBE_EVERY, s.modelTimeout(), () -> checkJob(flink, job));
        LOG.info("The job serves model {}", announcement.version);

        // 4. replay and read back
        ReplaySource source;
        RawLinesSource raw = null;
        if (s.events() != null) {
            raw = closeLater(new RawLinesSource(s.events()));
            source = raw;
            LOG.info("Replaying {} raw records from {}", raw.size(), s.events());
        } else {
            source = new PlanSource(ClickPlan.of(data.all(), data.heldOut()),
                    data.all().hasTimestamps() ? EventTime.DATA : EventTime.NOW);
            LOG.info("Replaying {} clicks of {} held-out users{}", source.size(), data.heldOut().length,
                    s.rate() > 0 ? " at " + (long) s.rate() + " clicks/s" : " as fast as possible");
        }
        AtomicLong sent = new AtomicLong();
        AtomicLong validClicks = new AtomicLong();
        long t0 = System.nanoTime();
        try (LiveProgress live = new LiveProgress(progress, terminal, sent::get, source.size(), watcher,
                evaluation.latencies())) {
            new ClickReplayer(producer, config.clicksTopic(), s.rate()).replay(source, (k, r, millis) -> {
                if (r.userId() != null) {
                    evaluation.sent(r.userId(), r.itemId(), millis);
                    validClicks.incrementAndGet();
                }
                sent.incrementAndGet();
                if ((k & 1023) == 0) {
                    checkJob(flink, job);
                }
            }, null);
            long malformed = raw != null ? raw.malformedSoFar() : 0;
            LOG.info("Sent {} records: {} clicks, {} that the job will refuse (dead letters); reading the rest of the output",
                    sent.get(), validClicks.get(), malformed);
            drain(flink, job, watcher, validClicks.get(), malformed);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        watcher.check();

        // 5. summary
        OnlineEvaluation.Result scored = evaluation.result();
        if (scored.unmatched() > 0 || watcher.unreadable() > 0) {
            LOG.warn("{} recommendations matched no click sent, {} output records were unreadable", scored.unmatched(),
                    watcher.unreadable());
        }
        if (watcher.versions().size() > 1) {
            LOG.warn("Recommendations came from several model versions: {}", watcher.versions());
        }
        Latencies lat = evaluation.latencies();
        return new DemoSummary(sent.get(), watcher.recommendations(), watcher.deadLetters(), lat.percentile(50),
                lat.percentile(99), scored.modelHr10(), scored.popularityHr10(), mostUsed(watcher, announcement.version),
                scored.evaluated(), s.excludeLast(), (watcher.recommendations() + watcher.deadLetters()) / seconds,
                trained.wallSeconds(), s.training().variant().wireName());
    }

    private DemoData loadData() {
        if (s.data() == null) {
            return DemoData.synthetic(s.users(), s.items(), s.meanLength(), s.seed(), s.holdoutFor(s.users()));
        }
        SequenceDataset all = DataFiles.read(s.data(), s.format());
        return DemoData.split(all, s.holdoutFor(all.numUsers()), s.seed());
    }

    /**
     * Waits until every valid click has its recommendation and every malformed record its dead
     * letter, or no output has come for {@code drainQuiet} (some valid clicks may yield none).
     */
    private void drain(LocalFlink flink, JobID job, OutputWatcher watcher, long validClicks, long malformed)
            throws Exception {
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        long quiet = s.drainQuiet().toNanos();
        while (true) {
            watcher.check();
            checkJob(flink, job);
            if (watcher.recommendations() >= validClicks && watcher.deadLetters() >= malformed) {
                return;
            }
            long now = System.nanoTime();
            if (now - watcher.lastOutputNanos() > quiet) {
                LOG.warn("No output for {} s: stopping with {} of {} recommendations and {} of {} dead letters",
                        s.drainQuiet().toSeconds(), watcher.recommendations(), validClicks, watcher.deadLetters(), malformed);
                return;
            }
            if (now > deadline) {
                throw new IllegalStateException("the job's output did not complete within " + DRAIN_LIMIT.toMinutes()
                        + " min of the end of the replay");
            }
            Thread.sleep(100);
        }
    }

    private static void checkJob(LocalFlink flink, JobID job) {
        try {
            flink.checkNotFailed(job);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot reach the Flink job: " + e, e);
        }
    }

    private static String mostUsed(OutputWatcher watcher, String published) {
        return watcher.versions().entrySet().stream().max(java.util.Map.Entry.comparingByValue())
                .map(java.util.Map.Entry::getKey).orElse(published);
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        toClose.push(resource);
        return resource;
    }

    /** Closes everything in reverse order of opening; the first problem is added to {@code failure} or thrown. */
    private void closeAll(Throwable failure) throws Exception {
        long t0 = System.nanoTime();
        Exception first = null;
        while (!toClose.isEmpty()) {
            AutoCloseable c = toClose.pop();
            try {
                c.close();
            } catch (Exception e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                } else if (first == null) {
                    first = e;
                }
            }
        }
        LOG.info("Demo stopped (job, Flink, Kafka) in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        if (first != null) {
            throw first;
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete the demo's temporary directory {}: {}", dir, e.toString());
        }
    }
}
