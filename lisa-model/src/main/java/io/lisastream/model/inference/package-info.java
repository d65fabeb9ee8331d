/**
 * LISA and SASRec inference on plain {@code float[]}, exactly as {@code notes/lisa-method.md}
 * ("Inference, exactly") and the artifact contract's Semantics define it.
 *
 * <h2>Shapes (all arrays flat, C order, row-vector convention: a projection is v . M)</h2>
 * <pre>
 *   N  items            D  embedding width        F  feed-forward width
 *   B  codebooks        W  codewords per codebook  Bt, Wt  lisa-mini's target quantizer
 *   codes      [N, B]   int     hard code of item n in codebook b
 *   C          [B, W, D]        codebooks, C_b[w]
 *   Wq, Wk, Wv [B, D, D]        per-codebook projections ([1, D, D] for sasrec)
 *   h          [B, W]           decayed codeword histogram of a user
 *   S_b        [B, W]           query-time score table S_b[w] = z . C_b[w]
 *   logit tables [B, W, W]      s_b[q][w] = (C_b[q] Wq_b) . (C_b[w] Wk_b) / sqrt(D)
 *   value tables [B, W, D]      C_b[w] Wv_b
 * </pre>
 *
 * <p>{@link io.lisastream.model.inference.InferenceModel} is the entry point: compile a
 * {@link io.lisastream.model.LisaModel} once, then update {@link io.lisastream.model.inference.UserState}s
 * per event (O(B) for hard codes) or compute a user vector from a whole history, and score the catalogue.
 */
package io.lisastream.model.inference;
