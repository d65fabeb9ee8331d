package io.lisastream.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tiny random models of every variant for tests: N = 12 items, D = 8, F = 16, maxLen = 6,
 * B = 2 codebooks of W = 4 codewords, lisa-mini's target quantizer Bt = 2 x Wt = 5, decay 0.1,
 * eps 1e-5, drawn by {@link RandomModels}.
 * The same (variant, seed) always gives the same model.
 */
public final class TestModels {

    public static final int N = 12;
    public static final int D = 8;
    public static final int F = 16;
    public static final int MAX_LEN = 6;
    public static final int B = 2;
    public static final int W = 4;
    public static final int BT = 2;
    public static final int WT = 5;
    public static final double DECAY = 0.1;
    public static final double EPS = 1e-5;

    private TestModels() {
    }

    /** The configuration {@link #random} uses for a variant. */
    public static ModelConfig config(Variant v, long seed) {
        boolean lisa = v.isLisa();
        boolean mini = v == Variant.LISA_MINI;
        return new ModelConfig("test-" + v.wireName() + "-" + seed, v, D, F, MAX_LEN, DECAY, EPS,
                lisa ? B : 0, lisa ? W : 0, mini ? BT : 0, mini ? WT : 0, N);
    }

    /** External item ids "item-0" .. "item-11". */
    public static List<String> itemIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            ids.add("item-" + i);
        }
        return ids;
    }

    public static LisaModel random(Variant v, long seed) {
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("generator", "TestModels.random");
        training.put("seed", seed);
        return RandomModels.build(config(v, seed), seed * 31 + v.ordinal(), training);
    }
}
