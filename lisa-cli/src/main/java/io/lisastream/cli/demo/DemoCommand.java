package io.lisastream.cli.demo;

import io.lisastream.model.Variant;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lisa demo}: the whole streaming system in one JVM, no arguments needed. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the whole system in this JVM: train a small model on part of the users (synthetic data"
                + " unless --data), start a Kafka broker and a Flink cluster (RocksDB, checkpoints, web UI), run the"
                + " pipeline job, announce the model, replay the other users' clicks and read the recommendations"
                + " back (read_committed).",
            "Live progress on stderr; at the end a summary on stdout: events, recommendations, dead letters,"
                + " p50/p99 latency, model version, online HR@10 next to popularity's."})
public final class DemoCommand implements Callable<Integer> {
    private static final long STOP_SECONDS = 20;

    @Option(names = "--quick", description = "Short run for CI: fewer users, fewer epochs, replay at full speed.")
    boolean quick;

    @Option(names = "--data", paramLabel = "FILE",
            description = "Use this data instead of synthetic (ML-1M ratings.dat or ml-1m.txt, ML-100k u.data, CSV).")
    Path data;

    @Option(names = "--format", paramLabel = "sasrec|movielens|csv", description = "Format of --data (default: from the name).")
    String format;

    @Option(names = "--events", paramLabel = "FILE.jsonl",
            description = "Stream these raw records (one per line, as they are, valid or not) instead of the held-out"
                    + " users' clicks; malformed ones end in the dead-letter topic.")
    Path events;

    @Option(names = "--variant", defaultValue = "lisa-base",
            description = "lisa-base, lisa-soft, lisa-mini or sasrec (default: ${DEFAULT-VALUE}).")
    String variant;

    @Option(names = "--summary-json", paramLabel = "FILE",
            description = "Also write the summary as JSON {events, recommendations, deadLetters, p50LatencyMs,"
                    + " p99LatencyMs, onlineHr10, popularityHr10, modelVersion}.")
    Path summaryJson;

    @Option(names = "--rate", paramLabel = "CLICKS_PER_SEC",
            description = "Replay rate, 0 = as fast as possible (default: 1000; --quick: 0).")
    Double rate;

    @Option(names = "--holdout-users", paramLabel = "N",
            description = "Users kept out of training and streamed (default: a fifth of the users, at most 400; --quick: 150).")
    Integer holdoutUsers;

    @Option(names = "--users", paramLabel = "N", description = "Synthetic users (default: 2000; --quick: 800).")
    Integer users;

    @Option(names = "--items", paramLabel = "N", description = "Synthetic items (default: 300; --quick: 200).")
    Integer items;

    @Option(names = "--epochs", paramLabel = "N", description = "Training epochs (default: 20; --quick: 10).")
    Integer epochs;

    @Option(names = "--dim", paramLabel = "D", description = "Model width D (default: 32).")
    Integer dim;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of data, split and training (default: 7).")
    Long seed;

    @Option(names = "--parallelism", paramLabel = "N", description = "Flink parallelism (default: 2).")
    Integer parallelism;

    @Option(names = "--checkpoint-interval", paramLabel = "MS",
            description = "Checkpoint interval in ms; exactly-once output becomes readable at each checkpoint (default: 1000).")
    Long checkpointMillis;

    @Option(names = "--exclude-last", paramLabel = "N",
            description = "Never recommend a user's last N clicked items, in the job and the popularity baseline (default: 50).")
    Integer excludeLast;

    @Option(names = "--web-port", paramLabel = "PORT[-PORT]",
            description = "Flink web UI port or range, 0 = any free port (default: 8081-8099).")
    String webPorts;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Keep the model, checkpoints and savepoints here (default: a temporary directory, deleted).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        DemoSettings settings = settings();
        PrintStream stdout = System.out;
        DemoSummary summary;
        // stdout carries only the summary: Kafka's storage formatter prints to System.out while the
        // embedded broker starts, so everything before the summary goes to stderr
        System.setOut(System.err);
        // Ctrl-C: interrupt the demo and let it stop the job, Flink and Kafka and delete its files
        Thread demo = Thread.currentThread();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            demo.interrupt();
            try {
                stopped.await(STOP_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lisa-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            summary = Demo.run(settings, System.err, System.console() != null);
        } finally {
            System.setOut(stdout);
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
        stdout.print(summary.toText());
        stdout.flush();
        if (summaryJson != null) {
            summary.writeJson(summaryJson);
        }
        return 0;
    }

    /** The defaults of the chosen mode with every flag given applied. */
    DemoSettings settings() {
        DemoSettings d = DemoSettings.defaults(quick);
        Variant v = Variant.fromWireName(variant);
        DemoTraining.Settings t = d.training();
        int codewords = v == Variant.LISA_MINI ? 16 : t.codewords();
        t = new DemoTraining.Settings(v, or(epochs, t.epochs(), "--epochs"), or(dim, t.dim(), "--dim"), t.maxLen(),
                t.codebooks(), codewords, t.lr(), t.batch());
        if (data != null && (users != null || items != null)) {
            throw new IllegalArgumentException("--users and --items describe synthetic data; they do not apply with --data");
        }
        if (format != null && data == null) {
            throw new IllegalArgumentException("--format applies to --data");
        }
        double r = rate != null ? rate : d.rate();
        if (!(r >= 0) || Double.isInfinite(r)) {
            throw new IllegalArgumentException("--rate must be a number >= 0, got " + rate);
        }
        long cp = checkpointMillis != null ? checkpointMillis : d.checkpointInterval().toMillis();
        if (cp < 100) {
            throw new IllegalArgumentException("--checkpoint-interval must be at least 100 ms, got " + cp);
        }
        int ex = excludeLast != null ? excludeLast : d.excludeLast();
        if (ex < 0) {
            throw new IllegalArgumentException("--exclude-last must be >= 0, got " + ex);
        }
        int holdout = holdoutUsers != null ? or(holdoutUsers, 0, "--holdout-users") : d.holdoutUsers();
        return new DemoSettings(data, format, events, or(users, d.users(), "--users"), or(items, d.items(), "--items"),
                d.meanLength(), seed != null ? seed : d.seed(), holdout, t, r,
                or(parallelism, d.parallelism(), "--parallelism"), Duration.ofMillis(cp),
                webPorts != null ? webPorts : d.webPorts(), ex, workDir,
                maxDuration(d.drainQuiet(), Duration.ofMillis(4 * cp)), d.modelTimeout());
    }

    private static int or(Integer v, int fallback, String flag) {
        if (v == null) {
            return fallback;
        }
        if (v < 1) {
            throw new IllegalArgumentException(flag + " must be a positive integer, got " + v);
        }
        return v;
    }

    private static Duration maxDuration(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
