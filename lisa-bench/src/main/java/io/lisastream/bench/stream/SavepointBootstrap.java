package io.lisastream.bench.stream;

import io.lisastream.model.LisaModel;
import io.lisastream.model.artifact.ModelArtifact;
import io.lisastream.model.inference.InferenceModel;
import io.lisastream.operator.LisaOperator;
import io.lisastream.operator.LisaOperatorConfig;
import io.lisastream.operator.LisaRecommendFunction;
import io.lisastream.operator.LisaUserState;
import io.lisastream.operator.UserStateBootstrap;
import java.nio.file.Path;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.OperatorTransformation;
import org.apache.flink.state.api.SavepointWriter;
import org.apache.flink.state.api.StateBootstrapTransformation;
import org.apache.flink.state.api.functions.KeyedStateBootstrapFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Writes a savepoint (State Processor API) in which users "u0".."u(U-1)" each already have
 * {@code history} past clicks in the LISA operator's keyed state (uid {@value LisaOperator#UID}),
 * exactly the state the operator would have stored after those clicks ({@link UserStateBootstrap}).
 * The job restores it, so every benchmark user starts with a history of length L without L clicks
 * being replayed.
 */
final class SavepointBootstrap {
    private SavepointBootstrap() {
    }

    static void write(Path savepoint, ServedModel served, LisaOperatorConfig operatorConfig, int users, int history,
            int items, long seed, int maxParallelism, int parallelism) throws Exception {
        // generic types stay allowed here: the State Processor API's own operators use one
        // (TaggedOperatorSubtaskState); the user state itself is a POJO
        Configuration conf = new Configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.setParallelism(parallelism);
        StateBootstrapTransformation<Long> users0 = OperatorTransformation
                .bootstrapWith(env.fromSequence(0, users - 1))
                .keyBy(new UserKey(), Types.STRING)
                .transform(new SeedUser(served.dir().toString(), operatorConfig, served.ringSize(), history, items, seed));
        SavepointWriter.newSavepoint(env, new HashMapStateBackend(), maxParallelism)
                .withOperator(OperatorIdentifier.forUid(LisaOperator.UID), users0)
                .write(savepoint.toUri().toString());
        env.execute("lisa-bench: bootstrap " + users + " users x " + history + " clicks");
    }

    static final class UserKey implements KeySelector<Long, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(Long user) {
            return "u" + user;
        }
    }

    static final class SeedUser extends KeyedStateBootstrapFunction<String, Long> {
        private static final long serialVersionUID = 1L;
        private final String modelDir;
        private final LisaOperatorConfig config;
        private final int ringSize;
        private final int history;
        private final int items;
        private final long seed;
        private transient LisaModel model;
        private transient InferenceModel inference;
        private transient ValueState<LisaUserState> state;

        SeedUser(String modelDir, LisaOperatorConfig config, int ringSize, int history, int items, long seed) {
            this.modelDir = modelDir;
            this.config = config;
            this.ringSize = ringSize;
            this.history = history;
            this.items = items;
            this.seed = seed;
        }

        @Override
        public void open(OpenContext openContext) throws Exception {
            model = ModelArtifact.read(Path.of(modelDir));
            inference = InferenceModel.compile(model);
            state = getRuntimeContext().getState(LisaRecommendFunction.userStateDescriptor(config));
        }

        @Override
        public void processElement(Long user, Context ctx) throws Exception {
            state.update(UserStateBootstrap.afterClicks(model, inference, UserHistories.of(user, history, items, seed),
                    ringSize));
        }
    }
}
