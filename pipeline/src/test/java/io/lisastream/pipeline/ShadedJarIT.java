package io.lisastream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job jar submitted to a cluster (target/lisa-pipeline.jar, built by `package`): it starts at
 * LisaJob, carries the job and its non-Flink dependencies, and carries neither Flink itself nor ND4J.
 */
class ShadedJarIT {
    private static final Path JAR = Path.of("target", "lisa-pipeline.jar");
    private static List<String> entries;
    private static Manifest manifest;

    @BeforeAll
    static void open() throws IOException {
        assertThat(JAR).as("run `mvn package` first").isRegularFile();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            entries = jar.stream().map(ZipEntry::getName).toList();
            manifest = jar.getManifest();
        }
    }

    @Test
    void startsAtLisaJob() {
        assertThat(manifest.getMainAttributes().getValue("Main-Class")).isEqualTo(LisaJob.class.getName());
    }

    @Test
    void carriesTheJobAndItsNonFlinkDependencies() {
        assertThat(entries).contains(
                "io/lisastream/pipeline/LisaJob.class",
                "io/lisastream/operator/Recommendation.class",
                "io/lisastream/model/inference/InferenceModel.class",
                "io/lisastream/model/artifact/ModelArtifact.class",
                "org/apache/flink/connector/kafka/source/KafkaSource.class",
                "org/apache/flink/connector/kafka/sink/KafkaSink.class",
                "org/apache/kafka/clients/producer/KafkaProducer.class",
                "com/fasterxml/jackson/databind/ObjectMapper.class",
                "com/fasterxml/jackson/core/JsonFactory.class");
    }

    @Test
    void carriesNeitherFlinkNorNd4jNorLoggingBackends() {
        assertThat(entries).noneMatch(e -> e.startsWith("org/nd4j/") || e.startsWith("org/bytedeco/")
                || e.startsWith("org/deeplearning4j/"));
        assertThat(entries).noneMatch(e -> e.startsWith("org/apache/flink/streaming/api/")
                || e.startsWith("org/apache/flink/api/common/")
                || e.startsWith("org/apache/flink/runtime/")
                || e.startsWith("org/apache/flink/connector/base/")
                || e.startsWith("org/apache/flink/shaded/")
                || e.startsWith("org/apache/flink/state/rocksdb/")
                || e.startsWith("org/rocksdb/"));
        assertThat(entries).noneMatch(e -> e.startsWith("org/slf4j/") || e.startsWith("org/apache/logging/log4j/"));
        assertThat(entries).noneMatch(e -> e.startsWith("org/junit/") || e.startsWith("org/apache/kafka/common/test/")
                || e.startsWith("kafka/server/"));
    }

    @Test
    void staysSmallEnoughToSubmit() throws IOException {
        // kafka-clients with its compression natives is most of it; an accidental Flink or ND4J is hundreds of MB
        assertThat(Files.size(JAR)).isLessThan(40L * 1024 * 1024);
    }
}
