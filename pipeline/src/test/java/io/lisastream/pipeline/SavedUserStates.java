package io.lisastream.pipeline;

import io.lisastream.operator.LisaOperatorConfig;
import io.lisastream.operator.LisaRecommendFunction;
import io.lisastream.operator.LisaUserState;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

/**
 * The per-user state of the LISA operator (uid {@link Uids#LISA_OPERATOR}) as a savepoint holds it,
 * read with Flink's State Processor API: what the job would continue from.
 */
final class SavedUserStates {
    private SavedUserStates() {
    }

    /** User id to state, sorted by user id. */
    static Map<String, LisaUserState> read(String savepointPath, JobConfig config) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        SavepointReader savepoint = SavepointReader.read(env, savepointPath, new EmbeddedRocksDBStateBackend());
        Map<String, LisaUserState> out = new TreeMap<>();
        try (CloseableIterator<Tuple2<String, LisaUserState>> it = savepoint.readKeyedState(
                OperatorIdentifier.forUid(Uids.LISA_OPERATOR), new Reader(LisaStage.operatorConfig(config))).executeAndCollect()) {
            while (it.hasNext()) {
                Tuple2<String, LisaUserState> row = it.next();
                out.put(row.f0, row.f1);
            }
        }
        return out;
    }

    /** Reads the user state with the job's own descriptor (same TTL settings, hence same serializer). */
    private static final class Reader extends KeyedStateReaderFunction<String, Tuple2<String, LisaUserState>> {
        private static final long serialVersionUID = 1L;
        private final LisaOperatorConfig config;
        private transient ValueState<LisaUserState> state;

        Reader(LisaOperatorConfig config) {
            this.config = config;
        }

        @Override
        public void open(OpenContext context) {
            state = getRuntimeContext().getState(LisaRecommendFunction.userStateDescriptor(config));
        }

        @Override
        public void readKey(String user, Context ctx, Collector<Tuple2<String, LisaUserState>> out) throws Exception {
            LisaUserState s = state.value();
            if (s != null) {
                out.collect(Tuple2.of(user, s));
            }
        }
    }
}
