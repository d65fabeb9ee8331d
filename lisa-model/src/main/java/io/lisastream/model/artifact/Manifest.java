package io.lisastream.model.artifact;

import io.lisastream.model.AttentionQuery;
import io.lisastream.model.ModelConfig;
import io.lisastream.model.Variant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * manifest.json of a {@code lisa-model/1} artifact, field for field as in
 * {@code contracts/model-artifact.md}. Numbers a variant does not use are 0 here and absent from
 * the JSON ({@code codebooks}/{@code codewords} for sasrec, {@code targetCodebooks}/
 * {@code targetCodewords} except for lisa-mini); {@code codeSpace} is null for sasrec;
 * {@code blocks} is 1 and absent from the JSON unless a sasrec model has more (this project's
 * extension, see {@link io.lisastream.model.TensorSpec}); {@code query} is CODES and absent from the
 * JSON unless a LISA model's first block is queried by its input (this project's extension, see
 * {@link io.lisastream.model.AttentionQuery}); {@code codebookDecays} is empty and absent unless a
 * LISA model learned one decay per codebook (this project's extension); {@code blockWindow} is 0 and
 * absent unless a stacked LISA model's later blocks attend over a window of outputs (this project's
 * extension, see {@link ModelConfig#hasWindowBlocks()}).
 *
 * @param tensors  the tensor table by tensor name, in file order
 * @param training free-form record of how the model was made (data, protocol, metrics, seed, ...)
 */
public record Manifest(
        String format,
        String version,
        Variant variant,
        int dim,
        int ffnDim,
        int maxLen,
        double decay,
        double layerNormEps,
        int codebooks,
        int codewords,
        int targetCodebooks,
        int targetCodewords,
        int numItems,
        int blocks,
        AttentionQuery query,
        List<Double> codebookDecays,
        int blockWindow,
        String codeSpace,
        Map<String, TensorEntry> tensors,
        Map<String, Object> training) {

    /** The only format this code reads and writes. */
    public static final String FORMAT = "lisa-model/1";
    public static final String FILE_NAME = "manifest.json";
    public static final String ITEMS_FILE = "items.txt";

    public Manifest {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        training = training == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(training));
    }

    /** A manifest of the current format for a model's numbers. */
    public static Manifest of(ModelConfig c, String codeSpace, Map<String, TensorEntry> tensors,
            Map<String, Object> training) {
        return new Manifest(FORMAT, c.version(), c.variant(), c.dim(), c.ffnDim(), c.maxLen(), c.decay(),
                c.layerNormEps(), c.codebooks(), c.codewords(), c.targetCodebooks(), c.targetCodewords(),
                c.numItems(), c.blocks(), c.query(), c.codebookDecays(), c.blockWindow(), codeSpace, tensors, training);
    }

    /** The model's numbers; validates them (positive sizes, finite decay, ...). */
    public ModelConfig config() {
        return new ModelConfig(version, variant, dim, ffnDim, maxLen, decay, layerNormEps, codebooks, codewords,
                targetCodebooks, targetCodewords, numItems, blocks, query,
                codebookDecays, blockWindow);
    }

    /**
     * Parses manifest.json strictly (see {@link ManifestJson}).
     *
     * @param source names the file in error messages
     */
    public static Manifest parse(byte[] json, String source) {
        return ManifestJson.parse(json, source);
    }

    /** The manifest as pretty-printed UTF-8 JSON with a final newline. */
    public byte[] toJson() {
        return ManifestJson.write(this);
    }
}
