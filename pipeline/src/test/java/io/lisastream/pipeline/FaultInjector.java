package io.lisastream.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;

/**
 * Test-only step for {@link InstrumentedKafkaJob}: passes records on (after {@code pauseNanos}, so
 * a run spans several checkpoints) and makes its task fail, each failure once per scenario:
 * <ol>
 *   <li>{@code failAfter > 0}: subtask 0 throws on its {@code failAfter}-th record of the run;</li>
 *   <li>{@code failInCheckpoint}: after the first failure (or from the start when there is none),
 *       subtask 0 throws on the first record after its snapshot of a checkpoint whose completion it
 *       has not yet been told of: the checkpoint is in flight (barrier past this task, not yet past
 *       the sinks or not yet acknowledged).</li>
 * </ol>
 * What happened is recorded per scenario name in this JVM (the function is re-created from its
 * serialized form on every restart, so it keeps no memory of its own). Stateless for Flink.
 */
final class FaultInjector extends RichMapFunction<RawRecord, RawRecord> implements CheckpointedFunction, CheckpointListener {
    private static final long serialVersionUID = 1L;
    private static final Map<String, Scenario> SCENARIOS = new ConcurrentHashMap<>();

    /** What a scenario did, for the test's assertions. */
    static final class Scenario {
        final AtomicBoolean failedAfterRecords = new AtomicBoolean();
        final AtomicBoolean failedInCheckpoint = new AtomicBoolean();
        final List<String> events = new CopyOnWriteArrayList<>();
        volatile long recordsSeen;
    }

    private final String name;
    private final long failAfter;
    private final boolean failInCheckpoint;
    private final long pauseNanos;

    private transient Scenario scenario;
    private transient boolean counting;
    private transient long pendingCheckpoint;

    private FaultInjector(String name, long failAfter, boolean failInCheckpoint, long pauseNanos) {
        this.name = name;
        this.failAfter = failAfter;
        this.failInCheckpoint = failInCheckpoint;
        this.pauseNanos = pauseNanos;
    }

    /** A new scenario (replacing one of the same name). */
    static FaultInjector scenario(String name, long failAfter, boolean failInCheckpoint, long pauseNanos) {
        SCENARIOS.put(name, new Scenario());
        return new FaultInjector(name, failAfter, failInCheckpoint, pauseNanos);
    }

    static Scenario get(String name) {
        return SCENARIOS.get(name);
    }

    @Override
    public void open(OpenContext openContext) {
        scenario = SCENARIOS.get(name);
        counting = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0;
        pendingCheckpoint = -1;
    }

    @Override
    public RawRecord map(RawRecord record) throws Exception {
        if (pauseNanos > 0) {
            LockSupport.parkNanos(pauseNanos);
        }
        if (!counting) {
            return record;
        }
        long seen = ++scenario.recordsSeen;
        if (failAfter > 0 && seen >= failAfter && scenario.failedAfterRecords.compareAndSet(false, true)) {
            scenario.events.add("failed after " + seen + " records");
            throw new InjectedFailure("injected failure after " + seen + " records at " + describe(record));
        }
        boolean armed = failAfter <= 0 || scenario.failedAfterRecords.get();
        if (failInCheckpoint && armed && pendingCheckpoint > 0 && scenario.failedInCheckpoint.compareAndSet(false, true)) {
            scenario.events.add("failed while checkpoint " + pendingCheckpoint + " was in flight");
            throw new InjectedFailure("injected failure while checkpoint " + pendingCheckpoint + " is in flight");
        }
        return record;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        if (counting) {
            pendingCheckpoint = context.getCheckpointId();
        }
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        if (checkpointId >= pendingCheckpoint) {
            pendingCheckpoint = -1;
        }
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
    }

    private static String describe(RawRecord r) {
        return r.topic + "-" + r.partition + "@" + r.offset + " " + (r.value == null ? "" : new String(r.value, UTF_8));
    }

    /** The exception the injector throws, recognisable in logs. */
    static final class InjectedFailure extends RuntimeException {
        InjectedFailure(String message) {
            super(message);
        }
    }
}
