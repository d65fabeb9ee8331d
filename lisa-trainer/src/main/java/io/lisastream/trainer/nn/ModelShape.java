package io.lisastream.trainer.nn;

import io.lisastream.model.Variant;

/**
 * The architecture numbers of a network (what the exported ModelConfig carries, plus the
 * training-only temperature and dropout). {@code blocks} > 1 stacks blocks (see {@link SequenceNetwork}).
 */
public record ModelShape(Variant variant, int numItems, int dim, int ffnDim, int maxLen, double decay,
        int codebooks, int codewords, int targetCodebooks, int targetCodewords, double temperature,
        double dropout, double layerNormEps, int blocks) {

    public ModelShape {
        if (blocks < 1) {
            throw new IllegalArgumentException("blocks = " + blocks + ": at least one");
        }
    }

    /** One block (the contract's model). */
    public ModelShape(Variant variant, int numItems, int dim, int ffnDim, int maxLen, double decay,
            int codebooks, int codewords, int targetCodebooks, int targetCodewords, double temperature,
            double dropout, double layerNormEps) {
        this(variant, numItems, dim, ffnDim, maxLen, decay, codebooks, codewords, targetCodebooks,
                targetCodewords, temperature, dropout, layerNormEps, 1);
    }

    public float decayFactor() {
        return (float) Math.exp(-decay);
    }

    public int histogramWidth() {
        return codebooks * codewords;
    }
}
