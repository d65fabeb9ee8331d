package io.lisastream.model.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lisastream.model.LisaModel;
import io.lisastream.model.Tensor;
import io.lisastream.model.TestModels;
import io.lisastream.model.Variant;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Java and NumPy agree on the artifact: what {@code make_numpy_artifacts.py} wrote with np.save is
 * read here, and what Java writes NumPy loads to the same values and the same bytes.
 */
class NumpyInteropTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static Path committed(Variant v) {
        try {
            return Path.of(NumpyInteropTest.class.getResource("/numpy-artifacts/" + v.wireName()).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void readsTheArtifactsNumpyWrote(Variant v) throws IOException {
        Path dir = committed(v);
        LisaModel model = ModelArtifact.read(dir);
        assertThat(model.variant()).isEqualTo(v);
        assertThat(model.config().numItems()).isEqualTo(12);
        assertThat(model.itemIds()).first().isEqualTo("movie-1000");
        assertThat(model.training()).containsEntry("generator", "make_numpy_artifacts.py");
        // our writer reproduces np.save byte for byte, so rewriting keeps every checksum and the codeSpace
        Manifest numpyManifest = ModelArtifact.readManifest(ArtifactSource.directory(dir));
        for (Map.Entry<String, Tensor> t : model.tensors().entrySet()) {
            assertThat(Npy.toBytes(t.getValue())).as(t.getKey())
                    .isEqualTo(Files.readAllBytes(dir.resolve(t.getKey() + ".npy")));
        }
        Manifest rewritten = ModelArtifact.write(model, tmp.resolve("again"));
        assertThat(rewritten.tensors()).isEqualTo(numpyManifest.tensors());
        assertThat(rewritten.codeSpace()).isEqualTo(numpyManifest.codeSpace()).isEqualTo(model.codeSpace());
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void expectedScoresReferToTheArtifactsItems(Variant v) throws IOException {
        LisaModel model = ModelArtifact.read(committed(v));
        JsonNode expected = JSON.readTree(committed(v).resolve("expected.json").toFile());
        assertThat(expected.get("histories")).hasSize(3);
        List<Integer> lengths = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            JsonNode ids = expected.get("histories").get(k);
            JsonNode indices = expected.get("historyIndices").get(k);
            lengths.add(ids.size());
            for (int j = 0; j < ids.size(); j++) {
                assertThat(model.indexOf(ids.get(j).asText())).isEqualTo(indices.get(j).asInt());
            }
            JsonNode scores = expected.get("scores").get(k);
            assertThat(scores).hasSize(model.config().numItems());
            scores.forEach(s -> assertThat(Double.isFinite(s.asDouble())).isTrue());
        }
        assertThat(lengths).contains(1).anyMatch(n -> n > model.config().maxLen());
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void numpyLoadsWhatJavaWrote(Variant v) throws IOException {
        assumeTrue(Python.numpyVersion() != null, "python3 with numpy is not installed");
        LisaModel model = TestModels.random(v, 13);
        Path dir = tmp.resolve("java-" + v.wireName());
        ModelArtifact.write(model, dir);
        Python.Result r = Python.run(Python.SCRIPTS.resolve("check_java_artifact.py").toString(), dir.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        JsonNode report = JSON.readTree(r.stdout());
        assertThat(report.get("tensors")).hasSize(model.tensors().size());
        for (Map.Entry<String, Tensor> e : model.tensors().entrySet()) {
            JsonNode seen = report.get("tensors").get(e.getKey());
            Tensor t = e.getValue();
            assertThat(seen.get("dtype").asText()).as(e.getKey()).isEqualTo(t.dtype().manifestName());
            assertThat(JSON.convertValue(seen.get("shape"), int[].class)).as(e.getKey()).isEqualTo(t.shape());
            assertThat(seen.get("shaMatches").asBoolean()).as(e.getKey()).isTrue();
            assertThat(seen.get("npSaveIdentical").asBoolean()).as(e.getKey()).isTrue();
            JsonNode values = seen.get("values");
            assertThat(values).hasSize((int) Tensor.elementCount(t.shape()));
            for (int i = 0; i < values.size(); i++) {
                if (t.dtype() == Tensor.DType.FLOAT32) {
                    assertThat((float) values.get(i).asDouble()).isEqualTo(t.floats()[i]);
                } else {
                    assertThat(values.get(i).asInt()).isEqualTo(t.ints()[i]);
                }
            }
        }
        if (v.isLisa()) {
            assertThat(report.get("codeSpaceMatches").asBoolean()).isTrue();
        }
        assertThat(JSON.convertValue(report.get("items"), List.class)).isEqualTo(model.itemIds());
    }

    @Test
    void regeneratingTheFixturesReproducesTheCommittedFiles() throws IOException {
        String numpy = Python.numpyVersion();
        assumeTrue(numpy != null, "python3 with numpy is not installed");
        Object committedWith = ModelArtifact.read(committed(Variant.SASREC)).training().get("numpy");
        assumeTrue(numpy.equals(committedWith), "fixtures were made with numpy " + committedWith + ", not " + numpy);
        Path out = tmp.resolve("regenerated");
        Python.Result r = Python.run(Python.SCRIPTS.resolve("make_numpy_artifacts.py").toString(), out.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        for (Variant v : Variant.values()) {
            try (Stream<Path> files = Files.list(committed(v))) {
                for (Path f : files.toList()) {
                    assertThat(Files.readAllBytes(out.resolve(v.wireName()).resolve(f.getFileName())))
                            .as("%s/%s differs from what make_numpy_artifacts.py writes now", v, f.getFileName())
                            .isEqualTo(Files.readAllBytes(f));
                }
            }
        }
    }
}
