package io.lisastream.operator;

import io.lisastream.model.LisaModel;
import io.lisastream.model.ModelConfig;
import io.lisastream.model.RandomModels;
import io.lisastream.model.Tensor;
import io.lisastream.model.TensorSpec;
import io.lisastream.model.Variant;
import io.lisastream.model.artifact.ModelArtifact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Random models written as real artifacts, and their announcements. */
final class TestArtifacts {
    private TestArtifacts() {
    }

    /** A random model: N items "item-0".., D, F = 2D, maxLen, decay 0.1, B x W codebooks (lisa-*). */
    static LisaModel model(Variant v, String version, long seed, int numItems, int dim, int maxLen, int b, int w) {
        return model(v, version, seed, numItems, dim, maxLen, b, w, 1);
    }

    /** The same with {@code blocks} stacked attention blocks. */
    static LisaModel model(Variant v, String version, long seed, int numItems, int dim, int maxLen, int b, int w,
            int blocks) {
        ModelConfig c = RandomModels.config(v, numItems, dim, maxLen, 0.1, b, w);
        ModelConfig named = new ModelConfig(version, c.variant(), c.dim(), c.ffnDim(), c.maxLen(), c.decay(),
                c.layerNormEps(), c.codebooks(), c.codewords(), c.targetCodebooks(), c.targetCodewords(),
                c.numItems(), blocks);
        return RandomModels.build(named, seed);
    }

    /** A small lisa-base model with two blocks, the second a window block over the last {@code window} outputs. */
    static LisaModel windowBlocks(String version, long seed, int maxLen, int window) {
        ModelConfig c = RandomModels.config(Variant.LISA_BASE, 40, 8, maxLen, 0.1, 2, 4);
        ModelConfig named = new ModelConfig(version, c.variant(), c.dim(), c.ffnDim(), c.maxLen(), c.decay(),
                c.layerNormEps(), c.codebooks(), c.codewords(), 0, 0, c.numItems(), 2,
                io.lisastream.model.AttentionQuery.CODES, java.util.List.of(), window);
        return RandomModels.build(named, seed);
    }

    /** A small model of each variant: 40 items, D = 8, maxLen 12, 2 x 4 codebooks. */
    static LisaModel small(Variant v, String version, long seed) {
        return model(v, version, seed, 40, 8, 12, 2, 4);
    }

    /**
     * {@code target}'s weights with {@code donor}'s codes (and soft assignments): the same code
     * space under another version.
     */
    static LisaModel withCodeSpaceOf(LisaModel donor, LisaModel target) {
        Map<String, Tensor> tensors = new LinkedHashMap<>(target.tensors());
        tensors.put(TensorSpec.CODES, donor.tensor(TensorSpec.CODES));
        if (donor.tensors().containsKey(TensorSpec.SOFT_ASSIGN)) {
            tensors.put(TensorSpec.SOFT_ASSIGN, donor.tensor(TensorSpec.SOFT_ASSIGN));
        }
        return new LisaModel(target.config(), target.itemIds(), tensors, target.training(), null);
    }

    /** Writes {@code model} to {@code root/dirName} and returns its announcement (file:// URI, manifest sha256). */
    static ModelAnnouncement publish(LisaModel model, Path root, String dirName) {
        try {
            Path dir = root.resolve(dirName);
            ModelArtifact.write(model, dir);
            return new ModelAnnouncement(model.config().version(), dir.toUri().toString(),
                    ModelArtifact.manifestSha256(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The model as the operator reads it back (codeSpace set). */
    static LisaModel readBack(ModelAnnouncement a) {
        try {
            return ModelArtifact.read(Path.of(java.net.URI.create(a.uri)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
