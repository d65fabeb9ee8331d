package io.lisastream.pipeline;

/**
 * The operator uids of the job. Savepoint state is matched to operators by these strings: never
 * change one without a state migration plan.
 */
public final class Uids {
    public static final String CLICK_SOURCE = "click-source";
    public static final String PARSE_CLICKS = "parse-clicks";
    public static final String CLICK_WATERMARKS = "click-watermarks";
    public static final String MODEL_SOURCE = "model-announcement-source";
    public static final String PARSE_MODEL_ANNOUNCEMENTS = "parse-model-announcements";
    public static final String MODEL_WATERMARKS = "model-announcement-watermarks";
    public static final String LISA_OPERATOR = io.lisastream.operator.LisaOperator.UID;
    public static final String RECOMMENDATION_SINK = "recommendation-sink";
    public static final String DEAD_LETTER_SINK = "dead-letter-sink";

    private Uids() {
    }
}
