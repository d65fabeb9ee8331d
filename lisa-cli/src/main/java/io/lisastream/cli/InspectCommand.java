package io.lisastream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lisastream.model.LisaModel;
import io.lisastream.model.ModelConfig;
import io.lisastream.model.Tensor;
import io.lisastream.model.Variant;
import io.lisastream.model.artifact.ModelArtifact;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lisa inspect}: validates every tensor of an artifact and describes the model in words. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Validate a model artifact (checksums, dtypes, shapes, finite values, codes) and describe it.")
final class InspectCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model artifact directory.")
    Path model;

    @Option(names = "--json", description = "Print the description as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        LisaModel m = ModelArtifact.read(model);
        ModelConfig c = m.config();
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("valid", true);
            out.put("version", c.version());
            out.put("variant", c.variant().wireName());
            out.put("numItems", c.numItems());
            out.put("dim", c.dim());
            out.put("ffnDim", c.ffnDim());
            out.put("maxLen", c.maxLen());
            out.put("decay", c.decay());
            if (!c.codebookDecays().isEmpty()) {
                out.put("codebookDecays", c.codebookDecays());
            }
            if (c.blocks() != 1) {
                out.put("blocks", c.blocks());
            }
            if (c.query() != io.lisastream.model.AttentionQuery.CODES) {
                out.put("query", c.query().wireName());
            }
            if (c.hasWindowBlocks()) {
                out.put("blockWindow", c.blockWindow());
            }
            if (c.variant().isLisa()) {
                out.put("codebooks", c.codebooks());
                out.put("codewords", c.codewords());
                out.put("codeSpace", m.codeSpace());
            }
            if (c.variant() == Variant.LISA_MINI) {
                out.put("targetCodebooks", c.targetCodebooks());
                out.put("targetCodewords", c.targetCodewords());
            }
            Map<String, Object> tensors = new LinkedHashMap<>();
            m.tensors().forEach((name, t) -> tensors.put(name, Map.of("dtype", t.dtype().manifestName(),
                    "shape", t.shape())));
            out.put("tensors", tensors);
            out.put("parameters", parameterCount(m));
            out.put("training", m.training());
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
            return 0;
        }
        System.out.println(describe(m));
        System.out.println();
        System.out.printf("%-18s %-8s %s%n", "tensor", "dtype", "shape");
        for (Map.Entry<String, Tensor> e : m.tensors().entrySet()) {
            System.out.printf("%-18s %-8s %s%n", e.getKey(), e.getValue().dtype().manifestName(),
                    Arrays.toString(e.getValue().shape()));
        }
        System.out.println();
        System.out.println("valid: every tensor's checksum, dtype, shape and values check out ("
                + parameterCount(m) + " numbers).");
        if (!m.training().isEmpty()) {
            System.out.println("training: " + new ObjectMapper().writeValueAsString(m.training()));
        }
        return 0;
    }

    static String describe(LisaModel m) {
        ModelConfig c = m.config();
        StringBuilder s = new StringBuilder();
        s.append("Model ").append(c.version()).append(": ").append(c.variant().wireName()).append(" over ")
                .append(c.numItems()).append(" items, D = ").append(c.dim()).append(", FFN width ").append(c.ffnDim())
                .append(", ").append(c.maxLen()).append(" positions.\n");
        switch (c.variant()) {
            case LISA_BASE -> s.append("Sequence and targets share one residual quantizer of ").append(c.codebooks())
                    .append(" codebooks x ").append(c.codewords()).append(" codewords (hard codes); a user is a ")
                    .append(c.codebooks()).append(" x ").append(c.codewords()).append(" codeword histogram.");
            case LISA_MINI -> s.append("Sequence quantizer of ").append(c.codebooks()).append(" x ").append(c.codewords())
                    .append(" codewords (hard codes); targets scored with a separate ").append(c.targetCodebooks())
                    .append(" x ").append(c.targetCodewords()).append(" quantizer.");
            case LISA_SOFT -> s.append("Soft codeword assignment over ").append(c.codebooks()).append(" x ")
                    .append(c.codewords()).append(" codewords; targets scored with the raw item embeddings.");
            case SASREC -> s.append("Vanilla causal softmax attention over the last ").append(c.maxLen())
                    .append(" items (the baseline)").append(c.blocks() == 1 ? "" : ", " + c.blocks() + " blocks")
                    .append("; cost grows with the history.");
        }
        if (c.hasWindowBlocks()) {
            s.append(" ").append(c.blocks()).append(" blocks: ")
                    .append(c.blocks() == 2 ? "block 2 attends" : "blocks 2 to " + c.blocks() + " attend")
                    .append(" exactly over the previous block's outputs at the last ").append(c.blockWindow())
                    .append(" positions (served from the recent items).");
        } else if (c.variant().isLisa() && c.blocks() > 1) {
            s.append(" ").append(c.blocks()).append(" blocks: ")
                    .append(c.blocks() == 2 ? "block 2 queries" : "blocks 2 to " + c.blocks() + " query")
                    .append(" the same histogram with the previous block's output.");
        }
        if (c.variant().isLisa()) {
            if (c.codebookDecays().isEmpty()) {
                s.append("\nHistogram decay lambda = ").append(c.decay()).append(" (r = ")
                        .append(String.format("%.4f", c.decayFactor())).append(" per event).");
            } else {
                s.append("\nHistogram decay lambda per codebook (learned):");
                for (double l : c.codebookDecays()) {
                    s.append(String.format(" %.4f", l));
                }
                s.append(".");
            }
            if (c.query() == io.lisastream.model.AttentionQuery.INPUT) {
                s.append(" The first block's heads are queried by its input (item + position).");
            }
            s.append(" codeSpace ").append(m.codeSpace());
        }
        return s.toString();
    }

    private static long parameterCount(LisaModel m) {
        long n = 0;
        for (Tensor t : m.tensors().values()) {
            n += Tensor.elementCount(t.shape());
        }
        return n;
    }
}
