package io.lisastream.operator;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Lossless compact bytes for a user's (lazily scaled) codeword histogram h [B*W].
 *
 * <p>Layout, format 1:
 * <pre>
 *   byte      1                      format
 *   varint    n = B*W                number of entries (a histogram of another size is not decoded)
 *   byte[]    ceil(n / 8)            bitmap, bit k (LSB first) set when entry k is non-zero
 *   float32[] one per set bit, in entry order, little-endian IEEE 754 bits (exact)
 * </pre>
 * An empty array means "no histogram". A fresh user costs n/8 + 4 bytes per touched codeword, a
 * user whose every codeword was touched 4n + n/8 (4,229 bytes for 8 x 128). Entries that decayed
 * to exactly zero (float underflow after renormalisation) drop out on their own. Values are kept
 * bit-exact, so a histogram read back scores exactly as the one written.
 */
final class HistogramCodec {
    static final byte FORMAT = 1;
    private static final VarHandle FLOAT_LE =
            MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    static final byte[] EMPTY = new byte[0];

    private HistogramCodec() {
    }

    static byte[] encode(float[] h) {
        int n = h.length;
        int nonZero = 0;
        for (float v : h) {
            if (v != 0f) {
                nonZero++;
            }
        }
        int header = 1 + Varint.size(n);
        int bitmapBytes = (n + 7) >>> 3;
        byte[] out = new byte[header + bitmapBytes + 4 * nonZero];
        out[0] = FORMAT;
        Varint.write(out, 1, n);
        int values = header + bitmapBytes;
        for (int k = 0; k < n; k++) {
            float v = h[k];
            if (v != 0f) {
                out[header + (k >>> 3)] |= (byte) (1 << (k & 7));
                FLOAT_LE.set(out, values, v);
                values += 4;
            }
        }
        return out;
    }

    /**
     * Decodes into {@code out} (overwritten, length n). Returns false, leaving {@code out} zeroed,
     * when {@code bytes} is empty or holds a histogram of another size; throws on corrupt bytes.
     */
    static boolean decode(byte[] bytes, float[] out) {
        java.util.Arrays.fill(out, 0f);
        if (bytes == null || bytes.length == 0) {
            return false;
        }
        if (bytes[0] != FORMAT) {
            throw new IllegalStateException("user state histogram has unknown format " + bytes[0]);
        }
        int n = Varint.read(bytes, 1);
        if (n != out.length) {
            return false;
        }
        int header = 1 + Varint.size(n);
        int bitmapBytes = (n + 7) >>> 3;
        int values = header + bitmapBytes;
        for (int i = 0; i < bitmapBytes; i++) {
            int bits = bytes[header + i] & 0xFF;
            while (bits != 0) {
                int bit = Integer.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                out[(i << 3) + bit] = (float) FLOAT_LE.get(bytes, values);
                values += 4;
            }
        }
        if (values != bytes.length) {
            throw new IllegalStateException("user state histogram is corrupt: " + bytes.length + " bytes, bitmap says "
                    + values);
        }
        return true;
    }
}
