package io.lisastream.pipeline;

import io.lisastream.operator.ClickEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parse stage: each raw click record becomes a {@link ClickEvent} (ingestMillis = the wall clock
 * when it was parsed) or, when {@link ClickParser} refuses it, a {@link DeadLetter} on the side output
 * {@link #DEAD_LETTERS} with the reason and the record's topic, partition and offset. Never throws for
 * any input, so a bad record cannot fail or restart the job.
 *
 * <p>Metrics: counters {@code clicksAccepted} and {@code clicksRejected}.
 */
public final class ParseClicks extends ProcessFunction<RawRecord, ClickEvent> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ParseClicks.class);

    /** Refused click records. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("click-dead-letters") {
    };

    private final ClickParser parser;
    private final WallClock clock;
    private transient Counter accepted;
    private transient Counter rejected;

    public ParseClicks() {
        this(new ClickParser(), WallClock.SYSTEM);
    }

    public ParseClicks(ClickParser parser, WallClock clock) {
        this.parser = parser;
        this.clock = clock;
    }

    @Override
    public void open(OpenContext openContext) {
        accepted = getRuntimeContext().getMetricGroup().counter("clicksAccepted");
        rejected = getRuntimeContext().getMetricGroup().counter("clicksRejected");
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<ClickEvent> out) {
        ClickParseResult result = parser.parse(record.value, record.topic, record.partition, record.offset, clock.millis());
        if (result.isAccepted()) {
            accepted.inc();
            out.collect(result.click());
        } else {
            rejected.inc();
            if (LOG.isDebugEnabled()) {
                LOG.debug("Click record {}-{}@{} refused: {}", record.topic, record.partition, record.offset, result.reason());
            }
            ctx.output(DEAD_LETTERS, result.deadLetter());
        }
    }
}
