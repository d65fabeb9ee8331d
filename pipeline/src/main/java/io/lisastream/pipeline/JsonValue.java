package io.lisastream.pipeline;

/**
 * A top-level field value as it was written: its JSON kind and, for scalars, its literal text
 * (the decoded string for strings, the digits as written for numbers).
 */
record JsonValue(Kind kind, String text) {

    enum Kind {
        STRING("a string"),
        INTEGER("an integer"),
        /** A number with a fraction or an exponent, e.g. 1.5, 1e3, 1.0. */
        NON_INTEGER_NUMBER("a number with a fraction or exponent"),
        BOOLEAN("a boolean"),
        NULL("null"),
        OBJECT("an object"),
        ARRAY("an array");

        final String words;

        Kind(String words) {
            this.words = words;
        }
    }

    /** e.g. {@code a boolean (true)}, {@code an object}, {@code a string ("42")}. */
    String describe() {
        return switch (kind) {
            case OBJECT, ARRAY, NULL -> kind.words;
            case STRING -> kind.words + " (\"" + FieldChecks.excerpt(text) + "\")";
            default -> kind.words + " (" + FieldChecks.excerpt(text) + ")";
        };
    }
}
