package io.lisastream.model;

import io.lisastream.model.Tensor.DType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tensors a model of a given configuration must carry, with their dtypes and shapes, per the
 * table in {@code contracts/model-artifact.md} (row-vector convention: a projection is v . M).
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
            put(specs, W_Q, DType.FLOAT32, b, d, d);
            put(specs, W_K, DType.FLOAT32, b, d, d);
            put(specs, W_V, DType.FLOAT32, b, d, d);
        } else {
            put(specs, W_Q, DType.FLOAT32, 1, d, d);
            put(specs, W_K, DType.FLOAT32, 1, d, d);
            put(specs, W_V, DType.FLOAT32, 1, d, d);
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
        put(specs, LN1_GAMMA, DType.FLOAT32, d);
        put(specs, LN1_BETA, DType.FLOAT32, d);
        put(specs, LN2_GAMMA, DType.FLOAT32, d);
        put(specs, LN2_BETA, DType.FLOAT32, d);
        put(specs, FFN_W1, DType.FLOAT32, d, f);
        put(specs, FFN_B1, DType.FLOAT32, f);
        put(specs, FFN_W2, DType.FLOAT32, f, d);
        put(specs, FFN_B2, DType.FLOAT32, d);
        return specs;
    }

    private static void put(Map<String, TensorSpec> specs, String name, DType dtype, int... shape) {
        specs.put(name, new TensorSpec(name, dtype, shape));
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }
}
