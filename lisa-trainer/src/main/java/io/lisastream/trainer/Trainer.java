package io.lisastream.trainer;

import io.lisastream.model.AttentionQuery;
import io.lisastream.model.LisaModel;
import io.lisastream.model.artifact.ModelArtifact;
import io.lisastream.model.data.SequenceDataset;
import io.lisastream.model.eval.Evaluator;
import io.lisastream.model.eval.LeaveOneOut;
import io.lisastream.model.eval.Metrics;
import io.lisastream.model.eval.NegativeSampler;
import io.lisastream.model.eval.Protocol;
import io.lisastream.model.eval.Target;
import io.lisastream.trainer.nn.Adam;
import io.lisastream.trainer.nn.Batch;
import io.lisastream.trainer.nn.DistillationLoss;
import io.lisastream.trainer.nn.Loss;
import io.lisastream.trainer.nn.ModelShape;
import io.lisastream.trainer.nn.ParamAverage;
import io.lisastream.trainer.nn.SequenceNetwork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;

/**
 * Trains a model on the leave-one-out training sequences of a dataset and exports the best epoch
 * (by validation HR@10, sampled protocol; the full one on catalogues too small to sample 100
 * negatives) as a {@code lisa-model/1} artifact.
 *
 * <p>Output directory layout: {@code model/} the artifact, {@code training.png} the curves,
 * {@code epochs.csv} one line per epoch, {@code checkpoint/} the state {@code --resume} continues
 * from. The test target is never used here.
 */
public final class Trainer {
    public static final String MODEL_DIR = "model";
    public static final String CHECKPOINT_DIR = "checkpoint";
    private static final double ADAM_BETA1 = 0.9;
    private static final double ADAM_BETA2 = 0.98;
    private static final double ADAM_EPS = 1e-8;

    private Trainer() {
    }

    public static TrainResult train(SequenceDataset data, TrainConfig cfg, Path outDir, TrainListener listener)
            throws IOException {
        ForkJoinPool pool = new ForkJoinPool(cfg.threads());
        try {
            return pool.submit(() -> {
                try {
                    return run(data, cfg, outDir, listener == null ? TrainListener.NONE : listener);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted", e);
        } finally {
            pool.shutdown();
        }
    }

    /** The network shape a configuration trains on a catalogue of {@code numItems}. */
    public static ModelShape shape(TrainConfig cfg, int numItems) {
        return new ModelShape(cfg.variant(), numItems, cfg.dim(), cfg.ffnDim(), cfg.maxLen(), cfg.decay(),
                cfg.codebooks(), cfg.codewords(), cfg.targetCodebooks(), cfg.targetCodewords(), cfg.temperature(),
                cfg.dropout(), 1e-5, cfg.blocks(), cfg.query(), cfg.learnDecay(),
                cfg.blockWindow());
    }

    private static TrainResult run(SequenceDataset data, TrainConfig cfg, Path outDir, TrainListener listener)
            throws IOException {
        long start = System.nanoTime();
        LeaveOneOut split = LeaveOneOut.split(data);
        TrainingWindows windows = new TrainingWindows(split, cfg.maxLen(), cfg.allWindows());
        ModelShape shape = shape(cfg, data.numItems());
        SequenceNetwork net = new SequenceNetwork(shape, cfg.seed());
        if (cfg.initFrom() != null) {
            LisaModel init = ModelArtifact.read(cfg.initFrom());
            int known = WarmStart.apply(net, init, data.itemIds(), cfg.keepCodes());
            listener.onMessage("warm start from " + cfg.initFrom() + ": " + known + " of " + data.numItems()
                    + " items known" + (cfg.keepCodes() ? ", their codes kept" : ""));
        }
        Adam adam = new Adam(cfg.lr(), ADAM_BETA1, ADAM_BETA2, ADAM_EPS, cfg.weightDecay());
        ParamAverage average = cfg.paramAverage() > 0 ? new ParamAverage(cfg.paramAverage(), net.params()) : null;
        Files.createDirectories(outDir);
        Path ckptDir = outDir.resolve(CHECKPOINT_DIR);
        Teacher teacher = cfg.teacher() == null ? null : Teacher.load(cfg.teacher(), data.itemIds());
        String fingerprint = fingerprint(cfg, data, teacher);

        List<EpochRecord> history = new ArrayList<>();
        int firstEpoch = 1;
        Map<String, float[]> best = null;
        int bestEpoch = 0;
        double bestHr = Double.NEGATIVE_INFINITY;
        double bestNdcg = Double.NaN;
        int stale = 0;
        if (cfg.resume() && Files.exists(ckptDir.resolve(Checkpoint.FILE))) {
            Checkpoint c = Checkpoint.read(ckptDir);
            if (!c.fingerprint.equals(fingerprint)) {
                throw new IllegalArgumentException("--resume: the checkpoint in " + ckptDir
                        + " belongs to another configuration or dataset (" + c.fingerprint + "); this run is "
                        + fingerprint);
            }
            Checkpoint.restore(net.params(), c.params);
            adam.restore(c.adamStep, c.m, c.v);
            if (average != null) {
                average.restore(net.params(), c.average); // the fingerprint includes the average
            }
            history.addAll(c.history);
            firstEpoch = c.epoch + 1;
            best = c.best;
            bestEpoch = c.bestEpoch;
            bestHr = c.bestHr10;
            bestNdcg = c.bestNdcg10;
            stale = c.staleValidations;
            listener.onMessage("resuming after epoch " + c.epoch + " from " + ckptDir);
        } else if (cfg.resume()) {
            listener.onMessage("--resume: no checkpoint in " + ckptDir + ", starting fresh");
        }

        Protocol protocol = validationProtocol(split);
        if (protocol == Protocol.FULL) {
            listener.onMessage("the catalogue leaves some user fewer than " + NegativeSampler.DEFAULT_COUNT
                    + " unseen items to sample negatives from: validating with the full protocol");
        }
        Evaluator evaluator = Evaluator.of(split).protocol(protocol).target(Target.VALIDATION)
                .seed(cfg.seed()).maxUsers(cfg.maxEvalUsers()).threads(1);
        int[] valUsers = evaluator.users();
        int[][] valHistories = new int[valUsers.length][];
        for (int k = 0; k < valUsers.length; k++) {
            valHistories[k] = split.history(valUsers[k], Target.VALIDATION);
        }
        Loss loss = Loss.of(cfg.loss(), cfg.negatives(), cfg.excludeSeen());
        if (cfg.teacher() != null) {
            loss = new DistillationLoss(teacher.network(), cfg.distillWeight(), cfg.distillTemperature(),
                    cfg.excludeSeen());
            listener.onMessage("distilling from " + cfg.teacher() + " (weight " + cfg.distillWeight()
                    + ", temperature " + cfg.distillTemperature() + ")");
        }
        int d = shape.dim();
        int n = shape.numItems();
        boolean stopped = stale >= cfg.patience() && cfg.patience() > 0 && firstEpoch > 1;
        CodeChurn churn = new CodeChurn(Math.max(1, shape.codebooks()));
        for (int epoch = firstEpoch; epoch <= cfg.epochs() && !stopped; epoch++) {
            if (cfg.maxMinutes() > 0 && (System.nanoTime() - start) / 60e9 >= cfg.maxMinutes()) {
                listener.onMessage("time budget of " + cfg.maxMinutes() + " min used: stopping before epoch " + epoch);
                break;
            }
            if (cfg.learningRate(epoch) != adam.learningRate()) {
                adam.setLearningRate(cfg.learningRate(epoch));
                listener.onMessage("epoch " + epoch + ": learning rate " + adam.learningRate());
            }
            SplittableRandom rng = new SplittableRandom(cfg.seed() * 1_000_003L + epoch);
            List<Batch> batches = windows.epoch(cfg.batch(), rng);
            long t0 = System.nanoTime();
            double lossSum = 0;
            long positions = 0;
            for (int i = 0; i < batches.size(); i++) {
                Batch b = batches.get(i);
                net.params().zeroGrad();
                float[] z = net.forward(b, true, rng);
                float[] gz = new float[z.length];
                float[] gt = new float[n * d];
                double l = loss.forwardBackward(z, net.tables().target(), b, d, n, rng, gz, gt)
                        + net.items().auxLoss();
                if (!Double.isFinite(l)) {
                    throw new IllegalStateException("training diverged: loss " + l + " at epoch " + epoch + ", step "
                            + (i + 1));
                }
                net.backward(gz, gt);
                adam.update(net.params());
                if (average != null) {
                    average.update(net.params());
                }
                churn.step(net.tables().codes());
                int count = b.targetCount();
                lossSum += l * count;
                positions += count;
                double secs = (System.nanoTime() - t0) / 1e9;
                double rate = positions / Math.max(1e-9, secs);
                double eta = secs / (i + 1) * (batches.size() - i - 1);
                listener.onStep(epoch, i + 1, batches.size(), lossSum / positions, rate, eta);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double changed = churn.takeMeanPerStep();
            if (!Double.isNaN(changed)) {
                listener.onMessage(String.format(java.util.Locale.ROOT,
                        "epoch %d: items whose codes changed per step: %.1f of %d (%.1f%%)", epoch, changed, n,
                        100 * changed / n));
            }
            double hr = Double.NaN;
            double ndcg = Double.NaN;
            boolean isBest = false;
            if (epoch % cfg.evalEvery() == 0 || epoch == cfg.epochs()) {
                Metrics m = average == null ? validate(net, evaluator, valHistories)
                        : validateAt(net, average.values(), evaluator, valHistories);
                hr = m.hr10();
                ndcg = m.ndcg10();
                if (hr > bestHr) {
                    bestHr = hr;
                    bestNdcg = ndcg;
                    bestEpoch = epoch;
                    best = average == null ? Checkpoint.values(net.params()) : Checkpoint.copy(average.values());
                    stale = 0;
                    isBest = true;
                } else {
                    stale++;
                }
            }
            EpochRecord rec = new EpochRecord(epoch, lossSum / Math.max(1, positions), seconds, positions, hr, ndcg,
                    isBest);
            history.add(rec);
            listener.onEpoch(rec);
            Checkpoint.capture(fingerprint, epoch, net.params(), adam, average == null ? null : average.values(), best,
                    bestEpoch, bestHr, bestNdcg, stale, history).write(ckptDir);
            writeCsv(history, outDir);
            if (cfg.patience() > 0 && stale >= cfg.patience()) {
                listener.onMessage("early stop after epoch " + epoch + ": no better validation HR@10 in "
                        + cfg.patience() + " validations");
                stopped = true;
            }
        }
        if (best == null) {
            // never validated (e.g. zero epochs left): validate what we have
            if (average != null) {
                Checkpoint.restore(net.params(), average.values());
            }
            Metrics m = validate(net, evaluator, valHistories);
            bestHr = m.hr10();
            bestNdcg = m.ndcg10();
            bestEpoch = history.isEmpty() ? 0 : history.get(history.size() - 1).epoch();
        } else {
            Checkpoint.restore(net.params(), best);
        }
        Metrics validation = validate(net, evaluator, valHistories);
        double wall = (System.nanoTime() - start) / 1e9;
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("data", data.source() == null ? "in-memory" : data.source());
        training.put("dataSha256", data.sha256() == null ? "" : data.sha256());
        training.put("dataContentHash", dataHash(data));
        training.put("protocol", "leave-one-out; validation target = second-to-last item; "
                + (protocol == Protocol.SAMPLED ? "sampled: " + NegativeSampler.DEFAULT_COUNT
                        + " uniform negatives the user never interacted with, seed " + cfg.seed()
                        : "full: all items the user never interacted with"));
        training.put("validation", Map.of("hr10", validation.hr10(), "ndcg10", validation.ndcg10(), "hr5",
                validation.hr5(), "ndcg5", validation.ndcg5(), "users", validation.users()));
        training.put("seed", cfg.seed());
        training.put("bestEpoch", bestEpoch);
        training.put("epochs", history.isEmpty() ? 0 : history.get(history.size() - 1).epoch());
        training.put("wallSeconds", Math.round(wall * 10) / 10.0);
        double trainSeconds = 0;
        for (EpochRecord r : history) {
            trainSeconds += r.seconds();
        }
        training.put("secondsPerEpoch", history.isEmpty() ? 0 : Math.round(trainSeconds / history.size() * 10) / 10.0);
        training.put("loss", cfg.loss() + (cfg.loss().startsWith("ce")
                ? (cfg.negatives() == 0 ? " (all items)" : " (" + cfg.negatives() + " sampled negatives)") : "")
                + (cfg.excludeSeen() ? ", negatives exclude the user's own items" : ""));
        if (teacher != null) {
            training.put("distillation", Map.of("teacher", cfg.teacher().toString(), "teacherVersion",
                    teacher.version(), "weight", cfg.distillWeight(),
                    "temperature", cfg.distillTemperature()));
        }
        training.put("config", configMap(cfg));
        training.put("command", cfg.command() == null ? "Trainer.train" : cfg.command());
        training.put("trainedAt", Instant.now().toString());
        String version = cfg.variant().wireName() + "-" + Long.toHexString(System.currentTimeMillis()) + "-"
                + dataHash(data).substring(0, 8);
        LisaModel model = ModelExport.toModel(net, data.itemIds(), version, training);
        Path modelDir = outDir.resolve(MODEL_DIR);
        ModelArtifact.write(model, modelDir, true);
        LisaModel written = ModelArtifact.read(modelDir);
        Path chart = TrainingChart.write(history, cfg.variant().wireName() + " on " + shortName(data), outDir);
        listener.onMessage("wrote " + modelDir + " (best epoch " + bestEpoch + ") and " + chart);
        return new TrainResult(written, validation, modelDir, chart, bestEpoch,
                history.isEmpty() ? 0 : history.get(history.size() - 1).epoch(), wall, List.copyOf(history));
    }

    /**
     * The sampled protocol (the papers') when every evaluated user has at least 100 items they never
     * interacted with to draw negatives from; on a smaller catalogue, the full protocol.
     */
    static Protocol validationProtocol(LeaveOneOut split) {
        for (int u : split.evaluatedUsers()) {
            java.util.BitSet seen = new java.util.BitSet(split.numItems());
            for (int i : split.interacted(u)) {
                seen.set(i);
            }
            if (split.numItems() - seen.cardinality() < NegativeSampler.DEFAULT_COUNT) {
                return Protocol.FULL;
            }
        }
        return Protocol.SAMPLED;
    }

    /** Validates the network with these parameter values, then puts its own values back. */
    static Metrics validateAt(SequenceNetwork net, Map<String, float[]> values, Evaluator evaluator,
            int[][] histories) {
        Map<String, float[]> own = Checkpoint.values(net.params());
        Checkpoint.restore(net.params(), values);
        try {
            return validate(net, evaluator, histories);
        } finally {
            Checkpoint.restore(net.params(), own);
        }
    }

    static Metrics validate(SequenceNetwork net, Evaluator evaluator, int[][] histories) {
        float[][] z = UserVectors.compute(net, histories);
        VectorRanker ranker = new VectorRanker(histories, z, net.tables().target(), net.shape().dim());
        return evaluator.evaluate(ranker);
    }

    /** The file's sha256 when read from a file, else a hash of the content (ids and sequences). */
    static String dataHash(SequenceDataset data) {
        if (data.sha256() != null) {
            return data.sha256().substring(0, 16);
        }
        long h = 1125899906842597L;
        for (int u = 0; u < data.numUsers(); u++) {
            h = 31 * h + data.userId(u).hashCode();
            for (int i : data.sequence(u)) {
                h = 31 * h + data.itemId(i).hashCode();
            }
            h = 31 * h + 7;
        }
        return String.format("%016x", h);
    }

    private static String shortName(SequenceDataset data) {
        String s = data.source();
        if (s == null) {
            return "in-memory data";
        }
        int slash = s.lastIndexOf('/');
        return slash >= 0 ? s.substring(slash + 1) : s;
    }

    private static String fingerprint(TrainConfig c, SequenceDataset data, Teacher teacher) {
        return c.variant().wireName() + " D" + c.dim() + " F" + c.ffnDim() + " L" + c.maxLen()
                + (c.blocks() > 1 ? " blocks" + c.blocks() : "")
                + (c.query() != AttentionQuery.CODES ? " query-" + c.query() : "")
                + (c.learnDecay() ? " learn-decay" : "")
                + (c.blockWindow() > 0 ? " block-window" + c.blockWindow() : "") + " B" + c.codebooks()
                + "x" + c.codewords() + " T" + c.targetCodebooks() + "x" + c.targetCodewords() + " batch" + c.batch()
                + " " + c.loss() + c.negatives() + (c.excludeSeen() ? " exclude-seen" : "")
                + (c.allWindows() ? " all-windows" : "") + " lr" + c.lr()
                + (c.weightDecay() > 0 ? " wd" + c.weightDecay() : "")
                + (c.paramAverage() > 0 ? " avg" + c.paramAverage() : "")
                + (teacher != null ? " distil" + c.distillWeight() + "t" + c.distillTemperature() + " teacher "
                        + teacher.version() : "")
                + " seed" + c.seed() + " data "
                + dataHash(data);
    }

    private static Map<String, Object> configMap(TrainConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("variant", c.variant().wireName());
        m.put("epochs", c.epochs());
        m.put("batch", c.batch());
        m.put("dim", c.dim());
        m.put("ffnDim", c.ffnDim());
        m.put("maxLen", c.maxLen());
        m.put("blocks", c.blocks());
        m.put("query", c.query().wireName());
        m.put("learnDecay", c.learnDecay());
        m.put("blockWindow", c.blockWindow());
        m.put("codebooks", c.codebooks());
        m.put("codewords", c.codewords());
        m.put("targetCodebooks", c.targetCodebooks());
        m.put("targetCodewords", c.targetCodewords());
        m.put("decay", c.decay());
        m.put("temperature", c.temperature());
        m.put("dropout", c.dropout());
        m.put("lr", c.lr());
        m.put("lrDecayEpoch", c.lrDecayEpoch());
        m.put("lrDecayFactor", c.lrDecayFactor());
        m.put("weightDecay", c.weightDecay());
        m.put("paramAverage", c.paramAverage());
        m.put("loss", c.loss());
        m.put("negatives", c.negatives());
        m.put("excludeSeen", c.excludeSeen());
        m.put("allWindows", c.allWindows());
        m.put("evalEvery", c.evalEvery());
        m.put("patience", c.patience());
        m.put("maxEvalUsers", c.maxEvalUsers());
        m.put("initFrom", c.initFrom() == null ? "" : c.initFrom().toString());
        m.put("keepCodes", c.keepCodes());
        m.put("maxMinutes", c.maxMinutes());
        m.put("teacher", c.teacher() == null ? "" : c.teacher().toString());
        m.put("distillWeight", c.distillWeight());
        m.put("distillTemperature", c.distillTemperature());
        return m;
    }

    private static void writeCsv(List<EpochRecord> history, Path outDir) throws IOException {
        StringBuilder sb = new StringBuilder("epoch,loss,seconds,positions,val_hr10_sampled,val_ndcg10_sampled\n");
        for (EpochRecord r : history) {
            sb.append(r.epoch()).append(',').append(r.loss()).append(',').append(r.seconds()).append(',')
                    .append(r.positions()).append(',').append(r.validated() ? String.valueOf(r.hr10()) : "")
                    .append(',').append(r.validated() ? String.valueOf(r.ndcg10()) : "").append('\n');
        }
        Files.writeString(outDir.resolve("epochs.csv"), sb.toString());
    }
}
