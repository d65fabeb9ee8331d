package io.lisastream.cli.replay;

/** What a replay sends, in order. */
public interface ReplaySource {
    /** How many records there are in total. */
    long size();

    /** True while records are left. */
    boolean hasNext();

    /**
     * The next record.
     *
     * @param nowMillis the wall clock at sending, for sources that synthesise event times
     */
    Outgoing next(long nowMillis);
}
