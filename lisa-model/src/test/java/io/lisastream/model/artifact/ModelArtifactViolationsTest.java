package io.lisastream.model.artifact;

import static io.lisastream.model.artifact.NpyFiles.dict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lisastream.model.LisaModel;
import io.lisastream.model.ModelFormatException;
import io.lisastream.model.Tensor;
import io.lisastream.model.TestModels;
import io.lisastream.model.Variant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per way an artifact can be wrong; each message must name the artifact, file and problem. */
class ModelArtifactViolationsTest {

    @TempDir
    Path tmp;

    private Path written(Variant v) throws IOException {
        Path dir = tmp.resolve(v.wireName());
        ModelArtifact.write(TestModels.random(v, 11), dir);
        return dir;
    }

    private static void assertRejected(Path dir, String... fragments) {
        assertThatThrownBy(() -> ModelArtifact.read(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContainingAll(fragments);
    }

    private static byte[] floatTensor(float[] values, int... shape) {
        return Npy.toBytes(Tensor.f32(values, shape));
    }

    @Test
    void missingFile() throws IOException {
        Path dir = written(Variant.LISA_BASE);
        Files.delete(dir.resolve("pos.npy"));
        assertRejected(dir, "missing file pos.npy (tensor 'pos')");
    }

    @Test
    void noDirectory() {
        Path nowhere = tmp.resolve("nowhere");
        assertThatThrownBy(() -> ModelArtifact.read(nowhere)).isInstanceOf(java.nio.file.NoSuchFileException.class)
                .hasMessageContaining(nowhere.toString()).hasMessageContaining("no such directory");
    }

    @Test
    void missingManifestOrItems() throws IOException {
        Path dir = written(Variant.SASREC);
        Files.delete(dir.resolve("items.txt"));
        assertRejected(dir, "missing file items.txt");
        Files.delete(dir.resolve("manifest.json"));
        assertRejected(dir, "missing file manifest.json", "is this a lisa-model/1 artifact?");
    }

    @Test
    void badHeader() throws IOException {
        Path dir = written(Variant.LISA_BASE);
        new Tamper(dir).replaceFile("ln1_beta.npy", NpyFiles.v1("{'descr': '<f4', 'fortran_order': False, 'shape': 8}",
                new byte[32]));
        assertRejected(dir, "ln1_beta.npy: bad .npy header", "expected a tuple");
    }

    @Test
    void wrongDtypeInTheFile() throws IOException {
        Path dir = written(Variant.LISA_BASE);
        new Tamper(dir).replaceFile("pos.npy", Npy.toBytes(Tensor.i32(new int[48], 6, 8)));
        assertRejected(dir, "pos.npy holds int32 ('<i4') but manifest.json says tensor 'pos' is float32");
    }

    @Test
    void wrongDtypeInTheManifest() throws IOException {
        Path dir = written(Variant.LISA_BASE);
        Tamper t = new Tamper(dir);
        t.editManifest(root -> t.tensorEntry(root, "codes").put("dtype", "float32"));
        assertRejected(dir, "tensor 'codes' has dtype float32 but variant lisa-base requires int32");
    }

    @Test
    void wrongShapeInTheManifest() throws IOException {
        Path dir = written(Variant.LISA_MINI);
        Tamper t = new Tamper(dir);
        t.editManifest(root -> t.tensorEntry(root, "pos").putArray("shape").add(5).add(8));
        assertRejected(dir, "tensor 'pos' has shape [5, 8]", "maxLen 6", "require [6, 8]");
    }

    @Test
    void wrongShapeInTheFile() throws IOException {
        Path dir = written(Variant.LISA_BASE);
        new Tamper(dir).replaceFile("pos.npy", floatTensor(new float[48], 8, 6));
        assertRejected(dir, "pos.npy has shape [8, 6] but manifest.json says tensor 'pos' has shape [6, 8]");
    }

    @Test
    void checksumMismatch() throws IOException {
        Path dir = written(Variant.LISA_SOFT);
        byte[] bytes = Files.readAllBytes(dir.resolve("ffn_w1.npy"));
        bytes[bytes.length - 1] ^= 1;
        Files.write(dir.resolve("ffn_w1.npy"), bytes);
        assertRejected(dir, "ffn_w1.npy: sha256 mismatch", "corrupted or replaced");
    }

    @Test
    void nanAndInfinityParameters() throws IOException {
        Path dir = written(Variant.LISA_BASE);
        float[] pos = new float[48];
        pos[5] = Float.NaN;
        new Tamper(dir).replaceFile("pos.npy", floatTensor(pos, 6, 8));
        assertRejected(dir, "tensor 'pos' holds NaN at flat index 5");

        Path sasrec = written(Variant.SASREC);
        float[] emb = new float[96];
        emb[95] = Float.NEGATIVE_INFINITY;
        new Tamper(sasrec).replaceFile("item_emb.npy", floatTensor(emb, 12, 8));
        assertRejected(sasrec, "tensor 'item_emb' holds -Infinity at flat index 95");
    }

    @Test
    void codeOutOfRange() throws IOException {
        Path dir = written(Variant.LISA_BASE);
        int[] codes = new int[24];
        codes[7] = TestModels.W;
        new Tamper(dir).replaceFile("codes.npy", Npy.toBytes(Tensor.i32(codes, 12, 2)));
        assertRejected(dir, "tensor 'codes' holds code 4 at flat index 7, outside [0, 4)");

        Path mini = written(Variant.LISA_MINI);
        int[] target = new int[24];
        target[0] = -1;
        new Tamper(mini).replaceFile("target_codes.npy", Npy.toBytes(Tensor.i32(target, 12, 2)));
        assertRejected(mini, "tensor 'target_codes' holds code -1 at flat index 0, outside [0, 5)");
    }

    @Test
    void softAssignmentRowsMustSumToOne() throws IOException {
        Path dir = written(Variant.LISA_SOFT);
        float[] soft = new float[12 * 2 * 4];
        Arrays.fill(soft, 0.25f);
        soft[9] = 0.5f;
        new Tamper(dir).replaceFile("soft_assign.npy", floatTensor(soft, 12, 2, 4));
        assertRejected(dir, "tensor 'soft_assign' row 2 sums to 1.25");
    }

    @Test
    void codeSpaceMismatch() throws IOException {
        Path dir = written(Variant.LISA_SOFT);
        new Tamper(dir).editManifest(root -> root.put("codeSpace", "0".repeat(64)));
        assertRejected(dir, "manifest.json says codeSpace " + "0".repeat(64),
                "the bytes of codes.npy and soft_assign.npy hash to");
    }

    @Test
    void unknownFormat() throws IOException {
        Path dir = written(Variant.LISA_BASE);
        new Tamper(dir).editManifest(root -> root.put("format", "lisa-model/9"));
        assertRejected(dir, "manifest.json: unknown model format 'lisa-model/9'",
                "(this reader understands lisa-model/1)");
    }

    @Test
    void truncatedNpy() throws IOException {
        Path dir = written(Variant.LISA_BASE);
        byte[] bytes = Files.readAllBytes(dir.resolve("codebooks.npy"));
        new Tamper(dir).replaceFile("codebooks.npy", Arrays.copyOf(bytes, bytes.length - 4));
        assertRejected(dir, "codebooks.npy: truncated", "256 data bytes", "ends after 252");
    }

    @Test
    void trailingBytes() throws IOException {
        Path dir = written(Variant.LISA_BASE);
        byte[] bytes = Files.readAllBytes(dir.resolve("codebooks.npy"));
        new Tamper(dir).replaceFile("codebooks.npy", Arrays.copyOf(bytes, bytes.length + 4));
        assertRejected(dir, "codebooks.npy: trailing bytes after the data");
    }

    @Test
    void hugeShapeClaim() throws IOException {
        Path dir = written(Variant.SASREC);
        new Tamper(dir).replaceFile("item_emb.npy", NpyFiles.v1(dict("<f4", "(2147483000, 8)"), new byte[384]));
        assertRejected(dir, "item_emb.npy: bad .npy header", "more elements than fit in one array");
        new Tamper(dir).replaceFile("item_emb.npy", NpyFiles.v1(dict("<f4", "(200000000, 8)"), new byte[384]));
        assertRejected(dir, "item_emb.npy", "6400000000 data bytes", "more than the", "allowed for this file");
    }

    @Test
    void duplicateHeaderKey() throws IOException {
        Path dir = written(Variant.LISA_MINI);
        new Tamper(dir).replaceFile("ffn_b2.npy", NpyFiles.v1(
                "{'descr': '<f4', 'fortran_order': False, 'shape': (8,), 'shape': (8,), }", new byte[32]));
        assertRejected(dir, "ffn_b2.npy: bad .npy header", "duplicate key 'shape'");
    }

    @Test
    void fortranOrder() throws IOException {
        Path dir = written(Variant.LISA_BASE);
        new Tamper(dir).replaceFile("ffn_w1.npy", NpyFiles.v1(
                "{'descr': '<f4', 'fortran_order': True, 'shape': (8, 16), }", new byte[512]));
        assertRejected(dir, "ffn_w1.npy: bad .npy header", "fortran_order is True");
    }

    @Test
    void missingTensor() throws IOException {
        Path dir = written(Variant.LISA_BASE);
        new Tamper(dir).editManifest(root -> ((ObjectNode) root.get("tensors")).remove("w_v"));
        assertRejected(dir, "manifest.json: missing tensor 'w_v', required by variant lisa-base");
    }

    @Test
    void unexpectedTensor() throws IOException {
        Path dir = written(Variant.LISA_BASE);
        Files.write(dir.resolve("item_emb.npy"), floatTensor(new float[96], 12, 8));
        new Tamper(dir).editManifest(root -> ((ObjectNode) root.get("tensors")).putObject("item_emb")
                .put("file", "item_emb.npy").put("dtype", "float32").put("sha256", "0".repeat(64))
                .putArray("shape").add(12).add(8));
        assertRejected(dir, "unexpected tensor 'item_emb', which variant lisa-base does not use");
    }

    @Test
    void itemsCountMismatch() throws IOException {
        Path dir = written(Variant.LISA_BASE);
        Path items = dir.resolve("items.txt");
        String all = Files.readString(items);
        Files.writeString(items, all.substring(0, all.lastIndexOf("item-11")));
        assertRejected(dir, "items.txt lists 11 items but manifest.json says numItems is 12");
        Files.writeString(items, all + "item-12\n");
        assertRejected(dir, "items.txt has more than 12 lines but manifest.json says numItems is 12");
    }

    @Test
    void itemsFileLineProblems() throws IOException {
        Path dir = written(Variant.LISA_BASE);
        Path items = dir.resolve("items.txt");
        String all = Files.readString(items);
        Files.writeString(items, all.replace("item-3\n", "item-2\n"));
        assertRejected(dir, "items.txt line 4 repeats item id 'item-2' (first on line 3)");
        Files.writeString(items, all.replace("\n", "\r\n"));
        assertRejected(dir, "items.txt: line 1 ends with a carriage return");
        Files.writeString(items, all.replace("item-5\n", "\n"));
        assertRejected(dir, "items.txt: line 6 is empty");
        Files.write(items, all.replace("item-5", "item-\u00ff").getBytes(StandardCharsets.ISO_8859_1));
        assertRejected(dir, "items.txt: line 6 is not valid UTF-8");
    }

    @Test
    void acceptsItemsWithoutFinalNewlineAndAnyUtf8Id() throws IOException {
        Path dir = written(Variant.LISA_BASE);
        Path items = dir.resolve("items.txt");
        String all = Files.readString(items);
        Files.writeString(items, all.replace("item-0", "Amélie (2001) 🎬").strip());
        LisaModel model = ModelArtifact.read(dir);
        assertThat(model.itemIds().get(0)).isEqualTo("Amélie (2001) 🎬");
        assertThat(model.indexOf("item-11")).isEqualTo(11);
    }
}
