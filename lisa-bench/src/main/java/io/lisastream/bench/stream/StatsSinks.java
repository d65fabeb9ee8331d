package io.lisastream.bench.stream;

import io.lisastream.operator.Recommendation;
import io.lisastream.pipeline.DeadLetter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/** Sinks that report into a {@link RunStats}: recommendations (with latency) and dead letters. */
final class StatsSinks {
    private StatsSinks() {
    }

    static final class Recommendations implements Sink<Recommendation> {
        private static final long serialVersionUID = 1L;
        private final String runId;

        Recommendations(String runId) {
            this.runId = runId;
        }

        @Override
        public SinkWriter<Recommendation> createWriter(WriterInitContext context) {
            RunStats stats = RunStats.of(runId);
            return new SinkWriter<>() {
                @Override
                public void write(Recommendation r, Context ctx) {
                    stats.recommendation(r.timestamp, System.currentTimeMillis());
                }

                @Override
                public void flush(boolean endOfInput) {
                }

                @Override
                public void close() {
                }
            };
        }
    }

    static final class DeadLetters implements Sink<DeadLetter> {
        private static final long serialVersionUID = 1L;
        private final String runId;

        DeadLetters(String runId) {
            this.runId = runId;
        }

        @Override
        public SinkWriter<DeadLetter> createWriter(WriterInitContext context) {
            RunStats stats = RunStats.of(runId);
            return new SinkWriter<>() {
                @Override
                public void write(DeadLetter d, Context ctx) {
                    stats.deadLetters.incrementAndGet();
                }

                @Override
                public void flush(boolean endOfInput) {
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
