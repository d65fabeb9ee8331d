package io.lisastream.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The four model families of the artifact contract, by their manifest names. */
public enum Variant {
    /** Hard codes in 8 x 128 codebooks, the same quantizer scores targets. */
    LISA_BASE("lisa-base"),
    /** Soft codeword assignment in the histogram, raw item embeddings as targets. */
    LISA_SOFT("lisa-soft"),
    /** Small sequence codebooks (8 x 16), a separate target quantizer. */
    LISA_MINI("lisa-mini"),
    /** Vanilla causal softmax attention over the items: the baseline. */
    SASREC("sasrec");

    private final String wireName;

    Variant(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in manifests and on the command line, e.g. {@code lisa-base}. */
    public String wireName() {
        return wireName;
    }

    /** True for the LISA variants, which carry codes, codebooks and a codeSpace. */
    public boolean isLisa() {
        return this != SASREC;
    }

    /** Parses a manifest name; the message lists the names that are understood. */
    public static Variant fromWireName(String name) {
        for (Variant v : values()) {
            if (v.wireName.equals(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown variant '" + name + "' (expected one of "
                + Arrays.stream(values()).map(Variant::wireName).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
