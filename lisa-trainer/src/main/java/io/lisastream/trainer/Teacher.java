package io.lisastream.trainer;

import io.lisastream.model.LisaModel;
import io.lisastream.model.ModelConfig;
import io.lisastream.model.Variant;
import io.lisastream.model.artifact.ModelArtifact;
import io.lisastream.trainer.nn.ModelShape;
import io.lisastream.trainer.nn.SequenceNetwork;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A trained sasrec artifact rebuilt as a training network, for distillation (--teacher): its
 * tensors copied by {@link WarmStart}, run without dropout. The teacher must know every item of the
 * student's dataset. (A LISA artifact would need its codes, and lisa-mini's target codes, pinned
 * too; sasrec is the teacher the results use.)
 *
 * @param network the teacher as a network over the student's item indices
 * @param version the artifact's version (recorded in the student's manifest and resume fingerprint)
 */
record Teacher(SequenceNetwork network, String version) {

    static Teacher load(Path dir, List<String> itemIds) throws IOException {
        LisaModel model = ModelArtifact.read(dir);
        ModelConfig c = model.config();
        if (c.variant() != Variant.SASREC) {
            throw new IllegalArgumentException("--teacher " + dir + " is a " + c.variant().wireName()
                    + " model; the teacher must be a sasrec artifact");
        }
        ModelShape shape = new ModelShape(c.variant(), itemIds.size(), c.dim(), c.ffnDim(), c.maxLen(), c.decay(),
                c.codebooks(), c.codewords(), c.targetCodebooks(), c.targetCodewords(), 0.7, 0.0, c.layerNormEps(),
                c.blocks());
        SequenceNetwork net = new SequenceNetwork(shape, 0L);
        int known = WarmStart.apply(net, model, itemIds, false);
        if (known != itemIds.size()) {
            throw new IllegalArgumentException("--teacher " + dir + " knows " + known + " of the " + itemIds.size()
                    + " items of this dataset; distillation needs a teacher trained on the same catalogue");
        }
        return new Teacher(net, c.version());
    }
}
