package io.lisastream.bench.scoring;

/**
 * Top-k over a catalogue of N items per request: LISA-Base's code tables (B = 8 codes of W = 128
 * per item, {@code InferenceModel.topK}) against dense dot products (D = 128 floats per item, same
 * vectors). Times in microseconds per request, medians (and 99th percentiles) over {@code requests}
 * interleaved requests; bytes of the item table each reads; {@code agreement} the fraction of
 * requests whose two top-k lists are identical (they differ only where float rounding reorders
 * near-ties).
 */
public record ScoringResult(
        int items,
        double codesUs,
        double denseUs,
        double speedup,
        long codesBytes,
        long denseBytes,
        double memoryRatio,
        double codesP99Us,
        double denseP99Us,
        double codesCpuUs,
        double denseCpuUs,
        int k,
        int requests,
        double agreement) {
}
