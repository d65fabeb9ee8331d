package io.lisastream.model;

/**
 * The numbers of a trained model that shape its tensors and its inference (manifest.json minus the
 * tensor table and the free-form training record).
 *
 * @param version         unique id of this trained model
 * @param variant         model family
 * @param dim             D, the embedding width
 * @param ffnDim          F, the hidden width of the feed-forward layer
 * @param maxLen          number of learned positions; histories longer than this use the last one
 * @param decay           lambda; the histogram decays by r = exp(-lambda) per event
 * @param layerNormEps    epsilon inside both LayerNorms
 * @param codebooks       B, sequence codebooks (0 for sasrec)
 * @param codewords       W, codewords per sequence codebook (0 for sasrec)
 * @param targetCodebooks Bt, codebooks of lisa-mini's target quantizer (0 otherwise)
 * @param targetCodewords Wt, codewords per target codebook (0 otherwise)
 * @param numItems        N, catalogue size
 * @param blocks          attention blocks, each with its own projections, LayerNorms and FFN
 *                        (1 per the contract; more is this project's extension: sasrec re-encodes
 *                        its window, LISA's further blocks attend over the first block's histogram
 *                        with the previous block's output as query, so the online state is unchanged)
 */
public record ModelConfig(
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
        int blocks) {

    public ModelConfig {
        if (version == null || version.isBlank()) {
            throw new ModelFormatException("model version must be a non-empty string");
        }
        if (variant == null) {
            throw new ModelFormatException("model variant is missing");
        }
        requirePositive("dim", dim);
        requirePositive("ffnDim", ffnDim);
        requirePositive("maxLen", maxLen);
        requirePositive("numItems", numItems);
        if (!(decay >= 0) || Double.isInfinite(decay)) {
            throw new ModelFormatException("decay must be a finite number >= 0, got " + decay);
        }
        if (!(layerNormEps > 0) || Double.isInfinite(layerNormEps)) {
            throw new ModelFormatException("layerNormEps must be a finite number > 0, got " + layerNormEps);
        }
        if (variant.isLisa()) {
            requirePositive("codebooks", codebooks);
            requirePositive("codewords", codewords);
        }
        if (variant == Variant.LISA_MINI) {
            requirePositive("targetCodebooks", targetCodebooks);
            requirePositive("targetCodewords", targetCodewords);
        }
        requirePositive("blocks", blocks);
    }

    /** A one-block model: the contract's {@code lisa-model/1} as written. */
    public ModelConfig(String version, Variant variant, int dim, int ffnDim, int maxLen, double decay,
            double layerNormEps, int codebooks, int codewords, int targetCodebooks, int targetCodewords,
            int numItems) {
        this(version, variant, dim, ffnDim, maxLen, decay, layerNormEps, codebooks, codewords, targetCodebooks,
                targetCodewords, numItems, 1);
    }

    /** r = exp(-lambda), the per-event decay factor of the histogram. */
    public double decayFactor() {
        return Math.exp(-decay);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new ModelFormatException(name + " must be a positive integer, got " + value);
        }
    }
}
