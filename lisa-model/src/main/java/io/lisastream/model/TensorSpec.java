package io.lisastream.model;

import io.lisastream.model.Tensor.DType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tensors a model of a given configuration must carry, with their dtypes and shapes, per the
 * table in {@code contracts/model-artifact.md} (row-vector convention: a projection is v . M).
 *
 * <p>A model of {@code blocks} = k > 1 (this project's extension, docs/model-artifact.md) stacks
 * each block tensor along a new leading axis of length k, block 0 first: w_q [k, D, D] (sasrec; one
 * block's is already written [1, D, D]) or [k, B, D, D] (LISA), ln1_gamma [k, D], ffn_w1 [k, D, F],
 * ... A one-block model has exactly the contract's shapes, and a
 * reader that knows only those rejects a stacked model by its shapes instead of misreading it.
 */
public record TensorSpec(String name, DType dtype, int[] shape) {

    public static final String CODES = "codes";
    public static final String CODEBOOKS = "codebooks";
    public static final String W_Q = "w_q";
    public static final String W_K = "w_k";
    public static final String W_V = "w_v";
    public static final String ITEM_EMB = "item_emb";
    public static final String SOFT_ASSIGN = "soft_assign";
    public static final String TARGET_CODES = "target_codes";
    public static final String TARGET_CODEBOOKS = "target_codebooks";
    public static final String POS = "pos";
    public static final String LN1_GAMMA = "ln1_gamma";
    public static final String LN1_BETA = "ln1_beta";
    public static final String LN2_GAMMA = "ln2_gamma";
    public static final String LN2_BETA = "ln2_beta";
    public static final String FFN_W1 = "ffn_w1";
    public static final String FFN_B1 = "ffn_b1";
    public static final String FFN_W2 = "ffn_w2";
    public static final String FFN_B2 = "ffn_b2";

    /** Every tensor {@code config} requires, in a stable order, keyed by name. */
    public static Map<String, TensorSpec> required(ModelConfig config) {
        int n = config.numItems();
        int d = config.dim();
        int f = config.ffnDim();
        int b = config.codebooks();
        int w = config.codewords();
        Map<String, TensorSpec> specs = new LinkedHashMap<>();
        if (config.variant().isLisa()) {
            put(specs, CODES, DType.INT32, n, b);
            put(specs, CODEBOOKS, DType.FLOAT32, b, w, d);
        }
        int k = config.blocks();
        if (config.variant().isLisa()) {
            putBlock(specs, k, W_Q, b, d, d);
            putBlock(specs, k, W_K, b, d, d);
            putBlock(specs, k, W_V, b, d, d);
        } else {
            put(specs, W_Q, DType.FLOAT32, k, d, d);
            put(specs, W_K, DType.FLOAT32, k, d, d);
            put(specs, W_V, DType.FLOAT32, k, d, d);
        }
        if (config.variant() == Variant.SASREC || config.variant() == Variant.LISA_SOFT) {
            put(specs, ITEM_EMB, DType.FLOAT32, n, d);
        }
        if (config.variant() == Variant.LISA_SOFT) {
            put(specs, SOFT_ASSIGN, DType.FLOAT32, n, b, w);
        }
        if (config.variant() == Variant.LISA_MINI) {
            put(specs, TARGET_CODES, DType.INT32, n, config.targetCodebooks());
            put(specs, TARGET_CODEBOOKS, DType.FLOAT32, config.targetCodebooks(), config.targetCodewords(), d);
        }
        put(specs, POS, DType.FLOAT32, config.maxLen(), d);
        putBlock(specs, k, LN1_GAMMA, d);
        putBlock(specs, k, LN1_BETA, d);
        putBlock(specs, k, LN2_GAMMA, d);
        putBlock(specs, k, LN2_BETA, d);
        putBlock(specs, k, FFN_W1, d, f);
        putBlock(specs, k, FFN_B1, f);
        putBlock(specs, k, FFN_W2, f, d);
        putBlock(specs, k, FFN_B2, d);
        return specs;
    }

    private static void put(Map<String, TensorSpec> specs, String name, DType dtype, int... shape) {
        specs.put(name, new TensorSpec(name, dtype, shape));
    }

    /** A per-block float tensor: its own shape for one block, stacked as [blocks, shape...] for more. */
    private static void putBlock(Map<String, TensorSpec> specs, int blocks, String name, int... shape) {
        if (blocks == 1) {
            put(specs, name, DType.FLOAT32, shape);
            return;
        }
        int[] stacked = new int[shape.length + 1];
        stacked[0] = blocks;
        System.arraycopy(shape, 0, stacked, 1, shape.length);
        put(specs, name, DType.FLOAT32, stacked);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }
}
