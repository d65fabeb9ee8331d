package io.lisastream.model.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lisastream.model.LisaModel;
import io.lisastream.model.ModelConfig;
import io.lisastream.model.ModelFormatException;
import io.lisastream.model.RandomModels;
import io.lisastream.model.TensorSpec;
import io.lisastream.model.Variant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's extension of lisa-model/1 for more than one block: "blocks" in the
 * manifest and per-block tensors stacked on a leading axis; one-block models are unchanged, and a
 * reader that knows only the contract's shapes rejects a stacked model instead of misreading it.
 */
class StackedBlocksArtifactTest {

    @TempDir
    Path tmp;

    private static ModelConfig sasrec(int blocks) {
        ModelConfig c = RandomModels.config(Variant.SASREC, 30, 8, 10, 0.1, 0, 0);
        return new ModelConfig(c.version() + "-x" + blocks, c.variant(), c.dim(), c.ffnDim(), c.maxLen(), c.decay(),
                c.layerNormEps(), 0, 0, 0, 0, c.numItems(), blocks);
    }

    @Test
    void stacksEveryPerBlockTensorAndKeepsTheSharedOnes() {
        var specs = TensorSpec.required(sasrec(3));
        assertThat(specs.get(TensorSpec.W_Q).shape()).containsExactly(3, 8, 8);
        assertThat(specs.get(TensorSpec.LN1_GAMMA).shape()).containsExactly(3, 8);
        assertThat(specs.get(TensorSpec.FFN_W1).shape()).containsExactly(3, 8, 16);
        assertThat(specs.get(TensorSpec.FFN_B1).shape()).containsExactly(3, 16);
        assertThat(specs.get(TensorSpec.ITEM_EMB).shape()).containsExactly(30, 8);
        assertThat(specs.get(TensorSpec.POS).shape()).containsExactly(10, 8);
        var one = TensorSpec.required(sasrec(1));
        assertThat(one.get(TensorSpec.W_Q).shape()).containsExactly(1, 8, 8);
        assertThat(one.get(TensorSpec.LN1_GAMMA).shape()).containsExactly(8);
        assertThat(one.get(TensorSpec.FFN_W1).shape()).containsExactly(8, 16);
    }

    @Test
    void writesBlocksOnlyForAStackAndReadsItBack() throws IOException {
        LisaModel two = RandomModels.build(sasrec(2), 4);
        ModelArtifact.write(two, tmp.resolve("two"));
        assertThat(Files.readString(tmp.resolve("two/manifest.json"))).contains("\"blocks\" : 2");
        LisaModel back = ModelArtifact.read(tmp.resolve("two"));
        assertThat(back.config()).isEqualTo(two.config());
        assertThat(back.floats(TensorSpec.FFN_W2)).containsExactly(two.floats(TensorSpec.FFN_W2));

        ModelArtifact.write(RandomModels.build(sasrec(1), 4), tmp.resolve("one"));
        assertThat(Files.readString(tmp.resolve("one/manifest.json"))).doesNotContain("blocks");
    }

    @Test
    void aReaderThatIgnoresBlocksRejectsTheStackByItsShapes() throws IOException {
        ModelArtifact.write(RandomModels.build(sasrec(2), 4), tmp.resolve("m"));
        Path manifest = tmp.resolve("m/manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("  \"blocks\" : 2,\n", ""));
        assertThat(Files.readString(manifest)).doesNotContain("blocks");
        assertThatThrownBy(() -> ModelArtifact.read(tmp.resolve("m"))).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("tensor 'w_q' has shape [2, 8, 8]")
                .hasMessageContaining("require [1, 8, 8]");
    }

    @Test
    void lisaStacksItsProjectionsPerBlockWithAllHeadsInEach() throws IOException {
        ModelConfig c = RandomModels.config(Variant.LISA_BASE, 30, 8, 10, 0.1, 2, 4);
        ModelConfig two = new ModelConfig(c.version() + "-x2", c.variant(), 8, 16, 10, 0.1, 1e-5, 2, 4, 0, 0, 30, 2);
        var specs = TensorSpec.required(two);
        assertThat(specs.get(TensorSpec.W_Q).shape()).containsExactly(2, 2, 8, 8);
        assertThat(specs.get(TensorSpec.LN2_BETA).shape()).containsExactly(2, 8);
        assertThat(specs.get(TensorSpec.CODEBOOKS).shape()).containsExactly(2, 4, 8);
        assertThat(TensorSpec.required(c).get(TensorSpec.W_Q).shape()).containsExactly(2, 8, 8);
        ModelArtifact.write(RandomModels.build(two, 4), tmp.resolve("lisa"));
        assertThat(ModelArtifact.read(tmp.resolve("lisa")).config()).isEqualTo(two);
    }

    @Test
    void rejectsAnEmptyStack() {
        assertThatThrownBy(() -> new ModelConfig("v", Variant.SASREC, 8, 16, 10, 0.1, 1e-5, 0, 0, 0, 0, 30, 0))
                .hasMessageContaining("blocks must be a positive integer");
    }
}
