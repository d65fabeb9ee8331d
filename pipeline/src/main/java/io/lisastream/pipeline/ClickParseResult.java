package io.lisastream.pipeline;

import io.lisastream.operator.ClickEvent;

/**
 * What {@link ClickParser} made of one record: an accepted click (with its interaction type) or a
 * dead letter saying why it was refused.
 */
public final class ClickParseResult {
    private final ClickEvent click;
    private final String type;
    private final DeadLetter deadLetter;

    private ClickParseResult(ClickEvent click, String type, DeadLetter deadLetter) {
        this.click = click;
        this.type = type;
        this.deadLetter = deadLetter;
    }

    static ClickParseResult accepted(ClickEvent click, String type) {
        return new ClickParseResult(click, type, null);
    }

    static ClickParseResult rejected(DeadLetter deadLetter) {
        return new ClickParseResult(null, null, deadLetter);
    }

    public boolean isAccepted() {
        return click != null;
    }

    /** The click, or null when rejected. Its ingestMillis is the wall clock given to the parser. */
    public ClickEvent click() {
        return click;
    }

    /** The record's "type" ("click" when absent), or null when rejected. */
    public String type() {
        return type;
    }

    /** The dead letter (reason, raw value, source coordinates), or null when accepted. */
    public DeadLetter deadLetter() {
        return deadLetter;
    }

    /** Why the record was refused, or null when accepted. */
    public String reason() {
        return deadLetter == null ? null : deadLetter.error;
    }

    @Override
    public String toString() {
        return isAccepted() ? "accepted " + click + " type=" + type : "rejected: " + reason();
    }
}
