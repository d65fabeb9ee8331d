package io.lisastream.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelUriPolicyUnitTest {
    private static final List<String> ROOTS = List.of("file:///models", "s3://bucket/lisa/");

    @Test
    void urisBelowARootAreAcceptedInAnySpelling() throws Exception {
        assertThat(ModelUriPolicy.check("file:///models/v3", ROOTS).toUri().toString()).isEqualTo("file:///models/v3");
        assertThat(ModelUriPolicy.check("file:/models/v3/", ROOTS).toUri().toString()).isEqualTo("file:///models/v3");
        assertThat(ModelUriPolicy.check("file://localhost/models//v3", ROOTS).toUri().toString())
                .isEqualTo("file:///models/v3");
        assertThat(ModelUriPolicy.check("/models/v3", ROOTS).toUri().toString()).isEqualTo("file:///models/v3");
        assertThat(ModelUriPolicy.check("FILE:///models/v%203", ROOTS).path()).isEqualTo("/models/v 3");
        assertThat(ModelUriPolicy.check("S3://BUCKET/lisa/v1", ROOTS).toUri().toString()).isEqualTo("s3://bucket/lisa/v1");
    }

    @Test
    void urisOutsideEveryRootOrWithRelativeSegmentsAreRefused() {
        for (String uri : List.of("file:///models2/v3", "file:///model", "file:///etc/passwd", "file:///models/../etc",
                "file:///models/%2E%2E/etc", "file:///models/./v3", "file:///models/v3/..", "s3://other/lisa/v1",
                "s3://bucket/lisa2/v1", "hdfs:///models/v3", "file:///models/v3?x", "file:///models/v3#f",
                "file://user@host/models", "file://otherhost/models/v3", "models/v3", "", "  ", "file:models/v3",
                "file:///models/a\\..\\..\\etc", "file:///models/%00")) {
            assertThatThrownBy(() -> ModelUriPolicy.check(uri, ROOTS)).as(uri)
                    .isInstanceOf(ModelRejectedException.class).hasMessageContaining("model URI");
        }
        assertThatThrownBy(() -> ModelUriPolicy.check(null, ROOTS)).isInstanceOf(ModelRejectedException.class);
    }

    @Test
    void noRootsMeansNothingLoads() {
        assertThatThrownBy(() -> ModelUriPolicy.check("file:///models/v3", List.of()))
                .isInstanceOf(ModelRejectedException.class).hasMessageContaining("allowedModelRoots");
    }

    @Test
    void aSymbolicLinkOutOfTheRootIsRefused(@TempDir Path tmp) throws Exception {
        Path root = Files.createDirectories(tmp.resolve("models"));
        Path secret = Files.createDirectories(tmp.resolve("secret"));
        Files.createDirectories(root.resolve("real"));
        Path link = Files.createSymbolicLink(root.resolve("link"), secret);
        List<String> roots = List.of(root.toUri().toString());
        assertThat(ModelUriPolicy.check(root.resolve("real").toUri().toString(), roots)).isNotNull();
        assertThatThrownBy(() -> ModelUriPolicy.check(link.toUri().toString(), roots))
                .isInstanceOf(ModelRejectedException.class).hasMessageContaining("not below");
    }

    @Test
    void badRootsFailTheConfiguration() {
        assertThatThrownBy(() -> LisaOperatorConfig.defaults().withAllowedModelRoots("relative/dir"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("relative/dir");
        assertThatThrownBy(() -> LisaOperatorConfig.defaults().withAllowedModelRoots("file:///models/../x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'..'");
    }
}
