package io.lisastream.cli.tail;

import io.lisastream.operator.Recommendation;
import io.lisastream.pipeline.DeadLetter;
import io.lisastream.pipeline.Parsed;
import io.lisastream.pipeline.WireJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/**
 * One output record as a human-readable line: a recommendation, a dead letter, or (for anything
 * else) the raw text with the reason it could not be read.
 */
public final class RecordText {
    private static final int MAX_RAW_CHARS = 160;

    private RecordText() {
    }

    /**
     * @param shown how many recommended items to show
     */
    public static String format(byte[] value, int shown) {
        Parsed<Recommendation> rec = WireJson.parseRecommendation(value);
        if (rec.isOk()) {
            return recommendation(rec.value(), shown);
        }
        Parsed<DeadLetter> dead = WireJson.parseDeadLetter(value);
        if (dead.isOk()) {
            return deadLetter(dead.value());
        }
        return "unreadable record (" + rec.error() + "): " + excerpt(value == null ? "" : new String(value, StandardCharsets.UTF_8));
    }

    static String recommendation(Recommendation r, int shown) {
        StringBuilder b = new StringBuilder(128);
        b.append("user ").append(r.userId)
                .append("  click #").append(r.historyLength)
                .append("  at ").append(Instant.ofEpochMilli(r.timestamp))
                .append("  model ").append(r.modelVersion)
                .append("  ->");
        int n = Math.min(shown, r.itemIds.length);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? " " : ", ").append(r.itemIds[i])
                    .append(String.format(Locale.ROOT, " (%.3f)", r.scores[i]));
        }
        if (r.itemIds.length > n) {
            b.append(", ... (").append(r.itemIds.length).append(" items)");
        }
        return b.toString();
    }

    static String deadLetter(DeadLetter d) {
        String raw = d.raw != null ? d.raw : d.rawBase64 != null ? "base64:" + d.rawBase64 : "";
        return "DEAD LETTER " + d.topic + "-" + d.partition + "@" + d.offset + ": " + d.error + "  | raw: " + excerpt(raw);
    }

    private static String excerpt(String s) {
        String oneLine = s.replace("\r", "\\r").replace("\n", "\\n");
        return oneLine.length() > MAX_RAW_CHARS ? oneLine.substring(0, MAX_RAW_CHARS) + "..." : oneLine;
    }
}
