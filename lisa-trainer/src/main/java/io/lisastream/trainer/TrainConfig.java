package io.lisastream.trainer;

import io.lisastream.model.AttentionQuery;
import io.lisastream.model.Variant;
import java.nio.file.Path;

/**
 * Everything a training run depends on. {@link #defaults(Variant)} gives the official ML-1M
 * configuration of each variant (../shared/notes/lisa-method.md); the with-style methods change
 * one field.
 *
 * @param variant         model family
 * @param epochs          maximum number of epochs
 * @param batch           sequences per step
 * @param dim             D
 * @param ffnDim          F
 * @param maxLen          training window and number of learned positions
 * @param blocks          attention blocks (1, the contract's model; more stack blocks, see SequenceNetwork)
 * @param query           what queries the first LISA block: the newest item's codes (the contract) or
 *                        the block's input x, item + position (this project's extension); CODES for sasrec
 * @param learnDecay      learn lambda_b per codebook, starting at decay (this project's extension)
 * @param blockWindow     0, or W' > 0: LISA blocks after the first attend exactly over the previous
 *                        block's outputs at the last W' positions (window blocks, this project's
 *                        extension; needs blocks >= 2)
 * @param codebooks       B (lisa-*)
 * @param codewords       W (lisa-*)
 * @param targetCodebooks Bt (lisa-mini)
 * @param targetCodewords Wt (lisa-mini)
 * @param decay           lambda, histogram decay per event
 * @param temperature     quantizer softmax temperature
 * @param dropout         dropout rate
 * @param lr              Adam learning rate (betas 0.9 / 0.98)
 * @param lrDecayEpoch    from this epoch on the learning rate is lr * lrDecayFactor (0 = never); not
 *                        part of the resume fingerprint, so a running training can be resumed with it
 * @param lrDecayFactor   the factor, in (0, 1]
 * @param weightDecay     decoupled (AdamW) weight decay per unit of learning rate, 0 = plain Adam
 * @param paramAverage    beta of an exponential moving average of the parameters, updated every step;
 *                        validation and the exported model use the average (0 = off, the last iterate)
 * @param loss            "bce" (one uniform negative per position), "ce" (softmax cross-entropy) or
 *                        "ce+bce" (their sum)
 * @param negatives       sampled negatives per batch for ce (0 = all items)
 * @param excludeSeen     negatives never include the items of the position's own training window
 *                        (SASRec's sampler does the same for bce): the model is not trained to
 *                        push the user's past items down, so serve it with a seen-item filter
 * @param allWindows      train on every maxLen-long chunk of a long training sequence, not only on
 *                        its last one (SASRec's choice); each chunk counts positions from its start
 * @param seed            seed of initialisation, batching, dropout and negatives (and of the validation negatives)
 * @param threads         worker threads (Java loops and BLAS)
 * @param evalEvery       validate every this many epochs (and after the last)
 * @param patience        stop after this many validations without a better HR@10 (0 = never)
 * @param maxEvalUsers    validate on at most this many users (0 = all)
 * @param resume          continue from the checkpoint in the output directory
 * @param initFrom        warm start from this artifact (null = fresh)
 * @param keepCodes       with initFrom: keep every known item's codes (same code space)
 * @param command         the command line, recorded in the manifest (may be null)
 * @param maxMinutes      wall-time budget: no new epoch starts once the run (this invocation) has
 *                        used this many minutes; 0 = no budget
 * @param teacher         distil from this trained sasrec artifact (null = no distillation); needs
 *                        the ce loss over all items
 * @param distillWeight   alpha: the loss is (1 - alpha) CE + alpha tau^2 KL(teacher || student)
 * @param distillTemperature tau, the softmax temperature of the distillation term
 */
public record TrainConfig(Variant variant, int epochs, int batch, int dim, int ffnDim, int maxLen, int blocks,
        AttentionQuery query, boolean learnDecay, int blockWindow, int codebooks,
        int codewords, int targetCodebooks, int targetCodewords, double decay, double temperature, double dropout,
        double lr, int lrDecayEpoch, double lrDecayFactor, double weightDecay, double paramAverage, String loss,
        int negatives,
        boolean excludeSeen, boolean allWindows, long seed, int threads, int evalEvery, int patience,
        int maxEvalUsers, boolean resume, Path initFrom, boolean keepCodes, String command, double maxMinutes,
        Path teacher, double distillWeight, double distillTemperature) {

    public TrainConfig {
        if (variant == null) {
            throw new IllegalArgumentException("variant is required");
        }
        positive("epochs", epochs);
        positive("batch", batch);
        positive("dim", dim);
        positive("ffnDim", ffnDim);
        positive("blocks", blocks);
        if (query == null) {
            throw new IllegalArgumentException("query is required");
        }
        if (learnDecay && (!variant.isLisa() || !(decay > 0))) {
            throw new IllegalArgumentException("--learn-decay needs a LISA variant and --decay > 0 (its starting "
                    + "value), got " + variant + " and " + decay);
        }
        if (blockWindow < 0 || blockWindow > 0 && (!variant.isLisa() || blocks < 2)) {
            throw new IllegalArgumentException("--block-window " + blockWindow + " needs a LISA variant and "
                    + "--blocks 2 or more (the window is over the first block's outputs), got " + variant + " with "
                    + blocks + " block(s)");
        }
        if (!variant.isLisa() && query != AttentionQuery.CODES) {
            throw new IllegalArgumentException("--query " + query + " applies to the LISA variants only (sasrec "
                    + "attends over its items)");
        }
        positive("maxLen", maxLen);
        positive("threads", threads);
        positive("evalEvery", evalEvery);
        if (variant.isLisa()) {
            positive("codebooks", codebooks);
            positive("codewords", codewords);
        }
        if (variant == Variant.LISA_MINI) {
            positive("targetCodebooks", targetCodebooks);
            positive("targetCodewords", targetCodewords);
        }
        if (!(decay >= 0) || Double.isInfinite(decay)) {
            throw new IllegalArgumentException("decay must be a finite number >= 0, got " + decay);
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (!(lr > 0)) {
            throw new IllegalArgumentException("lr must be > 0, got " + lr);
        }
        if (lrDecayEpoch < 0 || !(lrDecayFactor > 0 && lrDecayFactor <= 1)) {
            throw new IllegalArgumentException("lrDecayEpoch must be >= 0 (0 = never) and lrDecayFactor in (0, 1], got "
                    + lrDecayEpoch + " and " + lrDecayFactor);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be a finite number >= 0, got " + weightDecay);
        }
        if (!(paramAverage >= 0 && paramAverage < 1)) {
            throw new IllegalArgumentException("paramAverage must be in [0, 1) (0 = off), got " + paramAverage);
        }
        if (!"bce".equals(loss) && !"ce".equals(loss) && !"ce+bce".equals(loss)) {
            throw new IllegalArgumentException("loss must be bce, ce or ce+bce, got '" + loss + "'");
        }
        if (negatives < 0 || patience < 0 || maxEvalUsers < 0) {
            throw new IllegalArgumentException("negatives, patience and maxEvalUsers must be >= 0");
        }
        if (!(maxMinutes >= 0) || Double.isInfinite(maxMinutes)) {
            throw new IllegalArgumentException("maxMinutes must be a finite number >= 0 (0 = no budget), got "
                    + maxMinutes);
        }
        if (keepCodes && initFrom == null) {
            throw new IllegalArgumentException("--keep-codes needs --init-from (the artifact whose codes to keep)");
        }
        if (!(distillWeight > 0 && distillWeight <= 1) || !(distillTemperature > 0)
                || Double.isInfinite(distillTemperature)) {
            throw new IllegalArgumentException("distillation weight must be in (0, 1] and temperature > 0, got "
                    + distillWeight + " and " + distillTemperature);
        }
        if (teacher != null && !("ce".equals(loss) && negatives == 0)) {
            throw new IllegalArgumentException("--teacher needs --loss ce --negatives 0 (distillation is over all "
                    + "items), got --loss " + loss + " --negatives " + negatives);
        }
    }

    private static void positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be a positive integer, got " + v);
        }
    }

    /**
     * The official ML-1M configuration: D = F = 128, max length 300, dropout 0.1, decay 0.1,
     * temperature 0.7, Adam lr 1e-3, batch 128, up to 200 epochs;
     * lisa-base 8 x 128 codebooks, lisa-soft 8 x 32, lisa-mini 8 x 16 with an 8 x 128 target
     * quantizer. Validation every 5 epochs, patience 5 validations. One deviation, measured on ML-1M
     * (docs/results.md): the loss is the softmax cross-entropy over all items instead of the paper's
     * BCE with one negative, which reaches a higher validation HR@10 in fewer epochs and less time.
     */
    public static TrainConfig defaults(Variant v) {
        int b = 0;
        int w = 0;
        int bt = 0;
        int wt = 0;
        switch (v) {
            case LISA_BASE -> {
                b = 8;
                w = 128;
            }
            case LISA_SOFT -> {
                b = 8;
                w = 32;
            }
            case LISA_MINI -> {
                b = 8;
                w = 16;
                bt = 8;
                wt = 128;
            }
            case SASREC -> {
            }
        }
        return new TrainConfig(v, 200, 128, 128, 128, 300, 1, AttentionQuery.CODES, false, 0, b, w, bt, wt, 0.1, 0.7, 0.1, 1e-3, 0, 0.1, 0, 0, "ce", 0,
                false, false, 42L,
                Math.max(1, Runtime.getRuntime().availableProcessors()), 5, 5, 0, false, null, false, null, 0, null, 0.5,
                1.0);
    }

    /** Adam's learning rate in this epoch (1-based). */
    public double learningRate(int epoch) {
        return lrDecayEpoch > 0 && epoch >= lrDecayEpoch ? lr * lrDecayFactor : lr;
    }

    public TrainConfig withEpochs(int e) {
        Copy c = new Copy(this);
        c.epochs = e;
        return c.build();
    }

    public TrainConfig withShape(int dim, int ffnDim, int maxLen, int codebooks, int codewords) {
        Copy c = new Copy(this);
        c.dim = dim;
        c.ffnDim = ffnDim;
        c.maxLen = maxLen;
        c.codebooks = codebooks;
        c.codewords = codewords;
        return c.build();
    }

    public TrainConfig withBlocks(int blocks) {
        Copy c = new Copy(this);
        c.blocks = blocks;
        return c.build();
    }

    public TrainConfig withQuery(AttentionQuery query) {
        Copy c = new Copy(this);
        c.query = query;
        return c.build();
    }

    public TrainConfig withLearnedDecay(boolean learnDecay) {
        Copy c = new Copy(this);
        c.learnDecay = learnDecay;
        return c.build();
    }

    public TrainConfig withBlockWindow(int window) {
        Copy c = new Copy(this);
        c.blockWindow = window;
        return c.build();
    }

    public TrainConfig withTarget(int targetCodebooks, int targetCodewords) {
        Copy c = new Copy(this);
        c.targetCodebooks = targetCodebooks;
        c.targetCodewords = targetCodewords;
        return c.build();
    }

    public TrainConfig withBatch(int b) {
        Copy c = new Copy(this);
        c.batch = b;
        return c.build();
    }

    public TrainConfig withLoss(String l, int neg) {
        Copy c = new Copy(this);
        c.loss = l;
        c.negatives = neg;
        return c.build();
    }

    public TrainConfig withExcludeSeen(boolean x) {
        Copy c = new Copy(this);
        c.excludeSeen = x;
        return c.build();
    }

    public TrainConfig withAllWindows(boolean a) {
        Copy c = new Copy(this);
        c.allWindows = a;
        return c.build();
    }

    public TrainConfig withParamAverage(double beta) {
        Copy c = new Copy(this);
        c.paramAverage = beta;
        return c.build();
    }

    public TrainConfig withLrDecay(int fromEpoch, double factor) {
        Copy c = new Copy(this);
        c.lrDecayEpoch = fromEpoch;
        c.lrDecayFactor = factor;
        return c.build();
    }

    public TrainConfig withOptimisation(double decay, double temperature, double dropout, double lr) {
        Copy c = new Copy(this);
        c.decay = decay;
        c.temperature = temperature;
        c.dropout = dropout;
        c.lr = lr;
        return c.build();
    }

    public TrainConfig withRun(long seed, int threads, int evalEvery, int patience, int maxEvalUsers) {
        Copy c = new Copy(this);
        c.seed = seed;
        c.threads = threads;
        c.evalEvery = evalEvery;
        c.patience = patience;
        c.maxEvalUsers = maxEvalUsers;
        return c.build();
    }

    public TrainConfig withResume(boolean r) {
        Copy c = new Copy(this);
        c.resume = r;
        return c.build();
    }

    public TrainConfig withInit(Path from, boolean keep) {
        Copy c = new Copy(this);
        c.initFrom = from;
        c.keepCodes = keep;
        return c.build();
    }

    public TrainConfig withMaxMinutes(double m) {
        Copy c = new Copy(this);
        c.maxMinutes = m;
        return c.build();
    }

    /** Distil from a sasrec artifact with weight alpha and temperature tau (null teacher = off). */
    public TrainConfig withDistillation(Path teacherDir, double alpha, double tau) {
        Copy c = new Copy(this);
        c.teacher = teacherDir;
        c.distillWeight = alpha;
        c.distillTemperature = tau;
        return c.build();
    }

    public TrainConfig withCommand(String cmd) {
        Copy c = new Copy(this);
        c.command = cmd;
        return c.build();
    }

    /** A mutable copy of every field: the with-methods change some and build a new (validated) config. */
    private static final class Copy {
        Variant variant;
        int epochs;
        int batch;
        int dim;
        int ffnDim;
        int maxLen;
        int blocks;
        AttentionQuery query;
        boolean learnDecay;
        int blockWindow;
        int codebooks;
        int codewords;
        int targetCodebooks;
        int targetCodewords;
        double decay;
        double temperature;
        double dropout;
        double lr;
        int lrDecayEpoch;
        double lrDecayFactor;
        double weightDecay;
        double paramAverage;
        String loss;
        int negatives;
        boolean excludeSeen;
        boolean allWindows;
        long seed;
        int threads;
        int evalEvery;
        int patience;
        int maxEvalUsers;
        boolean resume;
        Path initFrom;
        boolean keepCodes;
        String command;
        double maxMinutes;
        Path teacher;
        double distillWeight;
        double distillTemperature;

        Copy(TrainConfig t) {
            variant = t.variant;
            epochs = t.epochs;
            batch = t.batch;
            dim = t.dim;
            ffnDim = t.ffnDim;
            maxLen = t.maxLen;
            blocks = t.blocks;
            query = t.query;
            learnDecay = t.learnDecay;
            blockWindow = t.blockWindow;
            codebooks = t.codebooks;
            codewords = t.codewords;
            targetCodebooks = t.targetCodebooks;
            targetCodewords = t.targetCodewords;
            decay = t.decay;
            temperature = t.temperature;
            dropout = t.dropout;
            lr = t.lr;
            lrDecayEpoch = t.lrDecayEpoch;
            lrDecayFactor = t.lrDecayFactor;
            weightDecay = t.weightDecay;
            paramAverage = t.paramAverage;
            loss = t.loss;
            negatives = t.negatives;
            excludeSeen = t.excludeSeen;
            allWindows = t.allWindows;
            seed = t.seed;
            threads = t.threads;
            evalEvery = t.evalEvery;
            patience = t.patience;
            maxEvalUsers = t.maxEvalUsers;
            resume = t.resume;
            initFrom = t.initFrom;
            keepCodes = t.keepCodes;
            command = t.command;
            maxMinutes = t.maxMinutes;
            teacher = t.teacher;
            distillWeight = t.distillWeight;
            distillTemperature = t.distillTemperature;
        }

        TrainConfig build() {
            return new TrainConfig(variant, epochs, batch, dim, ffnDim, maxLen, blocks, query, learnDecay, blockWindow, codebooks,
                    codewords,                    targetCodebooks, targetCodewords, decay, temperature, dropout, lr, lrDecayEpoch, lrDecayFactor,
                    weightDecay, paramAverage, loss, negatives, excludeSeen, allWindows, seed, threads, evalEvery,
                    patience,
                    maxEvalUsers, resume,
                    initFrom, keepCodes, command, maxMinutes, teacher, distillWeight, distillTemperature);
        }
    }
}
