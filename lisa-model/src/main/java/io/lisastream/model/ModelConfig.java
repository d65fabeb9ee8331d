package io.lisastream.model;

import java.util.List;

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
 *                        with the previous block's output as query, so the online state is unchanged,
 *                        or with {@code blockWindow} over the previous block's recent outputs)
 * @param query           what queries the first LISA block's attention: the newest item's codes (the
 *                        contract) or the block's input x (this project's extension); CODES for sasrec
 * @param codebookDecays  lambda_b per sequence codebook, learned in training (this project's
 *                        extension); empty means every codebook decays by {@code decay}
 * @param blockWindow     0, or W' > 0: LISA blocks 1..k-1 attend exactly (softmax over the previous
 *                        block's outputs at the last W' positions, the newest included) instead of over
 *                        the histogram (this project's extension; see {@link #hasWindowBlocks()})
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
        int blocks,
        AttentionQuery query,
        List<Double> codebookDecays,
        int blockWindow) {

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
        if (query == null) {
            throw new ModelFormatException("attention query is missing");
        }
        if (!variant.isLisa() && query != AttentionQuery.CODES) {
            throw new ModelFormatException("attention query '" + query + "' applies to the LISA variants only, not "
                    + variant);
        }
        codebookDecays = codebookDecays == null ? List.of() : List.copyOf(codebookDecays);
        if (!codebookDecays.isEmpty()) {
            if (!variant.isLisa() || codebookDecays.size() != codebooks) {
                throw new ModelFormatException("codebookDecays needs one lambda per sequence codebook of a LISA "
                        + "variant (" + codebooks + "), got " + codebookDecays.size() + " for " + variant);
            }
            for (double l : codebookDecays) {
                if (!(l >= 0) || Double.isInfinite(l)) {
                    throw new ModelFormatException("codebookDecays must be finite numbers >= 0, got " + codebookDecays);
                }
            }
        }
        if (blockWindow < 0 || blockWindow > 0 && (!variant.isLisa() || blocks < 2)) {
            throw new ModelFormatException("blockWindow " + blockWindow + " needs a LISA variant of at least two "
                    + "blocks (the window is over the first block's outputs), got " + variant + " with " + blocks
                    + " block(s)");
        }
    }

    /** Every later block attending over the histogram (no window blocks). */
    public ModelConfig(String version, Variant variant, int dim, int ffnDim, int maxLen, double decay,
            double layerNormEps, int codebooks, int codewords, int targetCodebooks, int targetCodewords,
            int numItems, int blocks, AttentionQuery query, List<Double> codebookDecays) {
        this(version, variant, dim, ffnDim, maxLen, decay, layerNormEps, codebooks, codewords, targetCodebooks,
                targetCodewords, numItems, blocks, query, codebookDecays, 0);
    }

    /** Every codebook decaying by {@code decay} (the contract's histogram). */
    public ModelConfig(String version, Variant variant, int dim, int ffnDim, int maxLen, double decay,
            double layerNormEps, int codebooks, int codewords, int targetCodebooks, int targetCodewords,
            int numItems, int blocks, AttentionQuery query) {
        this(version, variant, dim, ffnDim, maxLen, decay, layerNormEps, codebooks, codewords, targetCodebooks,
                targetCodewords, numItems, blocks, query, List.of());
    }

    /** A model whose first LISA block is queried by the newest item's codes (the contract's query). */
    public ModelConfig(String version, Variant variant, int dim, int ffnDim, int maxLen, double decay,
            double layerNormEps, int codebooks, int codewords, int targetCodebooks, int targetCodewords,
            int numItems, int blocks) {
        this(version, variant, dim, ffnDim, maxLen, decay, layerNormEps, codebooks, codewords, targetCodebooks,
                targetCodewords, numItems, blocks, AttentionQuery.CODES);
    }

    /** A one-block model: the contract's {@code lisa-model/1} as written. */
    public ModelConfig(String version, Variant variant, int dim, int ffnDim, int maxLen, double decay,
            double layerNormEps, int codebooks, int codewords, int targetCodebooks, int targetCodewords,
            int numItems) {
        this(version, variant, dim, ffnDim, maxLen, decay, layerNormEps, codebooks, codewords, targetCodebooks,
                targetCodewords, numItems, 1, AttentionQuery.CODES);
    }

    /**
     * True when LISA blocks 1..k-1 are window blocks: block k's attention at position t is vanilla causal
     * softmax attention over block k-1's outputs z_{t-W'+1..t}, with head 0 of block k's w_q, w_k, w_v
     * (its other heads are unused). The user vector then depends on the last (k-1)(W'-1)+1 positions'
     * outputs, which a histogram does not carry.
     */
    public boolean hasWindowBlocks() {
        return blockWindow > 0;
    }

    /** lambda_b of sequence codebook b: its own when the model learned them, else {@code decay}. */
    public double decay(int codebook) {
        return codebookDecays.isEmpty() ? decay : codebookDecays.get(codebook);
    }

    /** The largest lambda_b (the lazy histogram scale must not overflow for any codebook). */
    public double maxDecay() {
        return codebookDecays.stream().mapToDouble(Double::doubleValue).max().orElse(decay);
    }

    /** r = exp(-lambda), the per-event decay factor of the histogram (of every codebook without codebookDecays). */
    public double decayFactor() {
        return Math.exp(-decay);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new ModelFormatException(name + " must be a positive integer, got " + value);
        }
    }
}
