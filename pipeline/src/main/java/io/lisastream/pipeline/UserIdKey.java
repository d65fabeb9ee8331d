package io.lisastream.pipeline;

import io.lisastream.operator.ClickEvent;
import org.apache.flink.api.java.functions.KeySelector;

/** Clicks are keyed by user id: one user's state and order live in one parallel instance. */
final class UserIdKey implements KeySelector<ClickEvent, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(ClickEvent click) {
        return click.userId;
    }
}
