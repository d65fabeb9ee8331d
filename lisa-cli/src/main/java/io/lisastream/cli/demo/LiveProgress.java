package io.lisastream.cli.demo;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The demo's live line on stderr, once a second: clicks sent, recommendations and dead letters read
 * back, events per second coming out of the job (recommendations + dead letters over the last
 * second), and the median latency of the last second. Redrawn in place on a terminal; on a pipe or
 * file, one line every few seconds.
 */
final class LiveProgress implements AutoCloseable {
    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier sent;
    private final long total;
    private final OutputWatcher watcher;
    private final Latencies latencies;
    private final ScheduledExecutorService timer;
    private long lastOut;
    private long lastNanos = System.nanoTime();
    private int lastLatency;
    private double lastP50 = Double.NaN;
    private int ticks;

    LiveProgress(PrintStream out, boolean terminal, LongSupplier sent, long total, OutputWatcher watcher,
            Latencies latencies) {
        this.out = out;
        this.terminal = terminal;
        this.sent = sent;
        this.total = total;
        this.watcher = watcher;
        this.latencies = latencies;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lisa-demo-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> tick(false), 1, 1, TimeUnit.SECONDS);
    }

    private synchronized void tick(boolean force) {
        long now = System.nanoTime();
        long outputs = watcher.recommendations() + watcher.deadLetters();
        double rate = (outputs - lastOut) / Math.max(1e-9, (now - lastNanos) / 1e9);
        int size = latencies.size();
        double p50 = latencies.percentileFrom(lastLatency, 50);
        if (!Double.isNaN(p50)) {
            lastP50 = p50;
        }
        lastOut = outputs;
        lastNanos = now;
        lastLatency = size;
        ticks++;
        if (!force && !terminal && ticks % 5 != 0) {
            return;
        }
        String line = String.format(Locale.ROOT,
                "events in %,d/%,d | recommendations out %,d | dead letters %,d | %,.0f events/s | p50 latency %s",
                sent.getAsLong(), total, watcher.recommendations(), watcher.deadLetters(), rate,
                Double.isNaN(lastP50) ? "-" : String.format(Locale.ROOT, "%.0f ms", lastP50));
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
        } else {
            out.println(line);
        }
        out.flush();
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        tick(true);
        if (terminal) {
            out.println();
        }
    }
}
