package io.lisastream.bench.stream;

import io.lisastream.pipeline.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Turns sequence numbers into raw click records (the wire JSON of contracts/wire.md) for uniformly
 * random users "u0".."u(U-1)" and items "1".."N" (decimal ids, as in ML-1M), stamped with the wall
 * clock when made.
 * Until the job has served its first recommendation (the model is loaded) it makes one click per
 * 10 ms; after that as fast as downstream takes them, or at {@code ratePerSubtask} clicks/s.
 */
final class ClickGenerator extends RichMapFunction<Long, RawRecord> {
    private static final long serialVersionUID = 1L;

    private final String runId;
    private final int users;
    private final int items;
    private final double ratePerSubtask;
    private final long seed;

    private transient SplittableRandom rnd;
    private transient RunStats stats;
    private transient long started;
    private transient long made;
    private transient boolean primed;

    /** @param ratePerSubtask clicks per second per parallel instance, or 0 for unthrottled */
    ClickGenerator(String runId, int users, int items, double ratePerSubtask, long seed) {
        this.runId = runId;
        this.users = users;
        this.items = items;
        this.ratePerSubtask = ratePerSubtask;
        this.seed = seed;
    }

    @Override
    public void open(OpenContext openContext) {
        rnd = new SplittableRandom(seed * 31 + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask());
        stats = RunStats.of(runId);
    }

    @Override
    public RawRecord map(Long sequence) {
        if (!primed) {
            primed = stats.primed();
            if (!primed) {
                LockSupport.parkNanos(10_000_000L);
            } else {
                started = System.nanoTime();
            }
        } else if (ratePerSubtask > 0) {
            made++;
            long due = started + (long) (made * 1e9 / ratePerSubtask);
            long wait = due - System.nanoTime();
            if (wait > 200_000) {
                LockSupport.parkNanos(wait);
            }
        }
        String json = "{\"userId\":\"u" + rnd.nextInt(users) + "\",\"itemId\":\"" + (1 + rnd.nextInt(items))
                + "\",\"timestamp\":" + System.currentTimeMillis() + "}";
        return new RawRecord(json.getBytes(StandardCharsets.UTF_8), "bench-clicks", 0, sequence);
    }
}
