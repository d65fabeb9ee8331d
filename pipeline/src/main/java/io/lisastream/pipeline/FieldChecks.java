package io.lisastream.pipeline;

import java.time.Instant;

/**
 * The rules of contracts/wire.md for single fields, each returning either the accepted value or a
 * reason in words (never throwing). Lengths count Unicode characters (code points), as JSON Schema's
 * maxLength does.
 */
final class FieldChecks {
    /** Longest id, in characters. */
    static final int MAX_ID_CHARS = 256;
    /** Longest excerpt of offending input quoted in a reason. */
    private static final int EXCERPT_CHARS = 40;

    private FieldChecks() {
    }

    /** A checked field: the value, or why it was refused. */
    record Checked<T>(T value, String error) {
        static <T> Checked<T> ok(T value) {
            return new Checked<>(value, null);
        }

        static <T> Checked<T> fail(String error) {
            return new Checked<>(null, error);
        }

        boolean ok() {
            return error == null;
        }
    }

    /**
     * An id (userId, itemId): a non-empty string of at most 256 characters without control
     * characters or unpaired surrogates, or an integer within the signed 64-bit range, taken as its
     * canonical decimal string ({@code -0} becomes {@code "0"}).
     */
    static Checked<String> id(String field, JsonValue v) {
        if (v == null) {
            return Checked.fail(field + " is missing");
        }
        switch (v.kind()) {
            case STRING:
                String textError = text(field, v.text(), MAX_ID_CHARS);
                return textError == null ? Checked.ok(v.text()) : Checked.fail(textError);
            case INTEGER:
                Long n = parseLong(v.text());
                if (n == null) {
                    return Checked.fail(field + " is an integer outside the signed 64-bit range (" + excerpt(v.text())
                            + "); send such ids as strings");
                }
                return Checked.ok(Long.toString(n));
            case NULL:
                return Checked.fail(field + " is null; expected a string or an integer");
            case NON_INTEGER_NUMBER:
                return Checked.fail(field + " is " + v.describe() + "; ids must be strings or integers");
            default:
                return Checked.fail(field + " is " + v.describe() + "; expected a string or an integer");
        }
    }

    /** A non-empty string field of at most maxChars characters, without control characters or unpaired surrogates. */
    static Checked<String> string(String field, JsonValue v, int maxChars) {
        if (v == null) {
            return Checked.fail(field + " is missing");
        }
        if (v.kind() != JsonValue.Kind.STRING) {
            return Checked.fail(field + " is " + v.describe() + "; expected a string");
        }
        String error = text(field, v.text(), maxChars);
        return error == null ? Checked.ok(v.text()) : Checked.fail(error);
    }

    /**
     * Event time: an integer number of epoch milliseconds, written without fraction or exponent,
     * within the signed 64-bit range, not negative, and at most {@code maxAheadMillis} after
     * {@code wallClockMillis}.
     */
    static Checked<Long> timestamp(String field, JsonValue v, long wallClockMillis, long maxAheadMillis) {
        if (v == null) {
            return Checked.fail(field + " is missing");
        }
        if (v.kind() != JsonValue.Kind.INTEGER) {
            return Checked.fail(field + " is " + v.describe() + "; expected an integer number of epoch milliseconds");
        }
        Long ts = parseLong(v.text());
        if (ts == null) {
            return Checked.fail(field + " " + excerpt(v.text()) + " does not fit in a signed 64-bit integer");
        }
        if (ts < 0) {
            return Checked.fail(field + " is negative (" + ts + "); expected epoch milliseconds >= 0");
        }
        long latest = saturatedAdd(wallClockMillis, maxAheadMillis);
        if (ts > latest) {
            return Checked.fail(field + " " + ts + " (" + Instant.ofEpochMilli(ts) + ") is more than "
                    + duration(maxAheadMillis) + " ahead of the wall clock (" + Instant.ofEpochMilli(wallClockMillis) + ")");
        }
        return Checked.ok(ts);
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        // overflow iff both operands have the sign opposite to the result
        if (((a ^ r) & (b ^ r)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }

    private static String duration(long millis) {
        return millis % 3_600_000L == 0 ? millis / 3_600_000L + " h" : millis + " ms";
    }

    /** Why a string field's text is refused, or null when it is fine. */
    static String text(String field, String s, int maxChars) {
        if (s.isEmpty()) {
            return field + " is an empty string";
        }
        int chars = s.codePointCount(0, s.length());
        if (chars > maxChars) {
            return field + " is " + chars + " characters long, more than " + maxChars;
        }
        int position = 0;
        for (int i = 0; i < s.length(); position++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i += 2;
                continue;
            }
            if (Character.isSurrogate(c)) {
                return field + " contains an unpaired surrogate " + codePoint(c) + " at character " + position;
            }
            if (Character.isISOControl(c)) {
                return field + " contains the control character " + codePoint(c) + " at character " + position;
            }
            i++;
        }
        return null;
    }

    /** The value of a JSON integer literal (optional '-', digits, no leading zeros) if it fits in a long, else null. */
    static Long parseLong(String literal) {
        // 19 digits plus a sign is the longest long; anything longer cannot fit, and this keeps the work bounded
        if (literal == null || literal.length() > 20) {
            return null;
        }
        try {
            return Long.parseLong(literal);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** At most 40 characters of s, with control characters shown as U+XXXX, for quoting in a reason. */
    static String excerpt(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (int i = 0; i < s.length() && n < EXCERPT_CHARS; i++, n++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) && !isPairAt(s, i)) {
                sb.append(codePoint(c));
            } else if (Character.isHighSurrogate(c)) {
                sb.append(c).append(s.charAt(++i));
            } else {
                sb.append(c);
            }
        }
        if (n < s.codePointCount(0, s.length())) {
            sb.append("...");
        }
        return sb.toString();
    }

    private static boolean isPairAt(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
