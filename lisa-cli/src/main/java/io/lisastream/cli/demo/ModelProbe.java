package io.lisastream.cli.demo;

import io.lisastream.operator.ClickEvent;
import io.lisastream.pipeline.WireJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Waits until the job serves a given model: sends a click of a probe user (who is not part of the
 * replay and of the summary) every {@code every} until a recommendation of that model for the
 * probe user has been committed. Clicks that reach the job before the model is loaded produce no
 * recommendation, so the replay starts only after this returns and none of its clicks is lost to
 * the model's loading time. The probe click's event time is 0 (the epoch): valid, and it never
 * moves the job's watermark ahead of a historical replay.
 */
final class ModelProbe {
    static final String PROBE_USER = "lisa-demo-probe";

    private ModelProbe() {
    }

    /**
     * @param itemId any item of the model
     * @param whileWaiting called between probes (e.g. to check the job has not failed)
     */
    static void await(Producer<byte[], byte[]> producer, String clicksTopic, OutputWatcher watcher, String version,
            String itemId, Duration every, Duration timeout, Runnable whileWaiting)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] key = PROBE_USER.getBytes(StandardCharsets.UTF_8);
        byte[] value = WireJson.click(new ClickEvent(PROBE_USER, itemId, 0L, 0L));
        while (true) {
            producer.send(new ProducerRecord<>(clicksTopic, key, value));
            producer.flush();
            long next = System.nanoTime() + every.toNanos();
            while (System.nanoTime() < next) {
                if (watcher.probeRecommendations() > 0 && version.equals(watcher.lastVersion())) {
                    return;
                }
                watcher.check();
                whileWaiting.run();
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("the job did not serve model " + version + " within "
                            + timeout.toSeconds() + " s of its announcement (see the log above)");
                }
                Thread.sleep(50);
            }
        }
    }
}
