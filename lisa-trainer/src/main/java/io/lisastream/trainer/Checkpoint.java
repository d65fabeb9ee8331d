package io.lisastream.trainer;

import io.lisastream.trainer.nn.Adam;
import io.lisastream.trainer.nn.Param;
import io.lisastream.trainer.nn.ParamSet;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The state after an epoch, enough to continue exactly where a run stopped: parameters, Adam's
 * moments and step, the parameter average (with --param-average), the best parameters so far, the
 * epoch history and the early-stopping counter.
 * Batching, dropout and negatives are seeded per epoch, so no random state is stored. One binary
 * file written atomically (temporary file, then rename).
 */
final class Checkpoint {
    static final String FILE = "checkpoint.bin";
    private static final int MAGIC = 0x4C495341; // "LISA"
    private static final int VERSION = 2; // 2 added the parameter average; version 1 files still read

    final String fingerprint;
    final int epoch;
    final long adamStep;
    final Map<String, float[]> params;
    final Map<String, float[]> m;
    final Map<String, float[]> v;
    final Map<String, float[]> best;
    final Map<String, float[]> average;
    final int bestEpoch;
    final double bestHr10;
    final double bestNdcg10;
    final int staleValidations;
    final List<EpochRecord> history;

    Checkpoint(String fingerprint, int epoch, long adamStep, Map<String, float[]> params, Map<String, float[]> m,
            Map<String, float[]> v, Map<String, float[]> best, Map<String, float[]> average, int bestEpoch,
            double bestHr10, double bestNdcg10, int staleValidations, List<EpochRecord> history) {
        this.fingerprint = fingerprint;
        this.epoch = epoch;
        this.adamStep = adamStep;
        this.params = params;
        this.m = m;
        this.v = v;
        this.best = best;
        this.average = average;
        this.bestEpoch = bestEpoch;
        this.bestHr10 = bestHr10;
        this.bestNdcg10 = bestNdcg10;
        this.staleValidations = staleValidations;
        this.history = history;
    }

    static Map<String, float[]> values(ParamSet params) {
        Map<String, float[]> out = new HashMap<>();
        for (Param p : params.all()) {
            out.put(p.name(), p.value.clone());
        }
        return out;
    }

    static Map<String, float[]> copy(Map<String, float[]> values) {
        Map<String, float[]> out = new HashMap<>();
        values.forEach((name, v) -> out.put(name, v.clone()));
        return out;
    }

    static void restore(ParamSet params, Map<String, float[]> values) {
        for (Param p : params.all()) {
            float[] src = values.get(p.name());
            if (src == null || src.length != p.size()) {
                throw new IllegalStateException("checkpoint lacks parameter " + p + " or has another size");
            }
            System.arraycopy(src, 0, p.value, 0, src.length);
        }
    }

    /** average: the parameter average's values, or null without one. */
    static Checkpoint capture(String fingerprint, int epoch, ParamSet params, Adam adam, Map<String, float[]> average,
            Map<String, float[]> best, int bestEpoch, double bestHr10, double bestNdcg10, int stale,
            List<EpochRecord> history) {
        return new Checkpoint(fingerprint, epoch, adam.step(), values(params), new HashMap<>(adam.firstMoments()),
                new HashMap<>(adam.secondMoments()), best, average == null ? null : new HashMap<>(average), bestEpoch,
                bestHr10, bestNdcg10, stale, new ArrayList<>(history));
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(FILE + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(fingerprint);
            out.writeInt(epoch);
            out.writeLong(adamStep);
            out.writeInt(bestEpoch);
            out.writeDouble(bestHr10);
            out.writeDouble(bestNdcg10);
            out.writeInt(staleValidations);
            out.writeInt(history.size());
            for (EpochRecord r : history) {
                out.writeInt(r.epoch());
                out.writeDouble(r.loss());
                out.writeDouble(r.seconds());
                out.writeLong(r.positions());
                out.writeDouble(r.hr10());
                out.writeDouble(r.ndcg10());
                out.writeBoolean(r.best());
            }
            writeMap(out, params);
            writeMap(out, m);
            writeMap(out, v);
            writeMap(out, best == null ? Map.of() : best);
            writeMap(out, average == null ? Map.of() : average);
        }
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static Checkpoint read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            int version = in.readInt() == MAGIC ? in.readInt() : -1;
            if (version < 1 || version > VERSION) {
                throw new IOException(file + " is not a lisa-trainer checkpoint (versions 1 to " + VERSION + ")");
            }
            String fp = in.readUTF();
            int epoch = in.readInt();
            long step = in.readLong();
            int bestEpoch = in.readInt();
            double bestHr = in.readDouble();
            double bestNdcg = in.readDouble();
            int stale = in.readInt();
            int n = in.readInt();
            List<EpochRecord> history = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                history.add(new EpochRecord(in.readInt(), in.readDouble(), in.readDouble(), in.readLong(),
                        in.readDouble(), in.readDouble(), in.readBoolean()));
            }
            Map<String, float[]> params = readMap(in);
            Map<String, float[]> m = readMap(in);
            Map<String, float[]> v = readMap(in);
            Map<String, float[]> best = readMap(in);
            Map<String, float[]> average = version >= 2 ? readMap(in) : Map.of();
            return new Checkpoint(fp, epoch, step, params, m, v, best.isEmpty() ? null : best,
                    average.isEmpty() ? null : average, bestEpoch, bestHr, bestNdcg, stale, history);
        }
    }

    private static void writeMap(DataOutputStream out, Map<String, float[]> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, float[]> e : map.entrySet()) {
            out.writeUTF(e.getKey());
            float[] a = e.getValue();
            out.writeInt(a.length);
            byte[] buf = new byte[a.length * 4];
            java.nio.ByteBuffer.wrap(buf).asFloatBuffer().put(a);
            out.write(buf);
        }
    }

    private static Map<String, float[]> readMap(DataInputStream in) throws IOException {
        int n = in.readInt();
        Map<String, float[]> map = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            float[] a = new float[in.readInt()];
            byte[] buf = new byte[a.length * 4];
            in.readFully(buf);
            java.nio.ByteBuffer.wrap(buf).asFloatBuffer().get(a);
            map.put(name, a);
        }
        return map;
    }
}
