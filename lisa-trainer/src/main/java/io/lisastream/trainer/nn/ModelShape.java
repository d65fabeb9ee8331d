package io.lisastream.trainer.nn;

import io.lisastream.model.AttentionQuery;
import io.lisastream.model.Variant;

/**
 * The architecture numbers of a network (what the exported ModelConfig carries, plus the
 * training-only temperature and dropout). {@code blocks} > 1 stacks blocks and {@code query} INPUT
 * queries the first LISA block by its input; {@code learnDecay} makes lambda_b of every codebook a
 * parameter, initialised at {@code decay}; {@code blockWindow} > 0 makes LISA blocks 1..k-1 window
 * blocks (exact attention over the previous block's last W' outputs, see {@link SequenceNetwork}).
 */
public record ModelShape(Variant variant, int numItems, int dim, int ffnDim, int maxLen, double decay,
        int codebooks, int codewords, int targetCodebooks, int targetCodewords, double temperature,
        double dropout, double layerNormEps, int blocks, AttentionQuery query, boolean learnDecay, int blockWindow) {

    public ModelShape {
        if (learnDecay && (!variant.isLisa() || !(decay > 0))) {
            throw new IllegalArgumentException("learned decays need a LISA variant and an initial decay > 0, got "
                    + variant + " and " + decay);
        }
        if (query == null || !variant.isLisa() && query != AttentionQuery.CODES) {
            throw new IllegalArgumentException("query " + query + " for " + variant + ": LISA variants only");
        }
        if (blocks < 1) {
            throw new IllegalArgumentException("blocks = " + blocks + ": at least one");
        }
        if (blockWindow < 0 || blockWindow > 0 && (!variant.isLisa() || blocks < 2)) {
            throw new IllegalArgumentException("blockWindow " + blockWindow + " needs a LISA variant of at least "
                    + "two blocks, got " + variant + " with " + blocks);
        }
    }

    /** k blocks, later LISA blocks over the histogram. */
    public ModelShape(Variant variant, int numItems, int dim, int ffnDim, int maxLen, double decay,
            int codebooks, int codewords, int targetCodebooks, int targetCodewords, double temperature,
            double dropout, double layerNormEps, int blocks, AttentionQuery query, boolean learnDecay) {
        this(variant, numItems, dim, ffnDim, maxLen, decay, codebooks, codewords, targetCodebooks,
                targetCodewords, temperature, dropout, layerNormEps, blocks, query, learnDecay, 0);
    }

    /** k blocks, one fixed decay for every codebook. */
    public ModelShape(Variant variant, int numItems, int dim, int ffnDim, int maxLen, double decay,
            int codebooks, int codewords, int targetCodebooks, int targetCodewords, double temperature,
            double dropout, double layerNormEps, int blocks, AttentionQuery query) {
        this(variant, numItems, dim, ffnDim, maxLen, decay, codebooks, codewords, targetCodebooks,
                targetCodewords, temperature, dropout, layerNormEps, blocks, query, false);
    }

    /** k blocks, the first queried by the newest item's codes. */
    public ModelShape(Variant variant, int numItems, int dim, int ffnDim, int maxLen, double decay,
            int codebooks, int codewords, int targetCodebooks, int targetCodewords, double temperature,
            double dropout, double layerNormEps, int blocks) {
        this(variant, numItems, dim, ffnDim, maxLen, decay, codebooks, codewords, targetCodebooks,
                targetCodewords, temperature, dropout, layerNormEps, blocks, AttentionQuery.CODES);
    }

    /** One block (the contract's model). */
    public ModelShape(Variant variant, int numItems, int dim, int ffnDim, int maxLen, double decay,
            int codebooks, int codewords, int targetCodebooks, int targetCodewords, double temperature,
            double dropout, double layerNormEps) {
        this(variant, numItems, dim, ffnDim, maxLen, decay, codebooks, codewords, targetCodebooks,
                targetCodewords, temperature, dropout, layerNormEps, 1, AttentionQuery.CODES);
    }

    public float decayFactor() {
        return (float) Math.exp(-decay);
    }

    public int histogramWidth() {
        return codebooks * codewords;
    }
}
