package io.lisastream.model.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lisastream.model.AttentionQuery;
import io.lisastream.model.LisaModel;
import io.lisastream.model.ModelConfig;
import io.lisastream.model.ModelFormatException;
import io.lisastream.model.RandomModels;
import io.lisastream.model.Variant;
import io.lisastream.model.inference.InferenceModel;
import io.lisastream.model.inference.UserState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's extensions of LISA's attention: "query" (the block's input instead of the newest
 * item's codes queries the first block's heads), "codebookDecays" (lambda_b per codebook) and
 * "blockWindow" (later blocks attend over the first block's recent outputs). All are absent from
 * the manifest of a contract model, round-trip when present, and are validated.
 */
class AttentionExtensionsArtifactTest {

    @TempDir
    Path tmp;

    private static ModelConfig base(AttentionQuery query, List<Double> decays) {
        ModelConfig c = RandomModels.config(Variant.LISA_BASE, 40, 8, 10, 0.1, 3, 4);
        return new ModelConfig(c.version() + "-ext", c.variant(), c.dim(), c.ffnDim(), c.maxLen(), c.decay(),
                c.layerNormEps(), c.codebooks(), c.codewords(), 0, 0, c.numItems(), 1, query, decays);
    }

    @Test
    void writesBothOnlyWhenUsedAndReadsThemBack() throws IOException {
        LisaModel ext = RandomModels.build(base(AttentionQuery.INPUT, List.of(0.02, 0.1, 0.7)), 5);
        ModelArtifact.write(ext, tmp.resolve("ext"));
        String json = Files.readString(tmp.resolve("ext/manifest.json"));
        assertThat(json).contains("\"query\" : \"input\"").contains("\"codebookDecays\" : [0.02,0.1,0.7]");
        assertThat(ModelArtifact.read(tmp.resolve("ext")).config()).isEqualTo(ext.config());

        ModelArtifact.write(RandomModels.build(base(AttentionQuery.CODES, List.of()), 5), tmp.resolve("plain"));
        assertThat(Files.readString(tmp.resolve("plain/manifest.json"))).doesNotContain("query")
                .doesNotContain("codebookDecays").doesNotContain("blockWindow");
    }

    @Test
    void writesTheBlockWindowOfAWindowStackAndReadsItBack() throws IOException {
        ModelConfig c = base(AttentionQuery.CODES, List.of());
        ModelConfig window = new ModelConfig(c.version() + "-w", c.variant(), c.dim(), c.ffnDim(), c.maxLen(),
                c.decay(), c.layerNormEps(), c.codebooks(), c.codewords(), 0, 0, c.numItems(), 2,
                AttentionQuery.CODES, List.of(), 50);
        LisaModel model = RandomModels.build(window, 5);
        ModelArtifact.write(model, tmp.resolve("w"));
        assertThat(Files.readString(tmp.resolve("w/manifest.json"))).contains("\"blockWindow\" : 50");
        assertThat(ModelArtifact.read(tmp.resolve("w")).config().blockWindow()).isEqualTo(50);

        Path manifest = tmp.resolve("w/manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"blocks\" : 2,", ""));
        assertThatThrownBy(() -> ModelArtifact.read(tmp.resolve("w"))).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("blockWindow 50 needs a LISA variant of at least two blocks");
    }

    @Test
    void rejectsDecaysThatDoNotMatchTheCodebooksAndAQueryForSasrec() {
        assertThatThrownBy(() -> base(AttentionQuery.CODES, List.of(0.1, 0.2)))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("one lambda per sequence codebook");
        assertThatThrownBy(() -> base(AttentionQuery.CODES, List.of(0.1, -0.2, 0.1)))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining(">= 0");
        ModelConfig s = RandomModels.config(Variant.SASREC, 40, 8, 10, 0.1, 0, 0);
        assertThatThrownBy(() -> new ModelConfig("v", Variant.SASREC, s.dim(), s.ffnDim(), s.maxLen(), s.decay(),
                s.layerNormEps(), 0, 0, 0, 0, s.numItems(), 1, AttentionQuery.INPUT))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("LISA variants only");
    }

    @Test
    void rejectsAnUnknownQueryInTheManifest() throws IOException {
        ModelArtifact.write(RandomModels.build(base(AttentionQuery.INPUT, List.of()), 5), tmp.resolve("m"));
        Path manifest = tmp.resolve("m/manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"input\"", "\"sideways\""));
        assertThatThrownBy(() -> ModelArtifact.read(tmp.resolve("m")))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("unknown attention query 'sideways'");
    }

    /** Each codebook's entries decay by their own r_b: after n events of one item, h_b = sum r_b^j. */
    @Test
    void eachCodebookDecaysByItsOwnLambdaOnlineAndInBatch() {
        List<Double> decays = List.of(0.0, 0.5, 3.0);
        InferenceModel m = InferenceModel.compile(RandomModels.build(base(AttentionQuery.CODES, decays), 5));
        UserState state = m.newState();
        int n = 200; // past the lazy scale's renormalisation for lambda = 3 (every 13 events)
        for (int t = 0; t < n; t++) {
            m.observe(state, 7);
        }
        float[] online = m.histogram(state);
        float[] batch = m.histogram(filled(n, 7));
        int w = m.config().codewords();
        for (int cb = 0; cb < 3; cb++) {
            double r = Math.exp(-decays.get(cb));
            double expected = r == 1 ? n : (1 - Math.pow(r, n)) / (1 - r);
            double onlineMass = 0;
            double batchMass = 0;
            for (int k = cb * w; k < (cb + 1) * w; k++) {
                onlineMass += online[k];
                batchMass += batch[k];
            }
            var tolerance = org.assertj.core.data.Offset.offset(1e-3 * expected);
            assertThat(onlineMass).as("codebook %d online", cb).isCloseTo(expected, tolerance);
            assertThat(batchMass).as("codebook %d batch", cb).isCloseTo(expected, tolerance);
        }
    }

    private static int[] filled(int n, int item) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, item);
        return a;
    }
}
