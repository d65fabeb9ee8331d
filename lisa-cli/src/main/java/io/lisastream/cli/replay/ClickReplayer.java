package io.lisastream.cli.replay;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends a {@link ReplaySource} to a topic at a rate. The first failed send stops the replay with
 * that error; nothing is silently dropped.
 */
public final class ClickReplayer {
    /** Told about every record right after it was handed to the producer. */
    public interface Listener {
        void sent(long index, Outgoing record, long sentMillis);
    }

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final double rate;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /**
     * @param rate records per second, 0 for as fast as possible
     */
    public ClickReplayer(Producer<byte[], byte[]> producer, String topic, double rate) {
        if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("--rate must be a number >= 0 (0 = as fast as possible), got " + rate);
        }
        this.producer = producer;
        this.topic = topic;
        this.rate = rate;
    }

    /**
     * Sends every record and flushes.
     *
     * @param progress redrawn as records go out (may be null)
     * @return the number of records sent and acknowledged
     * @throws IllegalStateException when Kafka refused a record
     */
    public long replay(ReplaySource source, Listener listener, ProgressBar progress) throws InterruptedException {
        Pacer pacer = new Pacer(rate);
        long k = 0;
        while (source.hasNext()) {
            pacer.await(k);
            checkFailure();
            long now = System.currentTimeMillis();
            Outgoing r = source.next(now);
            long index = k;
            producer.send(new ProducerRecord<>(topic, r.key(), r.value()), (meta, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, new IllegalStateException("could not send record " + (index + 1)
                            + " to topic '" + topic + "': " + e.getMessage(), e));
                } else {
                    acknowledged.incrementAndGet();
                }
            });
            if (listener != null) {
                listener.sent(k, r, now);
            }
            k++;
            if (progress != null) {
                progress.update(k);
            }
        }
        producer.flush();
        checkFailure();
        if (progress != null) {
            progress.finish(k);
        }
        return acknowledged.get();
    }

    private void checkFailure() {
        Exception e = failure.get();
        if (e != null) {
            throw (IllegalStateException) e;
        }
    }
}
