package io.lisastream.cli.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lisastream.cli.kafka.KafkaClients;
import io.lisastream.cli.kafka.KafkaOptions;
import io.lisastream.operator.ModelAnnouncement;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lisa publish-model}: verify an artifact and announce it to the running job. */
@Command(name = "publish-model", mixinStandardHelpOptions = true,
        description = {"Verify a model artifact and announce it on the control topic as"
                + " {version, uri, sha256 of manifest.json}; the job loads it and serves it from the next click.",
            "Prints the announcement and where it landed as JSON on stdout."})
public final class PublishModelCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(PublishModelCommand.class);

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--topic", defaultValue = "models", description = "Control topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model artifact directory.")
    Path model;

    @Option(names = "--uri", paramLabel = "URI",
            description = "Where the job finds the artifact, e.g. file:///models/v3 when the job mounts the"
                    + " directory elsewhere (default: this directory's file: URI).")
    String uri;

    @Override
    public Integer call() throws Exception {
        ModelAnnouncement a = ModelPublisher.announcementFor(model, uri);
        LOG.info("Artifact {} verified: version {}, manifest sha256 {}", model, a.version, a.sha256);
        ModelPublisher.Published p;
        try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(kafka.clientProperties(), "lisa-publish-model")) {
            p = ModelPublisher.send(producer, topic, a);
        }
        LOG.info("Announced model {} on {}-{} at offset {}", a.version, p.topic(), p.partition(), p.offset());
        ObjectMapper json = new ObjectMapper();
        ObjectNode out = json.createObjectNode()
                .put("version", a.version).put("uri", a.uri).put("sha256", a.sha256)
                .put("topic", p.topic()).put("partition", p.partition()).put("offset", p.offset());
        System.out.println(json.writeValueAsString(out));
        return 0;
    }
}
