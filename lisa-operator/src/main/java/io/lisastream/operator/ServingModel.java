package io.lisastream.operator;

import io.lisastream.model.LisaModel;
import io.lisastream.model.TensorSpec;
import io.lisastream.model.inference.InferenceModel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * A verified, compiled model version, immutable and shared by every key and (through
 * {@link ModelCache}) by every parallel instance in one JVM.
 */
final class ServingModel {
    private final String uri;
    private final String manifestSha256;
    private final LisaModel model;
    private final InferenceModel inference;
    private final long codeSpaceId;
    private final int[] codes;
    private final int codebooks;
    private final long loadMillis;

    ServingModel(String uri, String manifestSha256, LisaModel model, InferenceModel inference, long loadMillis) {
        this.uri = uri;
        this.manifestSha256 = manifestSha256;
        this.model = model;
        this.inference = inference;
        this.loadMillis = loadMillis;
        this.codebooks = model.config().codebooks();
        this.codes = inference.isIncremental() ? model.ints(TensorSpec.CODES) : null;
        this.codeSpaceId = inference.isIncremental() ? codeSpaceId(model) : 0L;
    }

    /**
     * A non-zero 64-bit fingerprint of what makes a stored histogram valid under this model: the
     * codeSpace (codes and soft assignments), the decay or decays per codebook (the lazy scale is in
     * units of them) and B*W.
     * Models without a codeSpace (built in memory) get one unique to their version.
     */
    static long codeSpaceId(LisaModel model) {
        String space = model.codeSpace() != null ? "codeSpace:" + model.codeSpace() : "version:" + model.config().version();
        List<Double> perCodebook = model.config().codebookDecays();
        String key = space + "|decay:" + (perCodebook.isEmpty() ? Double.toString(model.config().decay())
                : perCodebook.toString()) + "|bw:"
                + model.config().codebooks() + "x" + model.config().codewords();
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            long id = 0;
            for (int i = 0; i < 8; i++) {
                id = (id << 8) | (d[i] & 0xFF);
            }
            return id == 0 ? 1 : id;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    String version() {
        return model.config().version();
    }

    String uri() {
        return uri;
    }

    String manifestSha256() {
        return manifestSha256;
    }

    LisaModel model() {
        return model;
    }

    InferenceModel inference() {
        return inference;
    }

    /** True for LISA variants (an incremental histogram state), false for sasrec. */
    boolean isIncremental() {
        return inference.isIncremental();
    }

    long codeSpaceId() {
        return codeSpaceId;
    }

    int maxLen() {
        return model.config().maxLen();
    }

    /** Size of the histogram, B*W (0 for sasrec). */
    int histogramSize() {
        return model.config().codebooks() * model.config().codewords();
    }

    /** Internal index of an external item id, or -1 when unknown (null included). */
    int indexOf(String itemId) {
        return itemId == null ? -1 : model.indexOf(itemId);
    }

    String itemId(int index) {
        return model.itemIds().get(index);
    }

    /** codes[item][0..B), a new array. */
    int[] codesOf(int item) {
        int[] out = new int[codebooks];
        System.arraycopy(codes, item * codebooks, out, 0, codebooks);
        return out;
    }

    /** Wall milliseconds spent reading, verifying and compiling this model. */
    long loadMillis() {
        return loadMillis;
    }

    @Override
    public String toString() {
        return "model " + version() + " (" + model.variant() + ", " + model.config().numItems() + " items) from " + uri;
    }
}
