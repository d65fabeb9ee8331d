package io.lisastream.pipeline;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding with the position of the first bad byte. Jackson's own UTF-8 reader lets
 * overlong forms (C0 AF), encoded surrogates (ED A0 80) and code points above U+10FFFF through, so
 * record values are decoded here first, with the JDK decoder, which rejects all of those.
 */
final class Utf8 {
    private Utf8() {
    }

    /** Either the decoded text or, when malformed, a description of the first bad sequence. */
    record Decoded(String text, String error) {
        boolean ok() {
            return error == null;
        }
    }

    /** Decodes bytes [0, length) strictly; length must not exceed value.length. */
    static Decoded decodeStrict(byte[] value, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(value, 0, length);
        // every UTF-8 sequence of n bytes decodes to at most n UTF-16 units
        CharBuffer out = CharBuffer.allocate(length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            int bad = result.isMalformed() || result.isUnmappable() ? Math.max(1, result.length()) : 1;
            return new Decoded(null, "value is not valid UTF-8: malformed sequence " + hex(value, at, bad, length)
                    + " at byte " + at);
        }
        out.flip();
        return new Decoded(out.toString(), null);
    }

    /** Decodes leniently: each malformed sequence becomes U+FFFD. */
    static String decodeLenient(byte[] value, int length) {
        return new String(value, 0, length, StandardCharsets.UTF_8);
    }

    /**
     * The largest n <= limit such that bytes [0, n) do not end inside a multi-byte sequence
     * (backs off over continuation bytes 10xxxxxx and the lead byte they belong to).
     */
    static int boundaryAtOrBefore(byte[] value, int limit) {
        if (limit >= value.length) {
            return value.length;
        }
        int n = limit;
        int back = 0;
        while (n > 0 && back < 3 && (value[n] & 0xC0) == 0x80) {
            n--;
            back++;
        }
        return n;
    }

    private static String hex(byte[] value, int from, int count, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < Math.min(length, from + Math.min(count, 4)); i++) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(String.format("0x%02X", value[i] & 0xFF));
        }
        return sb.toString();
    }
}
