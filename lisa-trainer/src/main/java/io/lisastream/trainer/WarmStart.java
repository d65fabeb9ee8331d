package io.lisastream.trainer;

import io.lisastream.model.LisaModel;
import io.lisastream.model.ModelConfig;
import io.lisastream.model.TensorSpec;
import io.lisastream.model.Variant;
import io.lisastream.trainer.nn.ModelShape;
import io.lisastream.trainer.nn.Param;
import io.lisastream.trainer.nn.ParamSet;
import io.lisastream.trainer.nn.SequenceNetwork;
import java.util.List;

/**
 * Initialises a network from a trained artifact (--init-from): every exported tensor of matching
 * shape is copied, items are matched by external id (known items start from their exported
 * embedding or reconstruction, new items keep their fresh initialisation), and with keepCodes every
 * known item keeps its codes (and soft row), so histograms built under the old model stay valid.
 */
final class WarmStart {
    private WarmStart() {
    }

    /** @return how many of the dataset's items the artifact knows */
    static int apply(SequenceNetwork net, LisaModel from, List<String> itemIds, boolean keepCodes) {
        ModelShape s = net.shape();
        ModelConfig c = from.config();
        if (c.variant() != s.variant()) {
            throw new IllegalArgumentException("--init-from artifact is a " + c.variant() + " model, training "
                    + s.variant());
        }
        if (c.dim() != s.dim() || c.ffnDim() != s.ffnDim() || c.maxLen() != s.maxLen() || c.blocks() != s.blocks()
                || c.blockWindow() != s.blockWindow()
                || c.codebooks() != (s.variant().isLisa() ? s.codebooks() : 0)
                || c.codewords() != (s.variant().isLisa() ? s.codewords() : 0)) {
            throw new IllegalArgumentException("--init-from artifact has dim " + c.dim() + ", ffnDim " + c.ffnDim()
                    + ", maxLen " + c.maxLen() + ", " + c.blocks() + " block(s), blockWindow " + c.blockWindow()
                    + ", codebooks " + c.codebooks() + " x " + c.codewords() + "; this run asks for " + s.dim() + ", "
                    + s.ffnDim() + ", " + s.maxLen() + ", " + s.blocks() + ", " + s.blockWindow() + ", "
                    + s.codebooks() + " x " + s.codewords());
        }
        ParamSet p = net.params();
        copy(from.floats(TensorSpec.POS), p.get("pos"));
        for (String name : ModelExport.BLOCK_TENSORS) {
            unstack(from.floats(name), p, name, s.blocks());
        }
        for (String name : ModelExport.PROJECTIONS) {
            unstack(from.floats(name), p, name, s.blocks()); // LISA: all B heads of a block in its slice
        }
        if (s.variant().isLisa()) {
            copy(from.floats(TensorSpec.CODEBOOKS), p.get("codebooks"));
        }
        if (s.learnDecay()) { // continue from the artifact's decays, learned or not
            float[] logDecay = p.get("log_decay").value;
            for (int cb = 0; cb < logDecay.length; cb++) {
                logDecay[cb] = (float) Math.log(Math.max(c.decay(cb), 1e-6));
            }
        }
        if (s.variant() == Variant.LISA_MINI && c.targetCodebooks() == s.targetCodebooks()
                && c.targetCodewords() == s.targetCodewords()) {
            copy(from.floats(TensorSpec.TARGET_CODEBOOKS), p.get("target_codebooks"));
        }
        int d = s.dim();
        int b = s.codebooks();
        int w = s.codewords();
        float inv = (float) (1.0 / Math.sqrt(d));
        float[] raw = p.get("item_raw").value;
        int[] fixed = keepCodes && s.variant().isLisa() ? new int[s.numItems() * b] : null;
        float[] fixedSoft = fixed != null && s.variant() == Variant.LISA_SOFT ? new float[s.numItems() * b * w] : null;
        if (fixed != null) {
            java.util.Arrays.fill(fixed, -1);
        }
        int known = 0;
        for (int i = 0; i < itemIds.size(); i++) {
            int j = from.indexOf(itemIds.get(i));
            if (j < 0) {
                continue;
            }
            known++;
            float[] e = new float[d];
            if (s.variant() == Variant.SASREC || s.variant() == Variant.LISA_SOFT) {
                System.arraycopy(from.floats(TensorSpec.ITEM_EMB), j * d, e, 0, d);
            } else {
                float[] cb = from.floats(TensorSpec.CODEBOOKS);
                int[] codes = from.ints(TensorSpec.CODES);
                for (int k = 0; k < b; k++) {
                    int off = (k * w + codes[j * b + k]) * d;
                    for (int a = 0; a < d; a++) {
                        e[a] += cb[off + a];
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                raw[i * d + a] = e[a] * inv;
            }
            if (fixed != null) {
                System.arraycopy(from.ints(TensorSpec.CODES), j * b, fixed, i * b, b);
                if (fixedSoft != null) {
                    System.arraycopy(from.floats(TensorSpec.SOFT_ASSIGN), j * b * w, fixedSoft, i * b * w, b * w);
                }
            }
        }
        if (fixed != null) {
            net.items().quantizer().fixCodes(fixed, fixedSoft);
        }
        return known;
    }

    /** Block k's slice of a stacked tensor into block k's parameter (one block: the whole tensor). */
    private static void unstack(float[] src, ParamSet p, String name, int blocks) {
        int size = src.length / blocks;
        for (int k = 0; k < blocks; k++) {
            copy(java.util.Arrays.copyOfRange(src, k * size, (k + 1) * size),
                    p.get(SequenceNetwork.blockParam(k, name)));
        }
    }

    private static void copy(float[] src, Param dst) {
        if (src.length != dst.size()) {
            throw new IllegalArgumentException("--init-from tensor for " + dst + " has " + src.length + " values");
        }
        System.arraycopy(src, 0, dst.value, 0, src.length);
    }
}
