package io.lisastream.pipeline;

import io.lisastream.operator.ClickEvent;
import io.lisastream.operator.ModelAnnouncement;
import io.lisastream.operator.Recommendation;
import java.io.PrintStream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming job: clicks from Kafka, recommendations to Kafka, exactly once.
 *
 * <pre>
 *   click source -> parse (refused -> dead letters) -> event-time watermarks -> keyBy userId ─┐
 *   model source -> parse announcements (refused -> dead letters) -> broadcast ───────────────┴-> LISA operator -> recommendation sink
 *                                                                                  dead letters -> dead-letter sink
 * </pre>
 *
 * {@link #defineWorkflow} builds the graph from any sources and sinks (tests give bounded sources and
 * collecting sinks); {@link #main} wires the Kafka ones from the command line, the entry point on a
 * cluster and of {@code ./lisa run}. Every operator has a uid ({@link Uids}) and a name.
 */
public final class LisaJob {
    private static final Logger LOG = LoggerFactory.getLogger(LisaJob.class);

    /** Job name on the cluster. */
    public static final String JOB_NAME = "lisa-pipeline";

    private LisaJob() {
    }

    /**
     * Builds the job graph on {@code env} from sources of raw records (value + coordinates).
     * The environment should carry {@link FlinkSettings#of(JobConfig)}.
     *
     * @param clicks             raw click records
     * @param modelAnnouncements raw model announcement records (the control topic)
     * @param sink               where recommendations go
     * @param errorSink          where dead letters (refused clicks and announcements) go
     */
    public static void defineWorkflow(StreamExecutionEnvironment env, Source<RawRecord, ?, ?> clicks,
            Source<RawRecord, ?, ?> modelAnnouncements, Sink<Recommendation> sink, Sink<DeadLetter> errorSink, JobConfig config) {
        DataStream<RawRecord> clickRecords = env.fromSource(clicks, WatermarkStrategy.noWatermarks(), "click source",
                        TypeInformation.of(RawRecord.class))
                .uid(Uids.CLICK_SOURCE);
        DataStream<RawRecord> modelRecords = env.fromSource(modelAnnouncements, WatermarkStrategy.noWatermarks(),
                        "model announcement source", TypeInformation.of(RawRecord.class))
                .setParallelism(1)
                .uid(Uids.MODEL_SOURCE);
        defineWorkflow(clickRecords, modelRecords, sink, errorSink, config);
    }

    /**
     * The same graph from streams the caller built (their sources need their own uids). Watermarks
     * of the inputs are replaced: clicks get theirs after parsing ({@link EventTime}).
     */
    public static void defineWorkflow(DataStream<RawRecord> clicks, DataStream<RawRecord> modelAnnouncements,
            Sink<Recommendation> sink, Sink<DeadLetter> errorSink, JobConfig config) {
        SingleOutputStreamOperator<ClickEvent> parsed = clicks
                .process(new ParseClicks(), TypeInformation.of(ClickEvent.class))
                .uid(Uids.PARSE_CLICKS)
                .name("parse clicks");
        SingleOutputStreamOperator<ClickEvent> timed = parsed
                .assignTimestampsAndWatermarks(EventTime.clicks(config.outOfOrderness(), config.idleness()))
                .uid(Uids.CLICK_WATERMARKS)
                .name("click event time");
        if (clicks.getParallelism() > 0) {
            // parse where the records are read (chained, forward): a source partition's order reaches keyBy intact
            parsed.setParallelism(clicks.getParallelism());
            timed.setParallelism(clicks.getParallelism());
        }

        SingleOutputStreamOperator<ModelAnnouncement> announcements = modelAnnouncements
                .process(new ParseModelAnnouncements(), TypeInformation.of(ModelAnnouncement.class))
                .setParallelism(1)
                .uid(Uids.PARSE_MODEL_ANNOUNCEMENTS)
                .name("parse model announcements");
        DataStream<ModelAnnouncement> timedAnnouncements = announcements
                .assignTimestampsAndWatermarks(EventTime.announcements())
                .setParallelism(1)
                .uid(Uids.MODEL_WATERMARKS)
                .name("model announcement event time");

        LisaStage.apply(timed, timedAnnouncements, config)
                .sinkTo(sink)
                .uid(Uids.RECOMMENDATION_SINK)
                .name("recommendation sink");

        parsed.getSideOutput(ParseClicks.DEAD_LETTERS)
                .union(announcements.getSideOutput(ParseModelAnnouncements.DEAD_LETTERS))
                .sinkTo(errorSink)
                .uid(Uids.DEAD_LETTER_SINK)
                .name("dead-letter sink");
    }

    /** The Kafka job of {@code config} on a fresh environment carrying {@link FlinkSettings#of(JobConfig)}. */
    public static StreamExecutionEnvironment kafkaJob(JobConfig config) {
        LOG.info("Building {} with {}", JOB_NAME, config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(config));
        defineWorkflow(env, KafkaConnectors.clickSource(config), KafkaConnectors.modelSource(config),
                KafkaConnectors.recommendationSink(config), KafkaConnectors.deadLetterSink(config), config);
        return env;
    }

    /**
     * Cluster entry point: {@code LisaJob --bootstrap-servers HOST:PORT --checkpoint-dir URI
     * --allowed-model-roots URI [options]} (see {@code --help}). Exits with status 2 and the list of
     * problems when the configuration is wrong.
     */
    public static void main(String[] args) throws Exception {
        JobConfig config = configure(args, System.out, System.err);
        if (config == null) {
            if (!JobConfigParser.wantsHelp(args)) {
                System.exit(2);
            }
            return;
        }
        kafkaJob(config).execute(JOB_NAME);
    }

    /**
     * The configuration of {@code args}, or null after printing the usage (for --help, to {@code out})
     * or the problems (to {@code err}).
     */
    static JobConfig configure(String[] args, PrintStream out, PrintStream err) {
        if (JobConfigParser.wantsHelp(args)) {
            out.println("Usage: LisaJob [options]\n" + JobConfigParser.usage());
            return null;
        }
        try {
            return JobConfigParser.parse(args);
        } catch (JobConfigException e) {
            err.println(JOB_NAME + ": " + e.getMessage());
            err.println("Run with --help for the options.");
            return null;
        }
    }
}
