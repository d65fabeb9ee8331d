package io.lisastream.pipeline;

import io.lisastream.model.LisaModel;
import io.lisastream.model.ModelConfig;
import io.lisastream.model.RandomModels;
import io.lisastream.model.Variant;
import io.lisastream.model.artifact.ModelArtifact;
import io.lisastream.model.inference.InferenceModel;
import io.lisastream.operator.ModelAnnouncement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A random model written as a real artifact (lisa-model's writer) and compiled by the model core,
 * the reference the pipeline's scores are checked against. Items are "item-0" .. "item-(N-1)".
 */
record ModelFixture(String version, Path dir, String manifestSha256, InferenceModel model) {

    static ModelFixture write(Path root, String version, Variant variant, int numItems, long seed) {
        ModelConfig random = RandomModels.config(variant, numItems, 16, 40, 0.2, 3, 8);
        ModelConfig c = new ModelConfig(version, random.variant(), random.dim(), random.ffnDim(), random.maxLen(), random.decay(),
                random.layerNormEps(), random.codebooks(), random.codewords(), random.targetCodebooks(),
                random.targetCodewords(), random.numItems());
        LisaModel model = RandomModels.build(c, seed);
        Path dir = root.resolve(version);
        try {
            ModelArtifact.write(model, dir);
            return new ModelFixture(version, dir, ModelArtifact.manifestSha256(dir), InferenceModel.compile(ModelArtifact.read(dir)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ModelAnnouncement announcement() {
        return new ModelAnnouncement(version, dir.toUri().toString(), manifestSha256);
    }

    /** The announcement as it travels on the control topic. */
    byte[] announcementJson() {
        return WireJson.modelAnnouncement(announcement());
    }
}
