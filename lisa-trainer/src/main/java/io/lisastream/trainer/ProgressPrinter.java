package io.lisastream.trainer;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A {@link TrainListener} for people: a progress bar per epoch (loss, positions/s, ETA) redrawn in
 * place on a terminal, and one summary line per epoch.
 */
public final class ProgressPrinter implements TrainListener {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean redraw;
    private long lastDraw;

    /** @param redraw redraw the bar in place (a terminal); otherwise print only summary lines */
    public ProgressPrinter(PrintStream out, boolean redraw) {
        this.out = out;
        this.redraw = redraw;
    }

    @Override
    public void onStep(int epoch, int done, int total, double loss, double rate, double eta) {
        long now = System.nanoTime();
        if (!redraw) {
            int every = Math.max(1, total / 10);
            if (done % every == 0 && done < total) {
                out.println(String.format(Locale.ROOT, "epoch %d %d/%d loss %.4f %,.0f pos/s ETA %s", epoch, done,
                        total, loss, rate, eta(eta)));
                out.flush();
            }
            return;
        }
        if (done < total && now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        int filled = (int) Math.round(WIDTH * (double) done / total);
        out.print(String.format(Locale.ROOT, "\repoch %d [%s%s] %d/%d loss %.4f %,.0f pos/s ETA %s   ", epoch,
                "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, loss, rate, eta(eta)));
        out.flush();
    }

    @Override
    public void onEpoch(EpochRecord record) {
        if (redraw) {
            out.print("\r" + " ".repeat(100) + "\r");
        }
        out.println(record.summary());
        out.flush();
    }

    @Override
    public void onMessage(String message) {
        out.println(message);
        out.flush();
    }

    private static String eta(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, t / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60);
    }
}
