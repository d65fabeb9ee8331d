package io.lisastream.model.artifact;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Damages a written artifact the way a user or a broken tool might, keeping everything else
 * consistent (checksums and codeSpace updated) so that the one damage is what a reader must find.
 */
final class Tamper {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    Tamper(Path dir) {
        this.dir = dir;
    }

    /** Replaces a tensor file and records its new sha256 (and the codeSpace) in the manifest. */
    Tamper replaceFile(String file, byte[] bytes) throws IOException {
        Files.write(dir.resolve(file), bytes);
        return updateChecksums();
    }

    /** Edits manifest.json as a JSON tree. */
    Tamper editManifest(Consumer<ObjectNode> edit) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(dir.resolve("manifest.json").toFile());
        edit.accept(root);
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("manifest.json").toFile(), root);
        return this;
    }

    ObjectNode tensorEntry(ObjectNode root, String tensor) {
        return (ObjectNode) root.get("tensors").get(tensor);
    }

    /** Recomputes every listed file's sha256 and the codeSpace from the files on disk. */
    Tamper updateChecksums() throws IOException {
        return editManifest(root -> {
            try {
                ByteArrayOutputStream space = new ByteArrayOutputStream();
                for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it =
                        root.get("tensors").fields(); it.hasNext(); ) {
                    Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e = it.next();
                    Path file = dir.resolve(e.getValue().get("file").asText());
                    if (Files.exists(file)) {
                        ((ObjectNode) e.getValue()).put("sha256", Sha256.hex(file));
                    }
                }
                for (String name : new String[] {"codes", "soft_assign"}) {
                    if (root.get("tensors").has(name)) {
                        space.writeBytes(Files.readAllBytes(dir.resolve(name + ".npy")));
                    }
                }
                if (root.has("codeSpace")) {
                    root.put("codeSpace", Sha256.hex(space.toByteArray()));
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
