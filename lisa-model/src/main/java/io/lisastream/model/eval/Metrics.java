package io.lisastream.model.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;

/**
 * Hit rate and NDCG at 5 and 10 over {@code users} evaluated users, under one protocol
 * ({@code "sampled"} or {@code "full"}). Every value is a mean over users, in [0, 1].
 */
public record Metrics(String protocol, int users, double hr5, double hr10, double ndcg5, double ndcg10) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Metrics {
        if (protocol == null || protocol.isEmpty()) {
            throw new IllegalArgumentException("protocol must be named");
        }
        if (users < 0) {
            throw new IllegalArgumentException("users must be >= 0, got " + users);
        }
        for (double v : new double[] {hr5, hr10, ndcg5, ndcg10}) {
            if (!(v >= 0.0 && v <= 1.0)) {
                throw new IllegalArgumentException("metric value " + v + " outside [0, 1]");
            }
        }
    }

    /** Means of the per-user metrics of these 0-based ranks (summed in array order: deterministic). */
    public static Metrics fromRanks(String protocol, int[] ranks) {
        if (ranks.length == 0) {
            throw new IllegalArgumentException("no users to average over");
        }
        double h5 = 0;
        double h10 = 0;
        double n5 = 0;
        double n10 = 0;
        for (int r : ranks) {
            if (r < 0) {
                throw new IllegalArgumentException("negative rank " + r);
            }
            h5 += Ranking.hit(r, 5);
            h10 += Ranking.hit(r, 10);
            n5 += Ranking.ndcg(r, 5);
            n10 += Ranking.ndcg(r, 10);
        }
        int n = ranks.length;
        return new Metrics(protocol, n, h5 / n, h10 / n, n5 / n, n10 / n);
    }

    /**
     * One JSON object, keys in this order:
     * {@code {"protocol":"sampled","users":6040,"hr@5":..,"hr@10":..,"ndcg@5":..,"ndcg@10":..}}.
     * Values are written with full double precision.
     */
    public String toJson() {
        StringBuilder sb = new StringBuilder(128);
        sb.append("{\"protocol\":");
        try {
            sb.append(JSON.writeValueAsString(protocol));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return sb.append(",\"users\":").append(users)
                .append(",\"hr@5\":").append(hr5)
                .append(",\"hr@10\":").append(hr10)
                .append(",\"ndcg@5\":").append(ndcg5)
                .append(",\"ndcg@10\":").append(ndcg10)
                .append('}').toString();
    }

    /** Reads what {@link #toJson()} writes (extra keys are ignored). */
    public static Metrics fromJson(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            String[] keys = {"protocol", "users", "hr@5", "hr@10", "ndcg@5", "ndcg@10"};
            for (String k : keys) {
                if (n == null || !n.hasNonNull(k)) {
                    throw new IllegalArgumentException("metrics JSON lacks \"" + k + "\": " + json);
                }
            }
            return new Metrics(n.get("protocol").asText(), n.get("users").asInt(), n.get("hr@5").asDouble(),
                    n.get("hr@10").asDouble(), n.get("ndcg@5").asDouble(), n.get("ndcg@10").asDouble());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not valid metrics JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A small fixed-width table for humans, e.g. for a CLI. */
    public String toTable() {
        return String.format(Locale.ROOT,
                "protocol  users    HR@5     HR@10    NDCG@5   NDCG@10%n%-9s %-8d %-8.4f %-8.4f %-8.4f %-8.4f%n",
                protocol, users, hr5, hr10, ndcg5, ndcg10);
    }
}
