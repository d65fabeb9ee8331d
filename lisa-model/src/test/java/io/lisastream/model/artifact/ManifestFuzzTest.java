package io.lisastream.model.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lisastream.model.ModelFormatException;

/**
 * Coverage-guided fuzzing of the manifest reader ({@link Manifest#parse(byte[], String)}). Seeds:
 * the manifests of the NumPy-written artifacts of every variant, in
 * {@code ManifestFuzzTestInputs/manifestReader}. What must hold for every input:
 * <ul>
 *   <li>the only error is {@link ModelFormatException} naming the source;</li>
 *   <li>memory follows the size of the JSON (measured on a second parse of the same bytes: at most {@link #ALLOWANCE_BYTES} plus
 *       {@link #BYTES_PER_INPUT_BYTE} per byte), whatever sizes and shapes it claims;</li>
 *   <li>an accepted manifest is a valid model configuration, and writing it out gives a manifest
 *       that reads back to the same bytes (nothing accepted that the writer cannot express).</li>
 * </ul>
 * {@code mvn test} replays the committed inputs; {@code mvn verify} fuzzes (see the root pom).
 */
class ManifestFuzzTest {
    private static final String SOURCE = "fuzz/manifest.json";
    /** Fixed cost of one parse: Jackson's parser and buffers, messages. */
    static final long ALLOWANCE_BYTES = 4 << 20;
    /** A JSON tree costs tens of bytes per input byte (a node per number); generous. */
    static final long BYTES_PER_INPUT_BYTE = 200;

    @FuzzTest
    void manifestReader(byte[] json) {
        // the first parse may pay one-time costs (class loading, Jackson's caches): measure the second
        boolean firstAccepted = parseOrNull(json) != null;
        long before = AllocationMeter.allocatedBytes();
        Manifest m = parseOrNull(json);
        long used = AllocationMeter.allocatedBytes() - before;
        assertThat(used).as("bytes allocated parsing %d bytes", json.length)
                .isLessThanOrEqualTo(ALLOWANCE_BYTES + BYTES_PER_INPUT_BYTE * json.length);
        assertThat(m != null).as("same verdict twice").isEqualTo(firstAccepted);
        if (m == null) {
            return;
        }
        assertThat(m.format()).isEqualTo(Manifest.FORMAT);
        m.config(); // throws if the numbers are not a valid model
        byte[] written = m.toJson();
        Manifest again = Manifest.parse(written, "rewritten manifest.json");
        assertThat(again.toJson()).as("manifest written, read and written again").isEqualTo(written);
    }

    /** The manifest, or null when refused with a proper {@link ModelFormatException}. */
    private static Manifest parseOrNull(byte[] json) {
        try {
            return Manifest.parse(json, SOURCE);
        } catch (ModelFormatException e) {
            assertThat(e.getMessage()).startsWith(SOURCE + ": ").hasSizeGreaterThan(SOURCE.length() + 10);
            return null;
        }
    }
}
