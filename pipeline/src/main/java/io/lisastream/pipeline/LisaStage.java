package io.lisastream.pipeline;

import io.lisastream.operator.ClickEvent;
import io.lisastream.operator.ModelAnnouncement;
import io.lisastream.operator.Recommendation;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;

/**
 * The one place the LISA operator enters the job graph: clicks keyed by user, model announcements
 * broadcast to every parallel instance, recommendations out.
 */
final class LisaStage {
    private LisaStage() {
    }

    static SingleOutputStreamOperator<Recommendation> apply(KeyedStream<ClickEvent, String> clicks,
            DataStream<ModelAnnouncement> announcements, JobConfig c) {
        // ---- the operator: swap these two lines for lisa-operator's operator when it lands ----
        KeyedBroadcastProcessFunction<String, ClickEvent, ModelAnnouncement, Recommendation> operator = new InterimLisaFunction(c);
        MapStateDescriptor<String, ModelAnnouncement> models = InterimLisaFunction.MODELS;

        return clicks.connect(announcements.broadcast(models))
                .process(operator, TypeInformation.of(Recommendation.class))
                .uid(Uids.LISA_OPERATOR)
                .name("LISA operator");
    }
}
