package io.lisastream.trainer;

import io.lisastream.model.LisaModel;
import io.lisastream.model.ModelConfig;
import io.lisastream.model.Tensor;
import io.lisastream.model.TensorSpec;
import io.lisastream.model.Variant;
import io.lisastream.trainer.nn.ItemEncoder;
import io.lisastream.trainer.nn.ModelShape;
import io.lisastream.trainer.nn.ParamSet;
import io.lisastream.trainer.nn.ResidualQuantizer;
import io.lisastream.trainer.nn.SequenceNetwork;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a network's parameters into a {@code lisa-model/1} model that scores exactly what the
 * training graph computes in eval mode: the item tables are taken from one eval forward of the
 * item side (codes = argmax, item_emb = sqrt(D) * item_raw, soft_assign = the probabilities).
 */
public final class ModelExport {
    private ModelExport() {
    }

    public static LisaModel toModel(SequenceNetwork net, List<String> itemIds, String version,
            Map<String, Object> training) {
        ModelShape s = net.shape();
        ParamSet p = net.params();
        ItemEncoder.Tables tables = net.items().forward();
        int n = s.numItems();
        int d = s.dim();
        Variant v = s.variant();
        ModelConfig config = new ModelConfig(version, v, d, s.ffnDim(), s.maxLen(), s.decay(), s.layerNormEps(),
                v.isLisa() ? s.codebooks() : 0, v.isLisa() ? s.codewords() : 0,
                v == Variant.LISA_MINI ? s.targetCodebooks() : 0, v == Variant.LISA_MINI ? s.targetCodewords() : 0, n,
                s.blocks(), s.query(), s.learnDecay() ? Arrays.stream(net.codebookDecays()).boxed().toList()
                        : List.of(), s.blockWindow());
        Map<String, TensorSpec> specs = TensorSpec.required(config);
        Map<String, Tensor> t = new LinkedHashMap<>();
        if (v.isLisa()) {
            t.put(TensorSpec.CODES, Tensor.i32(tables.codes().clone(), n, s.codebooks()));
            t.put(TensorSpec.CODEBOOKS, Tensor.f32(p.get("codebooks").value.clone(), s.codebooks(), s.codewords(), d));
        }
        for (String name : PROJECTIONS) {
            t.put(name, Tensor.f32(stacked(p, name, s.blocks()), specs.get(name).shape()));
        }
        if (v == Variant.SASREC || v == Variant.LISA_SOFT) {
            t.put(TensorSpec.ITEM_EMB, Tensor.f32(tables.target().clone(), n, d));
        }
        if (v == Variant.LISA_SOFT) {
            t.put(TensorSpec.SOFT_ASSIGN, Tensor.f32(normalisedRows(tables.assign(), s.codewords()), n, s.codebooks(),
                    s.codewords()));
        }
        if (v == Variant.LISA_MINI) {
            ResidualQuantizer.Output tq = net.items().targetOutput();
            t.put(TensorSpec.TARGET_CODES, Tensor.i32(tq.codes().clone(), n, s.targetCodebooks()));
            t.put(TensorSpec.TARGET_CODEBOOKS, Tensor.f32(p.get("target_codebooks").value.clone(),
                    s.targetCodebooks(), s.targetCodewords(), d));
        }
        t.put(TensorSpec.POS, Tensor.f32(p.get("pos").value.clone(), s.maxLen(), d));
        for (String name : BLOCK_TENSORS) {
            t.put(name, Tensor.f32(stacked(p, name, s.blocks()), specs.get(name).shape()));
        }
        return new LisaModel(config, itemIds, t, training, null);
    }

    /** Each block's attention projections: [D, D] for sasrec, [B, D, D] (one per head) for LISA. */
    static final String[] PROJECTIONS = {"w_q", "w_k", "w_v"};

    /** The per-block tensors besides the projections, in the order the contract lists them. */
    static final String[] BLOCK_TENSORS = {"ln1_gamma", "ln1_beta", "ln2_gamma", "ln2_beta", "ffn_w1", "ffn_b1",
        "ffn_w2", "ffn_b2"};

    /** Block 0's values of {@code name}, then block 1's, ... (one block: a copy of the parameter). */
    private static float[] stacked(ParamSet p, String name, int blocks) {
        int size = p.get(name).size();
        float[] out = new float[blocks * size];
        for (int k = 0; k < blocks; k++) {
            System.arraycopy(p.get(SequenceNetwork.blockParam(k, name)).value, 0, out, k * size, size);
        }
        return out;
    }

    /** Soft rows summing to 1 in float (they do up to rounding; this removes the rounding). */
    private static float[] normalisedRows(float[] a, int w) {
        float[] out = a.clone();
        for (int r = 0; r < out.length / w; r++) {
            double sum = 0;
            for (int j = 0; j < w; j++) {
                sum += out[r * w + j];
            }
            for (int j = 0; j < w; j++) {
                out[r * w + j] = (float) (out[r * w + j] / sum);
            }
        }
        return out;
    }
}
