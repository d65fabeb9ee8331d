package io.lisastream.operator;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

/**
 * The operator in Flink's keyed broadcast test harness on the embedded RocksDB backend, with
 * generic (Kryo) types disabled. Snapshots restore into a fresh harness and function.
 */
final class OperatorHarness implements AutoCloseable {
    final LisaRecommendFunction function;
    final KeyedBroadcastOperatorTestHarness<String, ClickEvent, ModelAnnouncement, Recommendation> harness;
    private long checkpointId;
    private int consumed;

    static final int MAX_PARALLELISM = 16;

    private OperatorHarness(LisaOperatorConfig config, OperatorSubtaskState restore, int parallelism, int subtask)
            throws Exception {
        function = new LisaRecommendFunction(config);
        CoBroadcastWithKeyedOperator<String, ClickEvent, ModelAnnouncement, Recommendation> op =
                new CoBroadcastWithKeyedOperator<>(function, List.of(LisaRecommendFunction.announcementsDescriptor()));
        harness = new KeyedBroadcastOperatorTestHarness<>(op, new LisaOperator.ByUser(), Types.STRING, MAX_PARALLELISM,
                parallelism, subtask);
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        ((SerializerConfigImpl) harness.getExecutionConfig().getSerializerConfig()).setGenericTypes(false);
        harness.setup();
        harness.initializeState(restore);
        harness.open();
    }

    static OperatorHarness open(LisaOperatorConfig config) throws Exception {
        return new OperatorHarness(config, null, 1, 0);
    }

    static OperatorHarness restore(LisaOperatorConfig config, OperatorSubtaskState snapshot) throws Exception {
        return new OperatorHarness(config, snapshot, 1, 0);
    }

    /** Subtask {@code subtask} of {@code parallelism}, restored from a snapshot taken at parallelism 1. */
    static OperatorHarness rescaled(LisaOperatorConfig config, OperatorSubtaskState snapshot, int parallelism,
            int subtask) throws Exception {
        OperatorSubtaskState part = KeyedBroadcastOperatorTestHarness.repartitionOperatorState(snapshot,
                MAX_PARALLELISM, 1, parallelism, subtask);
        return new OperatorHarness(config, part, parallelism, subtask);
    }

    void announce(ModelAnnouncement a) throws Exception {
        harness.processBroadcastElement(a, 0L);
    }

    /** Processes one click and returns the recommendations it produced (zero or one). */
    List<Recommendation> click(String user, String item, long timestamp) throws Exception {
        harness.processElement(new ClickEvent(user, item, timestamp, timestamp + 7), timestamp);
        return drain();
    }

    /** Outputs since the last call. */
    List<Recommendation> drain() {
        List<Recommendation> all = harness.extractOutputValues();
        List<Recommendation> fresh = new ArrayList<>(all.subList(consumed, all.size()));
        consumed = all.size();
        return fresh;
    }

    OperatorSubtaskState snapshot() throws Exception {
        checkpointId++;
        return harness.snapshot(checkpointId, checkpointId * 1000);
    }

    OperatorMetrics metrics() {
        return function.metrics();
    }

    /** The user's state as stored (read through the keyed state backend), or null. */
    LisaUserState state(String user) throws Exception {
        KeyedStateBackend<String> backend = harness.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(user);
        ValueState<LisaUserState> s = backend.getPartitionedState(VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE, LisaRecommendFunction.userStateDescriptor(function.config()));
        return s.value();
    }

    /** Bytes the state's serializer writes for this user's value (what RocksDB stores, TTL stamp aside). */
    int stateBytes(String user) throws Exception {
        return serializedSize(state(user));
    }

    static int serializedSize(LisaUserState s) throws Exception {
        TypeSerializer<LisaUserState> serializer = org.apache.flink.api.common.typeinfo.TypeInformation
                .of(LisaUserState.class).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(s, out);
        return out.length();
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
