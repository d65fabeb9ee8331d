package io.lisastream.model.eval;

/** Which leave-one-out item is predicted, and from which history. */
public enum Target {
    /** Second-to-last item, predicted from the training sequence (all but the last two items). */
    VALIDATION,
    /** Last item, predicted from the training sequence plus the validation item. */
    TEST
}
