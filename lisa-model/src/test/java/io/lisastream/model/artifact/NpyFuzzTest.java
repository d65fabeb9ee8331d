package io.lisastream.model.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lisastream.model.ModelFormatException;
import io.lisastream.model.Tensor;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Coverage-guided fuzzing of the .npy reader ({@link Npy#read(java.io.InputStream, String, long)}),
 * the way a tensor file of a model artifact is read. Seeds: NumPy-written files and hand-made
 * edge cases in {@code NpyFuzzTestInputs/npyReader}. What must hold for every input:
 * <ul>
 *   <li>the only error is {@link ModelFormatException} naming the source (the stream is in memory,
 *       so an {@link IOException} would be a content problem misreported as a storage failure);</li>
 *   <li>memory follows the bytes given, never the shape a header claims (measured on a second read
 *       of the same bytes): at most
 *       {@link #ALLOWANCE_BYTES} plus {@link #BYTES_PER_INPUT_BYTE} per input byte (and the fuzzing
 *       JVM has a small heap, so one allocation sized by a header would fail outright);</li>
 *   <li>{@code maxBytes} is a hard limit: with the input's own size the verdict equals an unlimited
 *       read, one byte less refuses every file;</li>
 *   <li>what is accepted is exactly the file: writing the tensor back and reading it again gives
 *       the same tensor.</li>
 * </ul>
 * {@code mvn test} replays the committed inputs; {@code mvn verify} fuzzes (see the root pom).
 */
class NpyFuzzTest {
    private static final String SOURCE = "fuzz/tensor.npy";
    /** Fixed cost of one read: header text and tokens, buffers, exception messages. */
    static final long ALLOWANCE_BYTES = 1 << 20;
    /** Data chunks, their merge, the decoded array and the 8 KiB stream buffer, with room to spare. */
    static final long BYTES_PER_INPUT_BYTE = 8;

    @FuzzTest
    void npyReader(byte[] file) throws IOException {
        Tensor unlimited = readOrNull(file, Long.MAX_VALUE);
        Tensor ownSize = readOrNull(file, file.length);
        assertThat(ownSize == null).as("verdict with maxBytes = the file's size").isEqualTo(unlimited == null);
        if (unlimited == null) {
            return;
        }
        assertThat(readOrNull(file, file.length - 1L)).as("verdict with maxBytes one below the file's size").isNull();

        byte[] rewritten = Npy.toBytes(unlimited);
        Tensor again = readOrNull(rewritten, rewritten.length);
        assertThat(again).as("the accepted tensor, written and read back").isNotNull();
        assertSameTensor(again, unlimited);
        // data length is the shape's, exactly: no byte of the file is ignored
        long dataBytes = 4 * Tensor.elementCount(unlimited.shape());
        assertThat(file.length - dataBytes).as("header length").isBetween(10L, 10L + Npy.MAX_HEADER_BYTES + 2);
    }

    /**
     * The tensor, or null when refused with a proper {@link ModelFormatException}. Reads twice and
     * checks the memory of the second read (the first may pay one-time class loading).
     */
    private static Tensor readOrNull(byte[] file, long maxBytes) throws IOException {
        boolean firstAccepted = readOnce(file, maxBytes) != null;
        long before = AllocationMeter.allocatedBytes();
        Tensor t = readOnce(file, maxBytes);
        long used = AllocationMeter.allocatedBytes() - before;
        assertThat(used).as("bytes allocated reading %d input bytes (maxBytes %d)", file.length, maxBytes)
                .isLessThanOrEqualTo(ALLOWANCE_BYTES + BYTES_PER_INPUT_BYTE * file.length);
        assertThat(t != null).as("same verdict twice").isEqualTo(firstAccepted);
        return t;
    }

    private static Tensor readOnce(byte[] file, long maxBytes) throws IOException {
        try {
            return Npy.read(new BufferedInputStream(new ByteArrayInputStream(file)), SOURCE, maxBytes);
        } catch (ModelFormatException e) {
            assertThat(e.getMessage()).startsWith(SOURCE + ": ").hasSizeGreaterThan(SOURCE.length() + 10);
            return null;
        }
    }

    private static void assertSameTensor(Tensor actual, Tensor expected) {
        assertThat(actual.dtype()).isEqualTo(expected.dtype());
        assertThat(actual.shape()).isEqualTo(expected.shape());
        if (expected.dtype() == Tensor.DType.FLOAT32) {
            float[] a = actual.floats();
            float[] e = expected.floats();
            assertThat(a.length).isEqualTo(e.length);
            for (int i = 0; i < a.length; i++) {
                // bit patterns, so NaN payloads and -0.0 count too
                if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(e[i])) {
                    throw new AssertionError("element " + i + " changed: " + e[i] + " -> " + a[i]);
                }
            }
        } else {
            assertThat(actual.ints()).isEqualTo(expected.ints());
        }
    }
}
