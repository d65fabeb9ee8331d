package io.lisastream.operator;

import java.util.Objects;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Wires the LISA operator into a job: clicks keyed by user, announcements broadcast, one stateful
 * operator with the fixed uid {@value #UID} (keep it: savepoints map state to operators by uid).
 * <pre>
 *   SingleOutputStreamOperator&lt;Recommendation&gt; recs =
 *       LisaOperator.attach(clicks, announcements, LisaOperatorConfig.defaults()
 *           .withAllowedModelRoots("file:///models"));
 * </pre>
 */
public final class LisaOperator {
    /** The operator's uid. */
    public static final String UID = "lisa-recommend";
    /** The operator's display name. */
    public static final String NAME = "LISA recommend";

    private LisaOperator() {
    }

    /** The key of a click: its user id. */
    public static final class ByUser implements KeySelector<ClickEvent, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(ClickEvent click) {
            return click.userId;
        }
    }

    /** The broadcast state descriptor the operator uses (for the State Processor API and tests). */
    public static MapStateDescriptor<String, ModelAnnouncement> announcementsDescriptor() {
        return LisaRecommendFunction.announcementsDescriptor();
    }

    /** Keys {@code clicks} by user id, then {@link #attach(KeyedStream, DataStream, LisaOperatorConfig)}. */
    public static SingleOutputStreamOperator<Recommendation> attach(DataStream<ClickEvent> clicks,
            DataStream<ModelAnnouncement> announcements, LisaOperatorConfig config) {
        return attach(clicks.keyBy(new ByUser()), announcements, config);
    }

    /**
     * The operator on clicks already keyed by user id and the announcement stream (broadcast here).
     * The result has uid {@value #UID} and name {@value #NAME}; set its parallelism as you need.
     */
    public static SingleOutputStreamOperator<Recommendation> attach(KeyedStream<ClickEvent, String> clicksByUser,
            DataStream<ModelAnnouncement> announcements, LisaOperatorConfig config) {
        Objects.requireNonNull(config, "config");
        BroadcastStream<ModelAnnouncement> broadcast = announcements.broadcast(announcementsDescriptor());
        return clicksByUser.connect(broadcast)
                .process(new LisaRecommendFunction(config), TypeInformation.of(Recommendation.class))
                .uid(UID)
                .name(NAME);
    }
}
