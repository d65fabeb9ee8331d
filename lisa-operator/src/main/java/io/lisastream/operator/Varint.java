package io.lisastream.operator;

/** Unsigned LEB128 integers (7 bits per byte, high bit = more follows), for the state codecs. */
final class Varint {
    private Varint() {
    }

    static int size(int value) {
        int n = 1;
        while ((value >>>= 7) != 0) {
            n++;
        }
        return n;
    }

    /** Writes {@code value} (>= 0) at {@code offset}; returns the offset after it. */
    static int write(byte[] out, int offset, int value) {
        while ((value & ~0x7F) != 0) {
            out[offset++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[offset++] = (byte) value;
        return offset;
    }

    /** Reads the value at {@code offset} (use {@link #size(int)} on it to step over it). */
    static int read(byte[] in, int offset) {
        int value = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            byte b = in[offset++];
            value |= (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalStateException("varint longer than 5 bytes in user state");
    }
}
