package io.lisastream.cli.replay;

import java.util.Locale;

/** Where a replayed click's timestamp comes from. */
public enum EventTime {
    /** The data's own timestamps (historical replay). */
    DATA,
    /** The wall clock at the moment of sending. */
    NOW;

    /** picocli converter: "data" or "now", any case. */
    public static EventTime parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--event-time must be data or now, got '" + s + "'");
        }
    }
}
