package io.lisastream.cli.replay;

import io.lisastream.model.data.SequenceDataset;
import io.lisastream.operator.ClickEvent;
import io.lisastream.pipeline.WireJson;
import java.nio.charset.StandardCharsets;

/**
 * A {@link ClickPlan} as click records (contracts/wire.md): key = userId, value
 * {"userId", "itemId", "timestamp"}, the timestamp from the data or the wall clock.
 */
public final class PlanSource implements ReplaySource {
    private final ClickPlan plan;
    private final EventTime eventTime;
    private final int[][] sequences; // filled lazily: the dataset hands out copies
    private final long[][] timestamps;
    private int k;

    public PlanSource(ClickPlan plan, EventTime eventTime) {
        SequenceDataset data = plan.data();
        if (eventTime == EventTime.DATA && !data.hasTimestamps()) {
            throw new IllegalArgumentException("the data has no timestamps (" + data.source()
                    + "): use --event-time now");
        }
        this.plan = plan;
        this.eventTime = eventTime;
        this.sequences = new int[data.numUsers()][];
        this.timestamps = eventTime == EventTime.DATA ? new long[data.numUsers()][] : null;
    }

    @Override
    public long size() {
        return plan.size();
    }

    @Override
    public boolean hasNext() {
        return k < plan.size();
    }

    @Override
    public Outgoing next(long nowMillis) {
        int u = plan.user(k);
        int j = plan.position(k);
        k++;
        SequenceDataset data = plan.data();
        String userId = data.userId(u);
        if (sequences[u] == null) {
            sequences[u] = data.sequence(u);
        }
        String itemId = data.itemId(sequences[u][j]);
        long ts = nowMillis;
        if (timestamps != null) {
            if (timestamps[u] == null) {
                timestamps[u] = data.timestamps(u);
            }
            ts = timestamps[u][j];
        }
        byte[] value = WireJson.click(new ClickEvent(userId, itemId, ts, 0L));
        return new Outgoing(userId.getBytes(StandardCharsets.UTF_8), value, userId, itemId);
    }
}
