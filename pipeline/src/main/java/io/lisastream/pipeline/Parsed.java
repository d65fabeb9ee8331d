package io.lisastream.pipeline;

import java.util.Objects;

/** The outcome of reading a message: a value, or the reason (in words) it could not be read. */
public final class Parsed<T> {
    private final T value;
    private final String error;

    private Parsed(T value, String error) {
        this.value = value;
        this.error = error;
    }

    public static <T> Parsed<T> ok(T value) {
        return new Parsed<>(Objects.requireNonNull(value, "value"), null);
    }

    public static <T> Parsed<T> failed(String error) {
        return new Parsed<>(null, Objects.requireNonNull(error, "error"));
    }

    public boolean isOk() {
        return error == null;
    }

    /** The value; throws IllegalStateException carrying the reason when reading failed. */
    public T value() {
        if (error != null) {
            throw new IllegalStateException(error);
        }
        return value;
    }

    /** Why reading failed, or null when it succeeded. */
    public String error() {
        return error;
    }

    @Override
    public String toString() {
        return isOk() ? "ok " + value : "failed: " + error;
    }
}
