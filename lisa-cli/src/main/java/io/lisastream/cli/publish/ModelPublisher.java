package io.lisastream.cli.publish;

import io.lisastream.model.LisaModel;
import io.lisastream.model.artifact.ModelArtifact;
import io.lisastream.operator.ModelAnnouncement;
import io.lisastream.pipeline.WireJson;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Announces a model artifact on the control topic (contracts/wire.md): reads and verifies the
 * whole artifact first (a broken model is never announced), then sends
 * {"version", "uri", "sha256"} with the sha256 of its manifest.json, keyed by the version.
 */
public final class ModelPublisher {
    private static final long SEND_TIMEOUT_SECONDS = 60;

    /** What was announced and where it landed. */
    public record Published(ModelAnnouncement announcement, String topic, int partition, long offset) {
    }

    private ModelPublisher() {
    }

    /**
     * The announcement for an artifact directory, after verifying it.
     *
     * @param uri where the job will find the artifact (null: the directory's own file: URI, which
     *            works when the job sees the same file system)
     */
    public static ModelAnnouncement announcementFor(Path dir, String uri) throws IOException {
        LisaModel model = ModelArtifact.read(dir);
        String sha = ModelArtifact.manifestSha256(dir);
        String where = uri != null ? uri : fileUri(dir);
        URI parsed;
        try {
            parsed = new URI(where);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("--uri '" + where + "' is not a valid URI: " + e.getReason());
        }
        if (!parsed.isAbsolute()) {
            throw new IllegalArgumentException("--uri '" + where + "' has no scheme; expected e.g. file:///models/v3");
        }
        return new ModelAnnouncement(model.config().version(), where, sha);
    }

    /** file:///abs/path (no trailing slash). */
    static String fileUri(Path dir) {
        String s = dir.toAbsolutePath().normalize().toUri().toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** Sends the announcement and waits for the broker's acknowledgement. */
    public static Published send(Producer<byte[], byte[]> producer, String topic, ModelAnnouncement a)
            throws InterruptedException {
        byte[] key = a.version.getBytes(StandardCharsets.UTF_8);
        try {
            RecordMetadata m = producer.send(new ProducerRecord<>(topic, key, WireJson.modelAnnouncement(a)))
                    .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new Published(a, topic, m.partition(), m.offset());
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not send the model announcement to topic '" + topic + "': "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no acknowledgement from Kafka for the model announcement after "
                    + SEND_TIMEOUT_SECONDS + " s (topic '" + topic + "')", e);
        }
    }
}
