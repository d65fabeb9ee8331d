package io.lisastream.model.artifact;

import io.lisastream.model.LisaModel;
import io.lisastream.model.ModelConfig;
import io.lisastream.model.ModelFormatException;
import io.lisastream.model.Tensor;
import io.lisastream.model.TensorSpec;
import io.lisastream.model.Variant;
import java.io.BufferedInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and verifies a {@code lisa-model/1} artifact: manifest (format, fields, optional expected
 * digest), the tensor table against the variant's {@link TensorSpec}s, each file's sha256, dtype
 * and shape, the codeSpace, items.txt, and finally {@link LisaModel}'s own checks (finite
 * parameters, codes in range). Every failure names the artifact, the file and the problem.
 */
final class ArtifactReader {

    /** Largest manifest.json accepted. */
    static final int MAX_MANIFEST_BYTES = 16 << 20;

    private final ArtifactSource source;

    ArtifactReader(ArtifactSource source) {
        this.source = source;
    }

    /** Only manifest.json, parsed and checked on its own. */
    Manifest readManifest() throws IOException {
        return Manifest.parse(manifestBytes(), where(Manifest.FILE_NAME));
    }

    private byte[] manifestBytes() throws IOException {
        byte[] bytes;
        try (InputStream in = open(Manifest.FILE_NAME, "the manifest; is this a lisa-model/1 artifact?")) {
            bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
        }
        if (bytes.length > MAX_MANIFEST_BYTES) {
            throw fail(Manifest.FILE_NAME + " is larger than " + MAX_MANIFEST_BYTES + " bytes");
        }
        return bytes;
    }

    LisaModel read(String expectedManifestSha256) throws IOException {
        byte[] manifestBytes = manifestBytes();
        String manifestSha = Sha256.hex(manifestBytes);
        if (expectedManifestSha256 != null && !expectedManifestSha256.equalsIgnoreCase(manifestSha)) {
            throw fail(Manifest.FILE_NAME + " has sha256 " + manifestSha + " but " + expectedManifestSha256
                    + " was expected (the artifact is not the announced one, or it changed)");
        }
        Manifest manifest = Manifest.parse(manifestBytes, where(Manifest.FILE_NAME));
        ModelConfig config = manifest.config();
        Map<String, TensorSpec> specs = TensorSpec.required(config);
        checkTable(manifest, specs);

        MessageDigest codeSpace = Sha256.newDigest();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (String name : readingOrder(specs)) {
            boolean inCodeSpace = name.equals(TensorSpec.CODES) || name.equals(TensorSpec.SOFT_ASSIGN);
            tensors.put(name, readTensor(name, manifest.tensors().get(name), inCodeSpace ? codeSpace : null));
        }
        if (config.variant().isLisa()) {
            String actual = Sha256.hex(codeSpace);
            if (!actual.equals(manifest.codeSpace())) {
                throw fail(Manifest.FILE_NAME + " says codeSpace " + manifest.codeSpace() + " but the bytes of "
                        + (config.variant() == Variant.LISA_SOFT ? "codes.npy and soft_assign.npy" : "codes.npy")
                        + " hash to " + actual);
            }
        }
        List<String> items;
        try (InputStream in = open(Manifest.ITEMS_FILE, "the catalogue of item ids")) {
            items = ItemsFile.read(new BufferedInputStream(in), where(Manifest.ITEMS_FILE), config.numItems());
        }
        try {
            return new LisaModel(config, items, tensors, manifest.training(), manifest.codeSpace());
        } catch (ModelFormatException e) {
            throw fail(e.getMessage(), e);
        }
    }

    /** Codes before soft_assign (the codeSpace digests them in that order), then the rest. */
    private static List<String> readingOrder(Map<String, TensorSpec> specs) {
        List<String> order = new ArrayList<>();
        for (String first : List.of(TensorSpec.CODES, TensorSpec.SOFT_ASSIGN)) {
            if (specs.containsKey(first)) {
                order.add(first);
            }
        }
        for (String name : specs.keySet()) {
            if (!order.contains(name)) {
                order.add(name);
            }
        }
        return order;
    }

    /** The manifest's table must list exactly the variant's tensors with their dtypes and shapes. */
    private void checkTable(Manifest m, Map<String, TensorSpec> specs) {
        String manifest = where(Manifest.FILE_NAME);
        for (TensorSpec spec : specs.values()) {
            TensorEntry e = m.tensors().get(spec.name());
            if (e == null) {
                throw new ModelFormatException(manifest + ": missing tensor '" + spec.name() + "', required by variant "
                        + m.variant());
            }
            if (e.dtype() != spec.dtype()) {
                throw new ModelFormatException(manifest + ": tensor '" + spec.name() + "' has dtype "
                        + e.dtype().manifestName() + " but variant " + m.variant() + " requires "
                        + spec.dtype().manifestName());
            }
            if (!Arrays.equals(e.shape(), spec.shape())) {
                throw new ModelFormatException(manifest + ": tensor '" + spec.name() + "' has shape "
                        + Arrays.toString(e.shape()) + " but the model's numbers (" + numbers(m) + ") require "
                        + Arrays.toString(spec.shape()));
            }
        }
        for (String name : m.tensors().keySet()) {
            if (!specs.containsKey(name)) {
                throw new ModelFormatException(manifest + ": unexpected tensor '" + name + "', which variant "
                        + m.variant() + " does not use");
            }
        }
    }

    private Tensor readTensor(String name, TensorEntry entry, MessageDigest codeSpace) throws IOException {
        MessageDigest fileDigest = Sha256.newDigest();
        Tensor t;
        try (InputStream raw = open(entry.file(), "tensor '" + name + "'")) {
            InputStream in = new DigestInputStream(new BufferedInputStream(raw, 1 << 16), fileDigest);
            if (codeSpace != null) {
                in = new DigestInputStream(in, codeSpace);
            }
            t = Npy.read(in, where(entry.file()), maxFileBytes(entry.shape()));
        }
        String sha = Sha256.hex(fileDigest);
        if (!sha.equals(entry.sha256())) {
            throw new ModelFormatException(where(entry.file()) + ": sha256 mismatch: the file hashes to " + sha
                    + " but manifest.json says " + entry.sha256() + " (corrupted or replaced)");
        }
        if (t.dtype() != entry.dtype()) {
            throw new ModelFormatException(where(entry.file()) + " holds " + t.dtype().manifestName()
                    + " ('" + t.dtype().npyDescr() + "') but manifest.json says tensor '" + name + "' is "
                    + entry.dtype().manifestName());
        }
        if (!Arrays.equals(t.shape(), entry.shape())) {
            throw new ModelFormatException(where(entry.file()) + " has shape " + Arrays.toString(t.shape())
                    + " but manifest.json says tensor '" + name + "' has shape " + Arrays.toString(entry.shape()));
        }
        return t;
    }

    /** Header allowance plus 4 bytes per element, saturating instead of overflowing. */
    private static long maxFileBytes(int[] shape) {
        try {
            return Math.addExact(Npy.MAX_HEADER_BYTES + 12L, Math.multiplyExact(Tensor.elementCount(shape), 4L));
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private InputStream open(String file, String role) throws IOException {
        try {
            return source.open(file);
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw fail("missing file " + file + " (" + role + ")", e);
        }
    }

    private static String numbers(Manifest m) {
        String s = "numItems " + m.numItems() + ", dim " + m.dim() + ", ffnDim " + m.ffnDim()
                + ", maxLen " + m.maxLen();
        if (m.variant().isLisa()) {
            s += ", codebooks " + m.codebooks() + ", codewords " + m.codewords();
        }
        if (m.variant() == Variant.LISA_MINI) {
            s += ", targetCodebooks " + m.targetCodebooks() + ", targetCodewords " + m.targetCodewords();
        }
        if (m.blocks() != 1) {
            s += ", blocks " + m.blocks();
        }
        if (m.query() != io.lisastream.model.AttentionQuery.CODES) {
            s += ", query " + m.query();
        }
        if (!m.codebookDecays().isEmpty()) {
            s += ", codebookDecays " + m.codebookDecays();
        }
        if (m.blockWindow() != 0) {
            s += ", blockWindow " + m.blockWindow();
        }
        return s;
    }

    private String where(String file) {
        return source.describe() + "/" + file;
    }

    private ModelFormatException fail(String problem) {
        return new ModelFormatException("model artifact " + source.describe() + ": " + problem);
    }

    private ModelFormatException fail(String problem, Throwable cause) {
        return new ModelFormatException("model artifact " + source.describe() + ": " + problem, cause);
    }
}
