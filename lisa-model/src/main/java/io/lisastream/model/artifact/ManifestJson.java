package io.lisastream.model.artifact;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lisastream.model.AttentionQuery;
import io.lisastream.model.ModelFormatException;
import io.lisastream.model.Tensor.DType;
import io.lisastream.model.Variant;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Strict JSON form of {@link Manifest}: duplicate keys, trailing content, unknown fields, fields of
 * the wrong JSON type and fields a variant does not use are all rejected with a message naming
 * the file and the field. The {@code format} field is checked first, so a manifest of a newer
 * format is reported as such rather than as a pile of unknown fields.
 */
final class ManifestJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final List<String> FIELDS = List.of("format", "version", "variant", "dim", "ffnDim", "maxLen",
            "decay", "layerNormEps", "codebooks", "codewords", "targetCodebooks", "targetCodewords", "numItems",
            "blocks", "query", "codebookDecays", "blockWindow", "codeSpace", "tensors", "training");
    private static final Set<String> ENTRY_FIELDS = Set.of("file", "dtype", "shape", "sha256");
    /** A plain file name inside the artifact directory: no separators, no leading dot. */
    private static final Pattern SAFE_NPY_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*\\.npy");

    private final String source;

    private ManifestJson(String source) {
        this.source = source;
    }

    static Manifest parse(byte[] json, String source) {
        return new ManifestJson(source).manifest(json);
    }

    private Manifest manifest(byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new ModelFormatException(source + ": not valid JSON: " + e.getOriginalMessage() + where, e);
        } catch (IOException e) {
            throw new ModelFormatException(source + ": could not be parsed: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw fail("not a JSON object");
        }
        JsonNode format = root.get("format");
        if (format == null) {
            throw fail("no 'format' field (expected \"" + Manifest.FORMAT + "\")");
        }
        if (!format.isTextual() || !format.asText().equals(Manifest.FORMAT)) {
            throw fail("unknown model format " + (format.isTextual() ? "'" + format.asText() + "'" : format.toString())
                    + " (this reader understands " + Manifest.FORMAT + ")");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw fail("unknown field '" + name + "' (" + Manifest.FORMAT + " defines " + FIELDS + ")");
            }
        }
        Variant variant;
        try {
            variant = Variant.fromWireName(text(root, "variant"));
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage());
        }
        boolean lisa = variant.isLisa();
        boolean mini = variant == Variant.LISA_MINI;
        Manifest m = new Manifest(Manifest.FORMAT, text(root, "version"), variant,
                integer(root, "dim"), integer(root, "ffnDim"), integer(root, "maxLen"),
                number(root, "decay"), number(root, "layerNormEps"),
                optionalInteger(root, "codebooks", lisa, variant), optionalInteger(root, "codewords", lisa, variant),
                optionalInteger(root, "targetCodebooks", mini, variant),
                optionalInteger(root, "targetCodewords", mini, variant),
                integer(root, "numItems"), blocks(root), query(root),
                codebookDecays(root), root.has("blockWindow") ? integer(root, "blockWindow") : 0,
                codeSpace(root, lisa, variant), tensors(root),
                training(root));
        try {
            m.config();
        } catch (ModelFormatException e) {
            throw fail(e.getMessage());
        }
        return m;
    }

    private String codeSpace(JsonNode root, boolean required, Variant variant) {
        if (!required) {
            forbid(root, "codeSpace", variant);
            return null;
        }
        String hex = text(root, "codeSpace");
        if (!Sha256.isHex(hex)) {
            throw fail("field 'codeSpace' must be 64 hex digits (a SHA-256), got '" + hex + "'");
        }
        return hex.toLowerCase();
    }

    private Map<String, TensorEntry> tensors(JsonNode root) {
        JsonNode table = require(root, "tensors");
        if (!table.isObject()) {
            throw fail("field 'tensors' must be an object of tensor name to {file, dtype, shape, sha256}");
        }
        Map<String, TensorEntry> out = new LinkedHashMap<>();
        Map<String, String> ownerOfFile = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            TensorEntry entry = entry(e.getKey(), e.getValue());
            String other = ownerOfFile.putIfAbsent(entry.file(), e.getKey());
            if (other != null) {
                throw fail("tensors '" + other + "' and '" + e.getKey() + "' share file '" + entry.file() + "'");
            }
            out.put(e.getKey(), entry);
        }
        return out;
    }

    private TensorEntry entry(String name, JsonNode node) {
        String where = "tensor '" + name + "'";
        if (!node.isObject()) {
            throw fail(where + " must be an object {file, dtype, shape, sha256}");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!ENTRY_FIELDS.contains(field)) {
                throw fail(where + " has unknown field '" + field + "' (expected file, dtype, shape, sha256)");
            }
        }
        String file = text(node, "file", where);
        if (!SAFE_NPY_NAME.matcher(file).matches()) {
            throw fail(where + " names file '" + file + "'; expected a plain file name ending in .npy, such as '"
                    + name + ".npy'");
        }
        DType dtype;
        try {
            dtype = DType.fromManifestName(text(node, "dtype", where));
        } catch (ModelFormatException e) {
            throw fail(where + ": " + e.getMessage());
        }
        JsonNode shapeNode = require(node, "shape", where);
        if (!shapeNode.isArray()) {
            throw fail(where + " field 'shape' must be an array of non-negative integers");
        }
        int[] shape = new int[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = ((ArrayNode) shapeNode).get(i);
            if (!d.isIntegralNumber() || !d.canConvertToInt() || d.intValue() < 0) {
                throw fail(where + " field 'shape' must be an array of non-negative integers, got " + shapeNode);
            }
            shape[i] = d.intValue();
        }
        String sha = text(node, "sha256", where);
        if (!Sha256.isHex(sha)) {
            throw fail(where + " field 'sha256' must be 64 hex digits, got '" + sha + "'");
        }
        return new TensorEntry(file, dtype, shape, sha.toLowerCase());
    }

    private Map<String, Object> training(JsonNode root) {
        JsonNode node = root.get("training");
        if (node == null) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw fail("field 'training' must be an object");
        }
        return MAPPER.convertValue(node, new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    private int optionalInteger(JsonNode root, String field, boolean used, Variant variant) {
        if (!used) {
            forbid(root, field, variant);
            return 0;
        }
        return integer(root, field);
    }

    /** {@code blocks}: absent means the contract's one block. */
    private int blocks(JsonNode root) {
        return root.has("blocks") ? integer(root, "blocks") : 1;
    }

    /** {@code query}: absent means the contract's query, the newest item's codes. */
    private AttentionQuery query(JsonNode root) {
        if (!root.has("query")) {
            return AttentionQuery.CODES;
        }
        try {
            return AttentionQuery.fromWireName(text(root, "query"));
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage());
        }
    }

    /** {@code codebookDecays}: absent means every codebook decays by {@code decay}. */
    private List<Double> codebookDecays(JsonNode root) {
        if (!root.has("codebookDecays")) {
            return List.of();
        }
        JsonNode a = root.get("codebookDecays");
        if (!a.isArray()) {
            throw fail("field 'codebookDecays' must be an array of numbers, got " + a);
        }
        List<Double> out = new java.util.ArrayList<>();
        for (JsonNode n : a) {
            if (!n.isNumber()) {
                throw fail("field 'codebookDecays' must be an array of numbers, got " + a);
            }
            out.add(n.doubleValue());
        }
        return out;
    }

    private void forbid(JsonNode root, String field, Variant variant) {
        if (root.has(field)) {
            throw fail("field '" + field + "' is not used by variant " + variant + "; remove it");
        }
    }

    private int integer(JsonNode root, String field) {
        JsonNode n = require(root, field);
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw fail("field '" + field + "' must be an integer, got " + n);
        }
        return n.intValue();
    }

    private double number(JsonNode root, String field) {
        JsonNode n = require(root, field);
        if (!n.isNumber()) {
            throw fail("field '" + field + "' must be a number, got " + n);
        }
        return n.doubleValue();
    }

    private String text(JsonNode root, String field) {
        return text(root, field, null);
    }

    private String text(JsonNode node, String field, String where) {
        JsonNode n = require(node, field, where);
        if (!n.isTextual()) {
            throw fail((where == null ? "" : where + " ") + "field '" + field + "' must be a string, got " + n);
        }
        return n.asText();
    }

    private JsonNode require(JsonNode node, String field) {
        return require(node, field, null);
    }

    private JsonNode require(JsonNode node, String field, String where) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            throw fail("missing field '" + field + "'" + (where == null ? "" : " in " + where));
        }
        return n;
    }

    private ModelFormatException fail(String problem) {
        return new ModelFormatException(source + ": " + problem);
    }

    static byte[] write(Manifest m) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", m.format());
        root.put("version", m.version());
        root.put("variant", m.variant().wireName());
        root.put("dim", m.dim());
        root.put("ffnDim", m.ffnDim());
        root.put("maxLen", m.maxLen());
        root.put("decay", m.decay());
        root.put("layerNormEps", m.layerNormEps());
        if (m.variant().isLisa()) {
            root.put("codebooks", m.codebooks());
            root.put("codewords", m.codewords());
        }
        if (m.variant() == Variant.LISA_MINI) {
            root.put("targetCodebooks", m.targetCodebooks());
            root.put("targetCodewords", m.targetCodewords());
        }
        root.put("numItems", m.numItems());
        if (m.blocks() != 1) {
            root.put("blocks", m.blocks());
        }
        if (m.query() != AttentionQuery.CODES) {
            root.put("query", m.query().wireName());
        }
        if (!m.codebookDecays().isEmpty()) {
            ArrayNode decays = root.putArray("codebookDecays");
            m.codebookDecays().forEach(decays::add);
        }
        if (m.blockWindow() != 0) {
            root.put("blockWindow", m.blockWindow());
        }
        if (m.codeSpace() != null) {
            root.put("codeSpace", m.codeSpace());
        }
        ObjectNode tensors = root.putObject("tensors");
        m.tensors().forEach((name, e) -> {
            ObjectNode t = tensors.putObject(name);
            t.put("file", e.file());
            t.put("dtype", e.dtype().manifestName());
            ArrayNode shape = t.putArray("shape");
            for (int d : e.shape()) {
                shape.add(d);
            }
            t.put("sha256", e.sha256());
        });
        root.set("training", MAPPER.valueToTree(m.training()));
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance);
        try {
            byte[] body = MAPPER.writer(printer).writeValueAsBytes(root);
            byte[] out = java.util.Arrays.copyOf(body, body.length + 1);
            out[body.length] = '\n';
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the training record cannot be written as JSON: " + e.getMessage(), e);
        }
    }
}
