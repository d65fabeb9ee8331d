package io.lisastream.pipeline;

import java.io.Serializable;

/** Where a function reads "now" (epoch milliseconds); tests pass a fixed one. */
@FunctionalInterface
public interface WallClock extends Serializable {
    WallClock SYSTEM = System::currentTimeMillis;

    long millis();
}
