package io.lisastream.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Tiny random models of every variant for tests: N = 12 items, D = 8, F = 16, maxLen = 6,
 * B = 2 codebooks of W = 4 codewords, lisa-mini's target quantizer Bt = 2 x Wt = 5, decay 0.1,
 * eps 1e-5. Parameters are Gaussian with standard deviation 0.5; LayerNorm gammas are near 1.
 * Codes are uniform; for lisa-soft, soft_assign rows are softmaxes and codes their argmax.
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
        ModelConfig config = config(v, seed);
        Random rnd = new Random(seed * 31 + v.ordinal());
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (TensorSpec spec : TensorSpec.required(config).values()) {
            int[] shape = spec.shape();
            int count = (int) Tensor.elementCount(shape);
            Tensor t = switch (spec.name()) {
                case TensorSpec.CODES -> Tensor.i32(randomCodes(rnd, count, W), shape);
                case TensorSpec.TARGET_CODES -> Tensor.i32(randomCodes(rnd, count, WT), shape);
                case TensorSpec.SOFT_ASSIGN -> Tensor.f32(softRows(rnd, count / W, W), shape);
                case TensorSpec.LN1_GAMMA, TensorSpec.LN2_GAMMA -> Tensor.f32(gaussian(rnd, count, 1.0, 0.1), shape);
                default -> Tensor.f32(gaussian(rnd, count, 0.0, 0.5), shape);
            };
            tensors.put(spec.name(), t);
        }
        if (v == Variant.LISA_SOFT) {
            tensors.put(TensorSpec.CODES, Tensor.i32(argmaxRows(tensors.get(TensorSpec.SOFT_ASSIGN).floats(), W),
                    N, B));
        }
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("generator", "TestModels.random");
        training.put("seed", seed);
        return new LisaModel(config, itemIds(), tensors, training, null);
    }

    private static int[] randomCodes(Random rnd, int count, int codewords) {
        int[] codes = new int[count];
        for (int i = 0; i < count; i++) {
            codes[i] = rnd.nextInt(codewords);
        }
        return codes;
    }

    private static float[] gaussian(Random rnd, int count, double mean, double sd) {
        float[] x = new float[count];
        for (int i = 0; i < count; i++) {
            x[i] = (float) (mean + sd * rnd.nextGaussian());
        }
        return x;
    }

    private static float[] softRows(Random rnd, int rows, int width) {
        float[] p = new float[rows * width];
        for (int r = 0; r < rows; r++) {
            double[] e = new double[width];
            double sum = 0;
            for (int w = 0; w < width; w++) {
                e[w] = Math.exp(2 * rnd.nextGaussian());
                sum += e[w];
            }
            for (int w = 0; w < width; w++) {
                p[r * width + w] = (float) (e[w] / sum);
            }
        }
        return p;
    }

    private static int[] argmaxRows(float[] p, int width) {
        int[] codes = new int[p.length / width];
        for (int r = 0; r < codes.length; r++) {
            int best = 0;
            for (int w = 1; w < width; w++) {
                if (p[r * width + w] > p[r * width + best]) {
                    best = w;
                }
            }
            codes[r] = best;
        }
        return codes;
    }
}
