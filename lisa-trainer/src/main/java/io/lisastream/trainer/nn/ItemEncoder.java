package io.lisastream.trainer.nn;

import io.lisastream.model.Variant;
import java.util.Random;

/**
 * The item side of a network, recomputed for the whole catalogue once per step: what each item
 * contributes as input x_i, as histogram assignment a_i, its query codes, and its scoring target e_i.
 * <pre>
 *   E = sqrt(D) * item_raw                       [N, D]
 *   sasrec:    x = E,          e = E
 *   lisa-base: quantizer(E) -> codes, a (straight-through one-hots), x = e = recon
 *   lisa-mini: as base for x and a (small codebooks); e = recon of a separate target quantizer
 *   lisa-soft: soft quantizer(E) -> a = p (soft), x = soft recon, e = E, plus a reconstruction loss
 *              coef * mean_i ||E_i - recon_i||^2
 * </pre>
 */
public final class ItemEncoder {
    /** Weight of LISA-Soft's reconstruction loss (lisa-method.md). */
    public static final double SOFT_RECONSTRUCTION = 1e-2;

    private final ModelShape shape;
    private final Param raw;
    private final float scale;
    private final ResidualQuantizer quantizer;
    private final ResidualQuantizer targetQuantizer;

    private float[] emb;
    private ResidualQuantizer.Output q;
    private ResidualQuantizer.Output tq;
    private float auxLoss;

    /** The tables of one forward (owned until the next forward). */
    public record Tables(float[] input, float[] assign, int[] codes, float[] target) {
    }

    public ItemEncoder(ModelShape shape, ParamSet params) {
        this.shape = shape;
        this.raw = params.get("item_raw");
        this.scale = (float) Math.sqrt(shape.dim());
        Variant v = shape.variant();
        if (v.isLisa()) {
            quantizer = new ResidualQuantizer(params.get("codebooks"), params.get("bilinear"), shape.codebooks(),
                    shape.codewords(), shape.dim(), shape.temperature(), v != Variant.LISA_SOFT);
        } else {
            quantizer = null;
        }
        if (v == Variant.LISA_MINI) {
            targetQuantizer = new ResidualQuantizer(params.get("target_codebooks"), params.get("target_bilinear"),
                    shape.targetCodebooks(), shape.targetCodewords(), shape.dim(), shape.temperature(), true);
        } else {
            targetQuantizer = null;
        }
    }

    /**
     * Registers the item-side parameters with their initial values, scaled so the first scores
     * z . e_n have unit spread: z leaves a LayerNorm (entries ~ N(0, 1), |z| = sqrt(D)), so a
     * target table with entries of std 1/sqrt(D) gives z . e ~ N(0, 1). The raw table is scaled by
     * sqrt(D) on the way in, so its std is 1/D; a reconstruction sums B codewords, so codebook
     * entries have std 1/sqrt(B D). (Xavier-normal, as the reference, gave scores of std ~3 at
     * D = 128 on ML-1M and ~2.8 from the codebooks: the CE loss started near 9.7 for 256 negatives
     * and lisa-base on synthetic data reached validation HR@10 0.42 instead of 0.58 in 10 epochs.)
     *
     * <p>The bilinear matrix M gives the code similarities (res M) . c unit spread: |res| ~ 1 and
     * |c| ~ 1/sqrt(B), so M has entries of std sqrt(B). With std 1/sqrt(D) (Xavier) the similarities
     * had std 1/sqrt(B D) ~ 0.06, every softmax over the codewords was nearly uniform, and LISA-Soft,
     * whose input is the probability-weighted codeword sum, saw almost the same vector for every item:
     * it stayed at popularity level on synthetic data (validation HR@10 0.34 vs popularity 0.38 after
     * 5 epochs) and reached 0.61 with this scale.
     */
    public static void register(ModelShape s, ParamSet params, Random rng) {
        int n = s.numItems();
        int d = s.dim();
        params.add(new Param("item_raw", n, d).normal(rng, 1.0 / d));
        if (s.variant().isLisa()) {
            params.add(new Param("codebooks", s.codebooks(), s.codewords(), d)
                    .normal(rng, 1.0 / Math.sqrt((double) s.codebooks() * d)));
            params.add(new Param("bilinear", d, d).normal(rng, Math.sqrt(s.codebooks())));
        }
        if (s.variant() == Variant.LISA_MINI) {
            params.add(new Param("target_codebooks", s.targetCodebooks(), s.targetCodewords(), d)
                    .normal(rng, 1.0 / Math.sqrt((double) s.targetCodebooks() * d)));
            params.add(new Param("target_bilinear", d, d).normal(rng, Math.sqrt(s.targetCodebooks())));
        }
    }

    public Tables forward() {
        int n = shape.numItems();
        int d = shape.dim();
        emb = new float[n * d];
        for (int i = 0; i < emb.length; i++) {
            emb[i] = raw.value[i] * scale;
        }
        auxLoss = 0f;
        switch (shape.variant()) {
            case SASREC:
                return new Tables(emb, null, null, emb);
            case LISA_BASE:
                q = quantizer.forward(emb, n);
                return new Tables(q.recon(), q.assign(), q.codes(), q.recon());
            case LISA_MINI:
                q = quantizer.forward(emb, n);
                tq = targetQuantizer.forward(emb, n);
                return new Tables(q.recon(), q.assign(), q.codes(), tq.recon());
            case LISA_SOFT:
                q = quantizer.forward(emb, n);
                double se = 0;
                for (int i = 0; i < emb.length; i++) {
                    double diff = emb[i] - q.recon()[i];
                    se += diff * diff;
                }
                auxLoss = (float) (SOFT_RECONSTRUCTION * se / n);
                return new Tables(q.recon(), q.assign(), q.codes(), emb);
            default:
                throw new IllegalStateException();
        }
    }

    /** The auxiliary loss of the last forward (LISA-Soft's reconstruction term, else 0). */
    public float auxLoss() {
        return auxLoss;
    }

    /** Backward of the last forward; the auxiliary loss's gradient is included. */
    public void backward(float[] gInput, float[] gAssign, float[] gTarget) {
        int n = shape.numItems();
        float[] gEmb;
        switch (shape.variant()) {
            case SASREC: {
                gEmb = new float[gInput.length];
                for (int i = 0; i < gEmb.length; i++) {
                    gEmb[i] = gInput[i] + gTarget[i];
                }
                break;
            }
            case LISA_BASE: {
                float[] gRecon = new float[gInput.length];
                for (int i = 0; i < gRecon.length; i++) {
                    gRecon[i] = gInput[i] + gTarget[i];
                }
                gEmb = quantizer.backward(gAssign, gRecon);
                break;
            }
            case LISA_MINI: {
                gEmb = quantizer.backward(gAssign, gInput);
                float[] g2 = targetQuantizer.backward(null, gTarget);
                for (int i = 0; i < gEmb.length; i++) {
                    gEmb[i] += g2[i];
                }
                break;
            }
            case LISA_SOFT: {
                float c = (float) (2 * SOFT_RECONSTRUCTION / n);
                float[] recon = q.recon();
                float[] gRecon = new float[gInput.length];
                for (int i = 0; i < gRecon.length; i++) {
                    gRecon[i] = gInput[i] - c * (emb[i] - recon[i]);
                }
                gEmb = quantizer.backward(gAssign, gRecon);
                for (int i = 0; i < gEmb.length; i++) {
                    gEmb[i] += gTarget[i] + c * (emb[i] - recon[i]);
                }
                break;
            }
            default:
                throw new IllegalStateException();
        }
        for (int i = 0; i < gEmb.length; i++) {
            raw.grad[i] += gEmb[i] * scale;
        }
    }

    public ResidualQuantizer quantizer() {
        return quantizer;
    }

    public ResidualQuantizer targetQuantizer() {
        return targetQuantizer;
    }

    /** Target quantizer output of the last forward (lisa-mini), else null. */
    public ResidualQuantizer.Output targetOutput() {
        return tq;
    }
}
