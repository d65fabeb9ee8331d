package io.lisastream.pipeline;

import io.lisastream.operator.ClickEvent;
import io.lisastream.operator.LisaOperator;
import io.lisastream.operator.LisaOperatorConfig;
import io.lisastream.operator.ModelAnnouncement;
import io.lisastream.operator.Recommendation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The one place the LISA operator (lisa-operator's {@link LisaOperator}) enters the job graph:
 * clicks keyed by user, model announcements broadcast to every parallel instance, recommendations
 * out. Its uid is {@link Uids#LISA_OPERATOR}.
 */
final class LisaStage {
    private LisaStage() {
    }

    static SingleOutputStreamOperator<Recommendation> apply(DataStream<ClickEvent> clicks,
            DataStream<ModelAnnouncement> announcements, JobConfig c) {
        return LisaOperator.attach(clicks.keyBy(new LisaOperator.ByUser()), announcements, operatorConfig(c));
    }

    /** The operator's settings from the job's. */
    static LisaOperatorConfig operatorConfig(JobConfig c) {
        return new LisaOperatorConfig(c.topK(), c.ringSize(), c.excludeLast(), c.stateTtl(), c.allowedModelRoots());
    }
}
