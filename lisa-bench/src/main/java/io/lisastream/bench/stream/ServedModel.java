package io.lisastream.bench.stream;

import io.lisastream.bench.BenchModels;
import io.lisastream.model.LisaModel;
import io.lisastream.model.ModelConfig;
import io.lisastream.model.Variant;
import io.lisastream.model.artifact.ModelArtifact;
import io.lisastream.operator.ModelAnnouncement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A random model of ML-1M's size written as a real artifact, its announcement, and the ring size the
 * operator serves it with: LISA-Base (8 x 128, maxLen 200) with the default ring of 200 ids, or
 * sasrec with maxLen = L and a ring of L ids (its attention window is the whole history).
 */
record ServedModel(String variant, Path dir, ModelAnnouncement announcement, int ringSize) {
    static ServedModel write(Path root, Variant variant, int items, int history, long seed) throws IOException {
        boolean lisa = variant.isLisa();
        int maxLen = lisa ? 200 : history;
        ModelConfig base = BenchModels.config(variant, items, maxLen);
        String version = "bench-" + variant.wireName() + (lisa ? "" : "-" + history);
        ModelConfig c = new ModelConfig(version, base.variant(), base.dim(), base.ffnDim(), base.maxLen(), base.decay(),
                base.layerNormEps(), base.codebooks(), base.codewords(), base.targetCodebooks(),
                base.targetCodewords(), base.numItems());
        LisaModel model = BenchModels.build(c, seed);
        Path dir = root.resolve(version);
        ModelArtifact.write(model, dir);
        ModelAnnouncement a = new ModelAnnouncement(version, dir.toUri().toString(), ModelArtifact.manifestSha256(dir));
        return new ServedModel(variant.wireName(), dir, a, lisa ? 200 : history);
    }

    /** The announcement as the control topic carries it (contracts/wire.md). */
    byte[] announcementJson() {
        return ("{\"version\":\"" + announcement.version + "\",\"uri\":\"" + announcement.uri + "\",\"sha256\":\""
                + announcement.sha256 + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
