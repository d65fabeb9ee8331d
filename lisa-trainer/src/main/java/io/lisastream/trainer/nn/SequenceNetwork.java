package io.lisastream.trainer.nn;

import io.lisastream.model.AttentionQuery;
import io.lisastream.model.Variant;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * One self-attention block over item sequences, LISA or the vanilla baseline:
 * <pre>
 *   x_p = dropout(input[i_p] + pos[t_p])                              [P, D]
 *   o   = CodewordAttention(histogram(assign[i]), codes[i_p])   (lisa-*, query CODES)
 *       = ContextCodewordAttention(x_p, histogram(assign[i]))    (lisa-*, query INPUT)
 *       = CausalSelfAttention(x)                                 (sasrec)
 *   z   = PostLnBlock(x, o)                                           [P, D]
 *   score(p, n) = z_p . target[n]
 * </pre>
 * Either may stack k blocks, each with its own parameters ({@link #blockParam}), fed the previous
 * block's output z: sasrec as x &lt;- PostLnBlock(x, CausalSelfAttention(x)); LISA as
 * z &lt;- PostLnBlock(z, ContextCodewordAttention(z, h)) over the first block's histogram h, so a
 * user's online state stays that one histogram. With {@code blockWindow} W' > 0, LISA's later blocks
 * are window blocks instead: z &lt;- PostLnBlock(z, CausalSelfAttention(z) over the last W' positions),
 * exact attention over the previous block's outputs with head 0 of the block's projections.
 * With {@code learnDecay}, lambda_b = exp(log_decay[b]) is a parameter per codebook (this project's
 * extension; the histogram of codebook b decays by r_b = exp(-lambda_b) per event).
 * Call {@link #forward}, then {@link #backward} with d loss / d z and d loss / d target table;
 * parameter gradients accumulate in {@link #params()}.
 */
public final class SequenceNetwork {
    private final ModelShape shape;
    private final ParamSet params;
    private final ItemEncoder items;
    private final Param pos;
    private final PostLnBlock[] blocks;
    private final Dropout dropInput;
    private final CodewordAttention codewordAttention;
    // LISA blocks 1..k-1, and block 0 when its query is the input (else index 0 is null)
    private final ContextCodewordAttention[] contextAttention;
    private final CausalSelfAttention[] causalAttention;
    // LISA blocks 1..k-1 when they are window blocks (shape.blockWindow() > 0; else all null)
    private final CausalSelfAttention[] windowAttention;

    private final Param logDecay; // [B], learnDecay only
    private Batch batch;
    private float[] histograms;   // h of the last forward (LISA)
    private float[] decayColumns; // r per histogram column of the last forward (LISA)
    private ItemEncoder.Tables tables;
    private final StepTimes times = new StepTimes();

    public SequenceNetwork(ModelShape shape, long seed) {
        this(shape, initialParams(shape, seed));
    }

    public SequenceNetwork(ModelShape shape, ParamSet params) {
        this.shape = shape;
        this.params = params;
        this.items = new ItemEncoder(shape, params);
        this.pos = params.get("pos");
        this.logDecay = shape.learnDecay() ? params.get("log_decay") : null;
        int d = shape.dim();
        this.blocks = new PostLnBlock[shape.blocks()];
        for (int k = 0; k < blocks.length; k++) {
            blocks[k] = new PostLnBlock(params, blockParam(k, ""), d, shape.ffnDim(), shape.dropout(),
                    shape.layerNormEps());
        }
        this.dropInput = new Dropout(shape.dropout());
        if (shape.variant().isLisa()) {
            boolean inputQuery = shape.query() == AttentionQuery.INPUT;
            codewordAttention = inputQuery ? null : new CodewordAttention(params.get("codebooks"), params.get("w_q"),
                    params.get("w_k"), params.get("w_v"), shape.codebooks(), shape.codewords(), d);
            contextAttention = new ContextCodewordAttention[blocks.length];
            int window = shape.blockWindow();
            windowAttention = new CausalSelfAttention[blocks.length];
            for (int k = 1; window > 0 && k < blocks.length; k++) { // head 0 of block k's [B, D, D] projections
                windowAttention[k] = new CausalSelfAttention(params.get(blockParam(k, "w_q")),
                        params.get(blockParam(k, "w_k")), params.get(blockParam(k, "w_v")), d, window);
            }
            for (int k = inputQuery ? 0 : 1; k < blocks.length && (k == 0 || window == 0); k++) {
                contextAttention[k] = new ContextCodewordAttention(params.get("codebooks"),
                        params.get(blockParam(k, "w_q")), params.get(blockParam(k, "w_k")),
                        params.get(blockParam(k, "w_v")), shape.codebooks(), shape.codewords(), d);
            }
            causalAttention = null;
        } else {
            codewordAttention = null;
            contextAttention = null;
            windowAttention = null;
            causalAttention = new CausalSelfAttention[blocks.length];
            for (int k = 0; k < blocks.length; k++) {
                causalAttention[k] = new CausalSelfAttention(params.get(blockParam(k, "w_q")),
                        params.get(blockParam(k, "w_k")), params.get(blockParam(k, "w_v")), d);
            }
        }
    }

    /**
     * The parameter name of block k's tensor {@code name}: the contract's name for the first block,
     * "block&lt;k&gt;." before it for the others (the export stacks them, block 0 first).
     */
    public static String blockParam(int k, String name) {
        return k == 0 ? name : "block" + k + "." + name;
    }

    /** Every parameter with its initial value, deterministic in the seed. */
    public static ParamSet initialParams(ModelShape s, long seed) {
        Random rng = new Random(seed);
        ParamSet params = new ParamSet();
        int d = s.dim();
        ItemEncoder.register(s, params, rng);
        int heads = s.variant().isLisa() ? s.codebooks() : 1;
        addProjections(params, 0, heads, d, rng);
        params.add(new Param("pos", s.maxLen(), d).normal(rng, Math.sqrt(2.0 / (s.maxLen() + d))));
        PostLnBlock.register(params, "", d, s.ffnDim(), rng);
        if (s.learnDecay()) {
            params.add(new Param("log_decay", s.codebooks()).fill((float) Math.log(s.decay()))); // no draw from rng
        }
        // further blocks after everything else, so block 0 starts the same for a seed at any depth
        for (int k = 1; k < s.blocks(); k++) {
            addProjections(params, k, heads, d, rng);
            PostLnBlock.register(params, blockParam(k, ""), d, s.ffnDim(), rng);
        }
        return params;
    }

    /** Block k's w_q, w_k, w_v [heads, D, D], uniform in the Xavier limit for D x D. */
    private static void addProjections(ParamSet params, int k, int heads, int d, Random rng) {
        double limit = Math.sqrt(6.0 / (2 * d));
        for (String name : new String[] {"w_q", "w_k", "w_v"}) {
            params.add(new Param(blockParam(k, name), heads, d, d).uniform(rng, limit));
        }
    }

    public ModelShape shape() {
        return shape;
    }

    public ParamSet params() {
        return params;
    }

    public ItemEncoder items() {
        return items;
    }

    /** The tables of the last forward (input, assign, codes, target). */
    public ItemEncoder.Tables tables() {
        return tables;
    }

    /** z [P, D] for every position of the batch (rows of padding positions are meaningless). */
    public float[] forward(Batch batch, boolean train, SplittableRandom rng) {
        this.batch = batch;
        int d = shape.dim();
        int p = batch.positions();
        int bt = batch.batch();
        if (batch.len() > shape.maxLen()) {
            throw new IllegalArgumentException("batch window " + batch.len() + " exceeds maxLen " + shape.maxLen());
        }
        long t0 = System.nanoTime();
        tables = items.forward();
        times.add("item side forward", t0);
        t0 = System.nanoTime();
        float[] input = tables.input();
        float[] x = new float[p * d];
        int[] it = batch.items();
        for (int i = 0; i < p; i++) {
            if (it[i] < 0) {
                continue;
            }
            int t = i / bt;
            int off = i * d;
            int src = it[i] * d;
            int po = t * d;
            for (int j = 0; j < d; j++) {
                x[off + j] = input[src + j] + pos.value[po + j];
            }
        }
        float[] xd = dropInput.forward(x, train, rng);
        float[] o;
        if (shape.variant().isLisa()) {
            int b = shape.codebooks();
            decayColumns = decayColumns();
            float[] h = DecayedHistogram.forward(tables.assign(), shape.histogramWidth(), it, batch.len(), bt,
                    decayColumns);
            histograms = h;
            int[] q = new int[p * b];
            int[] codes = tables.codes();
            for (int i = 0; i < p; i++) {
                if (it[i] >= 0) {
                    System.arraycopy(codes, it[i] * b, q, i * b, b);
                }
            }
            times.add("histogram forward", t0);
            t0 = System.nanoTime();
            o = codewordAttention != null ? codewordAttention.forward(h, q, p) : contextAttention[0].forward(xd, h, p);
            times.add("attention forward", t0);
            t0 = System.nanoTime();
            float[] z = blocks[0].forward(xd, o, p, train, rng);
            times.add("block forward", t0);
            for (int k = 1; k < blocks.length; k++) {
                t0 = System.nanoTime();
                o = windowAttention[k] != null ? windowAttention[k].forward(z, batch.lengths(), batch.len(), bt)
                        : contextAttention[k].forward(z, h, p);
                times.add(windowAttention[k] != null ? "window attention forward" : "attention forward", t0);
                t0 = System.nanoTime();
                z = blocks[k].forward(z, o, p, train, rng);
                times.add("block forward", t0);
            }
            return z;
        }
        float[] z = xd;
        for (int k = 0; k < blocks.length; k++) {
            o = causalAttention[k].forward(z, batch.lengths(), batch.len(), bt);
            times.add("attention forward", t0);
            t0 = System.nanoTime();
            z = blocks[k].forward(z, o, p, train, rng);
            times.add("block forward", t0);
            t0 = System.nanoTime();
        }
        return z;
    }

    /**
     * Backward of the last forward.
     *
     * @param gZ      d loss / d z [P, D]
     * @param gTarget d loss / d target table [N, D] (from the loss)
     */
    public void backward(float[] gZ, float[] gTarget) {
        int d = shape.dim();
        int n = shape.numItems();
        int p = batch.positions();
        int bt = batch.batch();
        long t0 = System.nanoTime();
        float[] gX;
        float[] gAssign = null;
        if (shape.variant().isLisa()) {
            float[] gHigher = null; // d loss / d h through blocks 1..k-1
            for (int k = blocks.length - 1; k >= 1; k--) {
                float[][] g = blocks[k].backward(gZ);
                times.add("block backward", t0);
                t0 = System.nanoTime();
                float[][] ga = windowAttention[k] != null
                        ? new float[][] {windowAttention[k].backward(g[1]), new float[histograms.length]}
                        : contextAttention[k].backward(g[1]);
                gZ = ga[0];
                for (int i = 0; i < gZ.length; i++) {
                    gZ[i] += g[0][i];
                }
                if (gHigher == null) {
                    gHigher = ga[1];
                } else {
                    for (int i = 0; i < gHigher.length; i++) {
                        gHigher[i] += ga[1][i];
                    }
                }
                times.add(windowAttention[k] != null ? "window attention backward" : "attention backward", t0);
                t0 = System.nanoTime();
            }
            float[][] g = blocks[0].backward(gZ);
            times.add("block backward", t0);
            t0 = System.nanoTime();
            gX = g[0];
            float[] gH;
            if (codewordAttention != null) {
                gH = codewordAttention.backward(g[1]);
            } else {
                float[][] ga = contextAttention[0].backward(g[1]);
                gX = ga[0];
                for (int i = 0; i < gX.length; i++) {
                    gX[i] += g[0][i];
                }
                gH = ga[1];
            }
            if (gHigher != null) {
                for (int i = 0; i < gH.length; i++) {
                    gH[i] += gHigher[i];
                }
            }
            times.add("attention backward", t0);
            t0 = System.nanoTime();
            gAssign = new float[n * shape.histogramWidth()];
            double[] gR = logDecay == null ? null : new double[shape.histogramWidth()];
            DecayedHistogram.backward(gH, shape.histogramWidth(), batch.items(), batch.len(), bt, decayColumns,
                    gAssign, histograms, gR);
            if (gR != null) {
                // r_b = exp(-lambda_b), lambda_b = exp(log_decay[b]): dr_b / dlog_decay[b] = -r_b lambda_b
                int w = shape.codewords();
                for (int cb = 0; cb < shape.codebooks(); cb++) {
                    double lambda = Math.exp(logDecay.value[cb]);
                    double sum = 0;
                    for (int j = cb * w; j < (cb + 1) * w; j++) {
                        sum += gR[j];
                    }
                    logDecay.grad[cb] += (float) (sum * -Math.exp(-lambda) * lambda);
                }
            }
            times.add("histogram backward", t0);
        } else {
            gX = gZ;
            for (int k = blocks.length - 1; k >= 0; k--) {
                float[][] g = blocks[k].backward(gX);
                times.add("block backward", t0);
                t0 = System.nanoTime();
                float[] gIn = causalAttention[k].backward(g[1]);
                for (int i = 0; i < gIn.length; i++) {
                    gIn[i] += g[0][i];
                }
                gX = gIn;
                times.add("attention backward", t0);
                t0 = System.nanoTime();
            }
        }
        t0 = System.nanoTime();
        float[] gx = dropInput.backward(gX);
        float[] gInput = new float[n * d];
        int[] it = batch.items();
        for (int i = 0; i < p; i++) {
            if (it[i] < 0) {
                continue;
            }
            int t = i / bt;
            int off = i * d;
            int dst = it[i] * d;
            int po = t * d;
            for (int j = 0; j < d; j++) {
                gInput[dst + j] += gx[off + j];
                pos.grad[po + j] += gx[off + j];
            }
        }
        items.backward(gInput, gAssign, gTarget);
        times.add("embeddings + item side backward", t0);
    }

    /** r per histogram column: exp(-lambda_b) for every column of codebook b. */
    private float[] decayColumns() {
        int w = shape.codewords();
        float[] r = new float[shape.histogramWidth()];
        for (int cb = 0; cb < shape.codebooks(); cb++) {
            float rb = logDecay == null ? shape.decayFactor() : (float) Math.exp(-Math.exp(logDecay.value[cb]));
            java.util.Arrays.fill(r, cb * w, (cb + 1) * w, rb);
        }
        return r;
    }

    /** lambda_b per codebook: the learned ones, or the shape's decay for every codebook. */
    public double[] codebookDecays() {
        double[] out = new double[shape.codebooks()];
        for (int cb = 0; cb < out.length; cb++) {
            out[cb] = logDecay == null ? shape.decay() : Math.exp(logDecay.value[cb]);
        }
        return out;
    }

    /** Accumulated wall time per part of forward and backward (profiling). */
    public StepTimes times() {
        return times;
    }

    /** True for variants whose target table is the quantized reconstruction. */
    public boolean quantizedTargets() {
        return shape.variant() == Variant.LISA_BASE || shape.variant() == Variant.LISA_MINI;
    }
}
