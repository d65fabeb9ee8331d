package io.lisastream.trainer.nn;

import io.lisastream.model.Variant;

/**
 * The architecture numbers of a network (what the exported ModelConfig carries, plus the
 * training-only temperature and dropout).
 */
public record ModelShape(Variant variant, int numItems, int dim, int ffnDim, int maxLen, double decay,
        int codebooks, int codewords, int targetCodebooks, int targetCodewords, double temperature,
        double dropout, double layerNormEps) {

    public float decayFactor() {
        return (float) Math.exp(-decay);
    }

    public int histogramWidth() {
        return codebooks * codewords;
    }
}
