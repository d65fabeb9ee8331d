package io.lisastream.pipeline;

import io.lisastream.operator.ClickEvent;
import io.lisastream.operator.ModelAnnouncement;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time of the job. Clicks carry it (their {@code timestamp}); watermarks trail the largest
 * timestamp seen by a bounded out-of-orderness, and a parse subtask that sees no clicks for the
 * idleness timeout stops holding the watermark back. Watermarks are generated right after the parse
 * stage (chained to the source), so they do not depend on how the caller built the sources.
 *
 * <p>Model announcements have no event time of their own: their stream never holds back the
 * watermark of the operator they are broadcast into.
 */
public final class EventTime {
    private EventTime() {
    }

    /**
     * @param outOfOrderness how late (in event time) a click may arrive behind the newest one seen
     * @param idleness       after this much wall-clock time without clicks a subtask is idle; zero disables
     */
    public static WatermarkStrategy<ClickEvent> clicks(Duration outOfOrderness, Duration idleness) {
        WatermarkStrategy<ClickEvent> s = WatermarkStrategy.<ClickEvent>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner(new ClickTimestamp());
        return idleness.isZero() ? s : s.withIdleness(idleness);
    }

    /** For the broadcast control stream: its watermark is always the maximum, so it never delays clicks. */
    public static WatermarkStrategy<ModelAnnouncement> announcements() {
        return WatermarkStrategy.forGenerator(ctx -> new NeverHoldsBack());
    }

    /** A click's event time: its {@code timestamp} field (epoch milliseconds). */
    static final class ClickTimestamp implements SerializableTimestampAssigner<ClickEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public long extractTimestamp(ClickEvent click, long recordTimestamp) {
            return click.timestamp;
        }
    }

    private static final class NeverHoldsBack implements WatermarkGenerator<ModelAnnouncement> {
        @Override
        public void onEvent(ModelAnnouncement event, long eventTimestamp, WatermarkOutput output) {
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.emitWatermark(new Watermark(Long.MAX_VALUE));
        }
    }
}
