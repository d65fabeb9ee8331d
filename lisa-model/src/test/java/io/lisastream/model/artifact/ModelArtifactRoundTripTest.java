package io.lisastream.model.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lisastream.model.LisaModel;
import io.lisastream.model.ModelFormatException;
import io.lisastream.model.TensorSpec;
import io.lisastream.model.TestModels;
import io.lisastream.model.Variant;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModelArtifactRoundTripTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Variant.class)
    void writesAndReadsBackEveryVariant(Variant v) throws IOException {
        LisaModel model = TestModels.random(v, 7);
        Path dir = tmp.resolve("model");
        Manifest manifest = ModelArtifact.write(model, dir);
        LisaModel back = ModelArtifact.read(dir);

        assertThat(back.config()).isEqualTo(model.config());
        assertThat(back.itemIds()).isEqualTo(model.itemIds());
        assertThat(back.tensors()).isEqualTo(model.tensors());
        assertThat(back.training()).isEqualTo(Map.of("generator", "TestModels.random", "seed", 7));
        assertThat(back.codeSpace()).isEqualTo(manifest.codeSpace());
        assertThat(ModelArtifact.readManifest(ArtifactSource.directory(dir))).isEqualTo(manifest);
        assertThat(Files.readAllLines(dir.resolve("items.txt"))).isEqualTo(model.itemIds());
        for (TensorEntry e : manifest.tensors().values()) {
            assertThat(Sha256.hex(dir.resolve(e.file()))).as(e.file()).isEqualTo(e.sha256());
        }
        if (v.isLisa()) {
            ByteArrayOutputStream codeBytes = new ByteArrayOutputStream();
            codeBytes.writeBytes(Files.readAllBytes(dir.resolve("codes.npy")));
            if (v == Variant.LISA_SOFT) {
                codeBytes.writeBytes(Files.readAllBytes(dir.resolve("soft_assign.npy")));
            }
            assertThat(manifest.codeSpace()).isEqualTo(Sha256.hex(codeBytes.toByteArray()));
        } else {
            assertThat(manifest.codeSpace()).isNull();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .hasSize(TensorSpec.required(model.config()).size() + 2)
                    .contains("manifest.json", "items.txt");
        }
    }

    @Test
    void theCodeSpaceIdentifiesTheCodesNotTheModel() throws IOException {
        LisaModel a = TestModels.random(Variant.LISA_BASE, 1);
        LisaModel b = TestModels.random(Variant.LISA_BASE, 2);
        Map<String, io.lisastream.model.Tensor> sameCodes = new HashMap<>(b.tensors());
        sameCodes.put(TensorSpec.CODES, a.tensor(TensorSpec.CODES));
        LisaModel c = new LisaModel(b.config(), b.itemIds(), sameCodes, b.training(), null);
        String spaceA = ModelArtifact.write(a, tmp.resolve("a")).codeSpace();
        assertThat(ModelArtifact.write(b, tmp.resolve("b")).codeSpace()).isNotEqualTo(spaceA);
        assertThat(ModelArtifact.write(c, tmp.resolve("c")).codeSpace()).isEqualTo(spaceA);
        // rewriting a model read from an artifact keeps its codeSpace: the bytes are reproduced exactly
        LisaModel read = ModelArtifact.read(tmp.resolve("a"));
        assertThat(ModelArtifact.write(read, tmp.resolve("a2")).codeSpace()).isEqualTo(spaceA);
    }

    @Test
    void checksTheAnnouncedManifestDigest() throws IOException {
        Path dir = tmp.resolve("m");
        ModelArtifact.write(TestModels.random(Variant.LISA_MINI, 3), dir);
        String sha = ModelArtifact.manifestSha256(dir);
        assertThat(sha).isEqualTo(Sha256.hex(Files.readAllBytes(dir.resolve("manifest.json"))));
        assertThat(ModelArtifact.read(ArtifactSource.directory(dir), sha.toUpperCase()).variant())
                .isEqualTo(Variant.LISA_MINI);
        String other = "0".repeat(64);
        assertThatThrownBy(() -> ModelArtifact.read(ArtifactSource.directory(dir), other))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("manifest.json has sha256 " + sha + " but " + other + " was expected");
    }

    @Test
    void readsThroughAnyArtifactSource() throws IOException {
        Path dir = tmp.resolve("m");
        LisaModel model = TestModels.random(Variant.LISA_SOFT, 4);
        ModelArtifact.write(model, dir);
        Map<String, byte[]> files = new HashMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        ArtifactSource memory = new ArtifactSource() {
            @Override
            public InputStream open(String fileName) throws IOException {
                byte[] bytes = files.get(fileName);
                if (bytes == null) {
                    throw new FileNotFoundException(fileName);
                }
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public String describe() {
                return "memory://m";
            }
        };
        assertThat(ModelArtifact.read(memory).tensors()).isEqualTo(model.tensors());
        files.remove("w_k.npy");
        assertThatThrownBy(() -> ModelArtifact.read(memory))
                .hasMessage("model artifact memory://m: missing file w_k.npy (tensor 'w_k')");
    }

    @Test
    void refusesToOverwriteUnlessAskedAndNeverReplacesForeignDirectories() throws IOException {
        Path dir = tmp.resolve("m");
        Files.createDirectories(dir);
        ModelArtifact.write(TestModels.random(Variant.SASREC, 1), dir);
        LisaModel second = TestModels.random(Variant.LISA_BASE, 2);
        assertThatThrownBy(() -> ModelArtifact.write(second, dir)).isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("refusing to overwrite");
        assertThat(ModelArtifact.read(dir).variant()).isEqualTo(Variant.SASREC);

        ModelArtifact.write(second, dir, true);
        assertThat(ModelArtifact.read(dir).config()).isEqualTo(second.config());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("item_emb.npy");
        }

        Path foreign = tmp.resolve("home");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("thesis.tex"), "precious");
        assertThatThrownBy(() -> ModelArtifact.write(second, foreign, true))
                .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("not a model artifact");
        assertThat(Files.readString(foreign.resolve("thesis.tex"))).isEqualTo("precious");
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("m", "home");
        }
    }

    @Test
    void aFailedWriteLeavesNothingBehind() throws IOException {
        LisaModel model = TestModels.random(Variant.LISA_BASE, 5);
        List<String> ids = new java.util.ArrayList<>(model.itemIds());
        ids.set(3, "two\nlines");
        LisaModel bad = new LisaModel(model.config(), ids, model.tensors(), model.training(), null);
        assertThatThrownBy(() -> ModelArtifact.write(bad, tmp.resolve("m")))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("item id at index 3");
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).isEmpty();
        }
    }
}
