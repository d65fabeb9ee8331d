package io.lisastream.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained model in memory: its configuration, its catalogue (external item ids by internal
 * index), its tensors and the free-form training record. Construction validates the whole contract
 * (every required tensor present with the right dtype and shape, parameters finite, codes in
 * range, soft assignments summing to one), so a {@code LisaModel} that exists is safe to serve.
 */
public final class LisaModel {
    /** Tolerance for rows of soft_assign summing to one. */
    private static final float SOFT_ROW_TOLERANCE = 1e-3f;

    private final ModelConfig config;
    private final List<String> itemIds;
    private final Map<String, Integer> indexByItemId;
    private final Map<String, Tensor> tensors;
    private final Map<String, Object> training;
    private final String codeSpace;

    /**
     * @param codeSpace the manifest's codeSpace (hex sha256 of codes.npy, plus soft_assign.npy for
     *                  lisa-soft), or null when the model was built in memory and not yet written;
     *                  the artifact writer computes it from the bytes it writes
     */
    public LisaModel(ModelConfig config, List<String> itemIds, Map<String, Tensor> tensors,
            Map<String, Object> training, String codeSpace) {
        this.config = config;
        this.codeSpace = codeSpace;
        this.itemIds = List.copyOf(itemIds);
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        this.training = training == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(training));
        if (this.itemIds.size() != config.numItems()) {
            throw new ModelFormatException("items.txt lists " + this.itemIds.size() + " items but numItems is "
                    + config.numItems());
        }
        Map<String, Integer> index = new HashMap<>(this.itemIds.size() * 2);
        for (int i = 0; i < this.itemIds.size(); i++) {
            String id = this.itemIds.get(i);
            if (id.isEmpty()) {
                throw new ModelFormatException("items.txt line " + (i + 1) + " is empty");
            }
            if (index.putIfAbsent(id, i) != null) {
                throw new ModelFormatException("items.txt line " + (i + 1) + " repeats item id '" + id
                        + "' (first on line " + (index.get(id) + 1) + ")");
            }
        }
        this.indexByItemId = index;
        validateTensors();
    }

    public ModelConfig config() {
        return config;
    }

    public Variant variant() {
        return config.variant();
    }

    /** External item ids; position k is internal index k. */
    public List<String> itemIds() {
        return itemIds;
    }

    /** Internal index of an external item id, or -1 when the model does not know the item. */
    public int indexOf(String itemId) {
        Integer i = indexByItemId.get(itemId);
        return i == null ? -1 : i;
    }

    public Map<String, Tensor> tensors() {
        return tensors;
    }

    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new ModelFormatException("model " + config.version() + " has no tensor '" + name + "'");
        }
        return t;
    }

    /** The float32 data of a tensor, shared (do not modify). */
    public float[] floats(String name) {
        return tensor(name).floats();
    }

    /** The int32 data of a tensor, shared (do not modify). */
    public int[] ints(String name) {
        return tensor(name).ints();
    }

    public Map<String, Object> training() {
        return training;
    }

    /**
     * Identity of the item-to-code assignment: two models with the same codeSpace give every item
     * the same codes, so a histogram built under one is valid under the other. Null for sasrec and
     * for models built in memory that were not written yet.
     */
    public String codeSpace() {
        return codeSpace;
    }

    private void validateTensors() {
        Map<String, TensorSpec> required = TensorSpec.required(config);
        for (TensorSpec spec : required.values()) {
            Tensor t = tensors.get(spec.name());
            if (t == null) {
                throw new ModelFormatException("missing tensor '" + spec.name() + "' required by variant "
                        + config.variant());
            }
            if (t.dtype() != spec.dtype()) {
                throw new ModelFormatException("tensor '" + spec.name() + "' has dtype " + t.dtype().manifestName()
                        + ", expected " + spec.dtype().manifestName());
            }
            if (!Arrays.equals(t.shape(), spec.shape())) {
                throw new ModelFormatException("tensor '" + spec.name() + "' has shape " + Arrays.toString(t.shape())
                        + ", expected " + Arrays.toString(spec.shape()));
            }
            if (t.dtype() == Tensor.DType.FLOAT32) {
                requireFinite(spec.name(), t.floats());
            }
        }
        for (String name : tensors.keySet()) {
            if (!required.containsKey(name)) {
                throw new ModelFormatException("unexpected tensor '" + name + "' for variant " + config.variant());
            }
        }
        if (config.variant().isLisa()) {
            requireCodesInRange(TensorSpec.CODES, ints(TensorSpec.CODES), config.codewords());
        }
        if (config.variant() == Variant.LISA_MINI) {
            requireCodesInRange(TensorSpec.TARGET_CODES, ints(TensorSpec.TARGET_CODES), config.targetCodewords());
        }
        if (config.variant() == Variant.LISA_SOFT) {
            requireRowsSumToOne(floats(TensorSpec.SOFT_ASSIGN), config.codewords());
        }
    }

    private static void requireFinite(String name, float[] data) {
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new ModelFormatException("tensor '" + name + "' holds " + data[i] + " at flat index " + i
                        + " (parameters must be finite)");
            }
        }
    }

    private static void requireCodesInRange(String name, int[] codes, int codewords) {
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < 0 || codes[i] >= codewords) {
                throw new ModelFormatException("tensor '" + name + "' holds code " + codes[i] + " at flat index " + i
                        + ", outside [0, " + codewords + ")");
            }
        }
    }

    private static void requireRowsSumToOne(float[] soft, int codewords) {
        for (int row = 0; row < soft.length / codewords; row++) {
            double sum = 0;
            for (int w = 0; w < codewords; w++) {
                float p = soft[row * codewords + w];
                if (p < 0) {
                    throw new ModelFormatException("tensor 'soft_assign' holds a negative probability in row " + row);
                }
                sum += p;
            }
            if (Math.abs(sum - 1.0) > SOFT_ROW_TOLERANCE) {
                throw new ModelFormatException("tensor 'soft_assign' row " + row + " sums to " + sum
                        + ", expected 1");
            }
        }
    }
}
