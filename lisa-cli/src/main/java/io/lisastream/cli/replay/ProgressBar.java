package io.lisastream.cli.replay;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A replay's progress on stderr: redrawn in place on a terminal, otherwise one line every few
 * seconds (so logs stay readable). Only ever writes to the stream it was given.
 */
public final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean terminal;
    private final long total;
    private final long startNanos = System.nanoTime();
    private final long everyNanos;
    private long lastNanos = startNanos;

    public ProgressBar(PrintStream out, long total) {
        this(out, total, System.console() != null);
    }

    public ProgressBar(PrintStream out, long total, boolean terminal) {
        this.out = out;
        this.total = total;
        this.terminal = terminal;
        this.everyNanos = terminal ? 200_000_000L : 5_000_000_000L;
    }

    /** Redraws if enough time has passed since the last drawing. */
    public void update(long done) {
        long now = System.nanoTime();
        if (now - lastNanos < everyNanos) {
            return;
        }
        lastNanos = now;
        draw(done, now);
    }

    /** Draws the final state and ends the line. */
    public void finish(long done) {
        draw(done, System.nanoTime());
        if (terminal) {
            out.println();
        }
        out.flush();
    }

    private void draw(long done, long now) {
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        double rate = done / seconds;
        double fraction = total > 0 ? Math.min(1.0, (double) done / total) : 1.0;
        int filled = (int) Math.round(fraction * WIDTH);
        String eta = rate > 0 && done < total ? String.format(Locale.ROOT, ", %s left", seconds((total - done) / rate)) : "";
        String text = String.format(Locale.ROOT, "[%s%s] %3.0f%% %,d/%,d records, %,.0f/s%s",
                "#".repeat(filled), ".".repeat(WIDTH - filled), 100 * fraction, done, total, rate, eta);
        if (terminal) {
            out.print("\r" + text + "\u001b[K");
        } else {
            out.println(text);
        }
        out.flush();
    }

    static String seconds(double s) {
        if (s < 90) {
            return String.format(Locale.ROOT, "%.0f s", s);
        }
        return String.format(Locale.ROOT, "%d min %02d s", (long) s / 60, (long) s % 60);
    }
}
