package io.lisastream.model.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lisastream.model.ModelFormatException;
import io.lisastream.model.Tensor.DType;
import io.lisastream.model.TestModels;
import io.lisastream.model.Variant;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ManifestJsonTest {

    private static final String SHA = "ab".repeat(32);

    private static Manifest manifest(Variant v) {
        Map<String, TensorEntry> tensors = new LinkedHashMap<>();
        tensors.put("pos", new TensorEntry("pos.npy", DType.FLOAT32, new int[] {6, 8}, SHA));
        tensors.put("codes", new TensorEntry("codes.npy", DType.INT32, new int[] {12, 2}, SHA));
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("epochs", 3);
        training.put("metrics", Map.of("HR@10 (sampled, 100 negatives)", 0.8125));
        training.put("command", List.of("lisa", "train", "--seed", "7"));
        training.put("note", null);
        return Manifest.of(TestModels.config(v, 1), v.isLisa() ? SHA : null, tensors, training);
    }

    private static Manifest parse(String json) {
        return Manifest.parse(json.getBytes(StandardCharsets.UTF_8), "m/manifest.json");
    }

    private static String json(Variant v) {
        return new String(manifest(v).toJson(), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void roundTripsEveryVariantWithOnlyTheFieldsItUses(Variant v) {
        Manifest m = manifest(v);
        assertThat(Manifest.parse(m.toJson(), "x")).isEqualTo(m);
        String json = json(v);
        assertThat(json.contains("\"codebooks\"")).isEqualTo(v.isLisa());
        assertThat(json.contains("\"targetCodewords\"")).isEqualTo(v == Variant.LISA_MINI);
        assertThat(json.contains("\"codeSpace\"")).isEqualTo(v.isLisa());
        assertThat(json).contains("\"format\" : \"lisa-model/1\"").endsWith("}\n");
    }

    @Test
    void rejectsAnUnknownFormatBeforeAnythingElse() {
        String newer = json(Variant.LISA_BASE).replace("lisa-model/1", "lisa-model/2")
                .replace("\"dim\"", "\"dimension\"");
        assertThatThrownBy(() -> parse(newer)).isInstanceOf(ModelFormatException.class)
                .hasMessage("m/manifest.json: unknown model format 'lisa-model/2'"
                        + " (this reader understands lisa-model/1)");
        assertThatThrownBy(() -> parse("{\"version\": \"v\"}")).hasMessageContaining("no 'format' field");
        assertThatThrownBy(() -> parse("{\"format\": 1}")).hasMessageContaining("unknown model format 1");
    }

    @Test
    void rejectsDuplicateKeysAnywhere() {
        String top = json(Variant.SASREC).replace("\"dim\" : 8,", "\"dim\" : 8, \"dim\" : 9,");
        assertThatThrownBy(() -> parse(top)).hasMessageContaining("m/manifest.json: not valid JSON")
                .hasMessageContaining("Duplicate field 'dim'").hasMessageContaining("line");
        String nested = json(Variant.SASREC).replace("\"file\" : \"pos.npy\",",
                "\"file\" : \"pos.npy\", \"file\" : \"other.npy\",");
        assertThatThrownBy(() -> parse(nested)).hasMessageContaining("Duplicate field 'file'");
    }

    @Test
    void rejectsMalformedJsonAndTrailingContent() {
        assertThatThrownBy(() -> parse(json(Variant.SASREC) + "{}")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parse("{\"format\": \"lisa-model/1\",}")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parse("[1, 2]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> parse("")).hasMessageContaining("not a JSON object");
    }

    @Test
    void rejectsUnknownMissingAndMistypedFields() {
        String base = json(Variant.LISA_BASE);
        assertThatThrownBy(() -> parse(base.replace("\"numItems\"", "\"extra\" : 1, \"numItems\"")))
                .hasMessageContaining("unknown field 'extra'");
        assertThatThrownBy(() -> parse(base.replace("\"dim\" : 8,", "")))
                .hasMessageContaining("missing field 'dim'");
        assertThatThrownBy(() -> parse(base.replace("\"dim\" : 8,", "\"dim\" : \"8\",")))
                .hasMessageContaining("field 'dim' must be an integer");
        assertThatThrownBy(() -> parse(base.replace("\"dim\" : 8,", "\"dim\" : 8.5,")))
                .hasMessageContaining("field 'dim' must be an integer");
        assertThatThrownBy(() -> parse(base.replace("\"dim\" : 8,", "\"dim\" : 0,")))
                .hasMessageContaining("dim must be a positive integer");
        assertThatThrownBy(() -> parse(base.replace("\"decay\" : 0.1,", "\"decay\" : -0.1,")))
                .hasMessageContaining("decay must be a finite number >= 0");
        assertThatThrownBy(() -> parse(base.replace("lisa-base", "lisa-huge")))
                .hasMessageContaining("unknown variant 'lisa-huge'");
        assertThatThrownBy(() -> parse(base.replace("\"codewords\" : 4,", "")))
                .hasMessageContaining("missing field 'codewords'");
        assertThatThrownBy(() -> parse(base.replaceAll("(?s)\"training\" : \\{.*\\}\\s*}", "\"training\" : [ ] }")))
                .hasMessageContaining("field 'training' must be an object");
        assertThatThrownBy(() -> parse(base.replace("\"codeSpace\" : \"" + SHA, "\"codeSpace\" : \"xyz")))
                .hasMessageContaining("field 'codeSpace' must be 64 hex digits");
    }

    @Test
    void rejectsFieldsTheVariantDoesNotUse() {
        String sasrec = json(Variant.SASREC).replace("\"numItems\"", "\"codebooks\" : 2, \"numItems\"");
        assertThatThrownBy(() -> parse(sasrec))
                .hasMessageContaining("field 'codebooks' is not used by variant sasrec");
        String base = json(Variant.LISA_BASE).replace("\"numItems\"", "\"targetCodewords\" : 5, \"numItems\"");
        assertThatThrownBy(() -> parse(base))
                .hasMessageContaining("field 'targetCodewords' is not used by variant lisa-base");
    }

    @Test
    void rejectsBadTensorEntries() {
        String sasrec = json(Variant.SASREC);
        assertThatThrownBy(() -> parse(sasrec.replace("\"pos.npy\"", "\"../../etc/pos.npy\"")))
                .hasMessageContaining("tensor 'pos' names file '../../etc/pos.npy'")
                .hasMessageContaining("plain file name");
        assertThatThrownBy(() -> parse(sasrec.replace("\"float32\"", "\"float64\"")))
                .hasMessageContaining("tensor 'pos'").hasMessageContaining("unsupported dtype 'float64'");
        assertThatThrownBy(() -> parse(sasrec.replace("[6,8]", "[6,-8]")))
                .hasMessageContaining("tensor 'pos' field 'shape' must be an array of non-negative integers");
        assertThatThrownBy(() -> parse(sasrec.replaceFirst("\"sha256\" : \"ab", "\"sha256\" : \"zz")))
                .hasMessageContaining("field 'sha256' must be 64 hex digits");
        assertThatThrownBy(() -> parse(sasrec.replace("\"codes.npy\"", "\"pos.npy\"")))
                .hasMessageContaining("tensors 'pos' and 'codes' share file 'pos.npy'");
        String extra = sasrec.replace("\"file\" : \"pos.npy\",", "\"size\" : 1, \"file\" : \"pos.npy\",");
        assertThatThrownBy(() -> parse(extra))
                .hasMessageContaining("tensor 'pos' has unknown field 'size'");
    }

    @Test
    void keepsTheFreeFormTrainingRecord() {
        Manifest m = Manifest.parse(manifest(Variant.LISA_MINI).toJson(), "x");
        assertThat(m.training()).containsEntry("epochs", 3).containsEntry("note", null)
                .containsEntry("command", List.of("lisa", "train", "--seed", "7"))
                .containsEntry("metrics", Map.of("HR@10 (sampled, 100 negatives)", 0.8125));
        assertThat(Manifest.parse(json(Variant.SASREC).replaceAll("(?s),\\s*\"training\" : \\{.*\\}\\s*}", "}")
                .getBytes(StandardCharsets.UTF_8), "x").training()).isEmpty();
    }
}
