package io.lisastream.model;

/**
 * A model artifact (or a model built in memory) violates the {@code lisa-model/1} contract. The
 * message says what and where, in words a user can act on.
 */
public class ModelFormatException extends RuntimeException {
    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
