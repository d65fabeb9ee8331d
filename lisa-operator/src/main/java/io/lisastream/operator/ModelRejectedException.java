package io.lisastream.operator;

/** A model announcement that will not be served, with the reason in words (logged and counted). */
public class ModelRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    public ModelRejectedException(String message) {
        super(message);
    }

    public ModelRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
