package io.lisastream.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the demo measured.
 *
 * @param events          records replayed to the click topic (the probe's excluded)
 * @param recommendations recommendations read back (committed), the probe's excluded
 * @param deadLetters     dead letters read back (committed)
 * @param p50LatencyMs    median click-sent to recommendation-readable time
 * @param p99LatencyMs    99th percentile of the same
 * @param onlineHr10      how often a user's next click was in the job's previous top 10
 * @param popularityHr10  the same for the training data's most popular items (recent clicks excluded)
 * @param modelVersion    the model version that made the recommendations
 * @param evaluated       number of (recommendation, next click) pairs behind the two HR@10
 * @param excludeLast     how many recent clicks were excluded from both rankings
 * @param eventsPerSecond recommendations + dead letters per second of replay-and-drain time
 * @param trainingSeconds wall time of training
 * @param variant         the model's variant (lisa-base, ..., sasrec)
 */
public record DemoSummary(long events, long recommendations, long deadLetters, double p50LatencyMs,
        double p99LatencyMs, double onlineHr10, double popularityHr10, String modelVersion, long evaluated,
        int excludeLast, double eventsPerSecond, double trainingSeconds, String variant) {

    /** The JSON of --summary-json: exactly the keys events, recommendations, deadLetters, p50LatencyMs, p99LatencyMs, onlineHr10, popularityHr10, modelVersion. */
    public String toJson() {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode n = json.createObjectNode();
        n.put("events", events);
        n.put("recommendations", recommendations);
        n.put("deadLetters", deadLetters);
        putNumber(n, "p50LatencyMs", p50LatencyMs);
        putNumber(n, "p99LatencyMs", p99LatencyMs);
        putNumber(n, "onlineHr10", round(onlineHr10, 4));
        putNumber(n, "popularityHr10", round(popularityHr10, 4));
        n.put("modelVersion", modelVersion);
        try {
            return json.writeValueAsString(n) + System.lineSeparator();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void writeJson(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson());
    }

    /** The summary a person reads, on stdout. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append("LISA demo summary\n");
        line(b, "events replayed", String.format(Locale.ROOT, "%,d", events));
        line(b, "recommendations", String.format(Locale.ROOT, "%,d", recommendations));
        line(b, "dead letters", String.format(Locale.ROOT, "%,d", deadLetters));
        line(b, "latency p50 / p99", ms(p50LatencyMs) + " / " + ms(p99LatencyMs)
                + "   (click sent -> recommendation committed and read)");
        line(b, "output rate", String.format(Locale.ROOT, "%,.0f events/s   (recommendations + dead letters,"
                + " from the first click sent to the last output read)", eventsPerSecond));
        line(b, "model version", (modelVersion == null ? "-" : modelVersion)
                + String.format(Locale.ROOT, "   (trained in %.0f s)", trainingSeconds));
        line(b, "online HR@10, " + variant, hr(onlineHr10) + String.format(Locale.ROOT, "   (%,d next clicks)", evaluated));
        line(b, "online HR@10, popularity", hr(popularityHr10)
                + String.format(Locale.ROOT, "   (training popularity, user's last %d clicks excluded as by the job)", excludeLast));
        return b.toString();
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append(String.format(Locale.ROOT, "  %-26s %s%n", label, value));
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f ms", v);
    }

    private static String hr(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static double round(double v, int digits) {
        if (Double.isNaN(v)) {
            return v;
        }
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    private static void putNumber(ObjectNode n, String key, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            n.putNull(key);
        } else {
            n.put(key, v);
        }
    }
}
