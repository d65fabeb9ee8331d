package io.lisastream.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Random but valid models of any configuration, for tests of inference and serving. */
public final class RandomModels {
    private RandomModels() {
    }

    /** A config of the given variant with small sizes. */
    public static ModelConfig config(Variant v, int numItems, int dim, int maxLen, double decay, int b, int w) {
        boolean mini = v == Variant.LISA_MINI;
        return new ModelConfig("random-" + v.wireName(), v, dim, 2 * dim, maxLen, decay, 1e-5,
                v.isLisa() ? b : 0, v.isLisa() ? w : 0, mini ? b + 1 : 0, mini ? w + 3 : 0, numItems);
    }

    /** Fills every tensor {@code config} requires with random values (codes uniform, soft rows normalised). */
    public static LisaModel build(ModelConfig config, long seed) {
        return build(config, seed, Map.of());
    }

    /** As {@link #build(ModelConfig, long)}, with a training record for the manifest. */
    public static LisaModel build(ModelConfig config, long seed, Map<String, Object> training) {
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
                tensors.put(spec.name(), Tensor.f32(softAssign(rnd, n, config.codewords()), shape));
            } else {
                float base = spec.name().endsWith("gamma") ? 1f : 0f;
                float[] data = new float[n];
                for (int i = 0; i < n; i++) {
                    data[i] = base + (float) rnd.nextGaussian() * 0.5f;
                }
                tensors.put(spec.name(), Tensor.f32(data, shape));
            }
        }
        if (config.variant() == Variant.LISA_SOFT) {
            // hard codes of a soft model are the argmax of its soft assignment, as training exports them
            int b = config.codebooks();
            tensors.put(TensorSpec.CODES, Tensor.i32(argmaxRows(tensors.get(TensorSpec.SOFT_ASSIGN).floats(),
                    config.codewords()), config.numItems(), b));
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < config.numItems(); i++) {
            ids.add("item-" + i);
        }
        return new LisaModel(config, ids, tensors, training, null);
    }

    private static float[] softAssign(SplittableRandom rnd, int n, int w) {
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
