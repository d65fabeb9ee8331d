package io.lisastream.bench;

import io.lisastream.model.LisaModel;
import io.lisastream.model.ModelConfig;
import io.lisastream.model.Tensor;
import io.lisastream.model.TensorSpec;
import io.lisastream.model.Variant;
import java.util.AbstractList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random but valid models of benchmark sizes (costs do not depend on trained values): codes uniform
 * over the codewords, float tensors N(0, 0.1^2) (LayerNorm gains 1 + that), soft assignments
 * normalised rows. Item ids are "1", "2", ... (decimal, as in ML-1M; internal index + 1)
 */
public final class BenchModels {
    private BenchModels() {
    }

    /** The paper's ML-1M configuration of a variant: D = F = 128, decay 0.1, 8 x 128 (Base), 8 x 16 (Mini). */
    public static ModelConfig config(Variant variant, int numItems, int maxLen) {
        return switch (variant) {
            case LISA_BASE -> new ModelConfig("bench-lisa-base", variant, 128, 128, maxLen, 0.1, 1e-8, 8, 128, 0, 0,
                    numItems);
            case LISA_MINI -> new ModelConfig("bench-lisa-mini", variant, 128, 128, maxLen, 0.1, 1e-8, 8, 16, 8, 128,
                    numItems);
            case LISA_SOFT -> new ModelConfig("bench-lisa-soft", variant, 128, 128, maxLen, 0.1, 1e-8, 8, 32, 0, 0,
                    numItems);
            case SASREC -> new ModelConfig("bench-sasrec", variant, 128, 128, maxLen, 0.1, 1e-8, 0, 0, 0, 0, numItems);
        };
    }

    public static LisaModel build(ModelConfig config, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (TensorSpec spec : TensorSpec.required(config).values()) {
            int[] shape = spec.shape();
            int n = (int) Tensor.elementCount(shape);
            if (spec.dtype() == Tensor.DType.INT32) {
                int bound = spec.name().equals(TensorSpec.TARGET_CODES) ? config.targetCodewords() : config.codewords();
                int[] data = new int[n];
                for (int i = 0; i < n; i++) {
                    data[i] = rnd.nextInt(bound);
                }
                tensors.put(spec.name(), Tensor.i32(data, shape));
            } else if (spec.name().equals(TensorSpec.SOFT_ASSIGN)) {
                tensors.put(spec.name(), Tensor.f32(softRows(rnd, n, config.codewords()), shape));
            } else {
                float base = spec.name().endsWith("gamma") ? 1f : 0f;
                float[] data = new float[n];
                for (int i = 0; i < n; i++) {
                    data[i] = base + (float) (rnd.nextGaussian() * 0.1);
                }
                tensors.put(spec.name(), Tensor.f32(data, shape));
            }
        }
        return new LisaModel(config, itemIds(config.numItems()), tensors, Map.of(), null);
    }

    /** "1" .. "n" (internal index + 1), generated on access. */
    public static List<String> itemIds(int n) {
        return new AbstractList<>() {
            @Override
            public String get(int index) {
                return Integer.toString(index + 1);
            }

            @Override
            public int size() {
                return n;
            }
        };
    }

    private static float[] softRows(SplittableRandom rnd, int n, int w) {
        float[] data = new float[n];
        for (int row = 0; row < n / w; row++) {
            double sum = 0;
            double[] e = new double[w];
            for (int k = 0; k < w; k++) {
                e[k] = Math.exp(2 * rnd.nextGaussian());
                sum += e[k];
            }
            for (int k = 0; k < w; k++) {
                data[row * w + k] = (float) (e[k] / sum);
            }
        }
        return data;
    }

    /** A random history of {@code length} internal indices (with repeats). */
    public static int[] history(int numItems, int length, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] h = new int[length];
        for (int i = 0; i < length; i++) {
            h[i] = rnd.nextInt(numItems);
        }
        return h;
    }
}
