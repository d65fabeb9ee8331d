package io.lisastream.model.artifact;

import io.lisastream.model.LisaModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The {@code lisa-model/1} artifact (contracts/model-artifact.md): a directory with manifest.json,
 * items.txt and one .npy per tensor. Reading verifies everything the contract promises and throws
 * {@link io.lisastream.model.ModelFormatException} naming the artifact, file and problem;
 * {@link IOException} is left for the storage itself failing.
 */
public final class ModelArtifact {

    private ModelArtifact() {
    }

    /** Reads and verifies the artifact in a local directory. */
    public static LisaModel read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no such directory (a model artifact is a directory)");
        }
        return read(ArtifactSource.directory(dir), null);
    }

    /** Reads and verifies an artifact from any source. */
    public static LisaModel read(ArtifactSource source) throws IOException {
        return read(source, null);
    }

    /**
     * Reads and verifies an artifact whose manifest.json must have a known digest (as announced to
     * the online operator), so a model that changed after it was announced is refused.
     *
     * @param expectedManifestSha256 hex sha256 of manifest.json, or null to skip this check
     */
    public static LisaModel read(ArtifactSource source, String expectedManifestSha256) throws IOException {
        return new ArtifactReader(source).read(expectedManifestSha256);
    }

    /** Parses only manifest.json (no tensor is read or verified), e.g. to show what a model is. */
    public static Manifest readManifest(ArtifactSource source) throws IOException {
        return new ArtifactReader(source).readManifest();
    }

    /**
     * Writes {@code model} into {@code dir} atomically; refuses a non-empty {@code dir}.
     *
     * @return the manifest written, with every file's sha256 and the codeSpace of the bytes written
     */
    public static Manifest write(LisaModel model, Path dir) throws IOException {
        return ArtifactWriter.write(model, dir, false);
    }

    /**
     * Writes {@code model} into {@code dir} atomically.
     *
     * @param replaceExisting allow replacing an existing artifact (a directory holding manifest.json);
     *                        any other non-empty directory is always refused
     */
    public static Manifest write(LisaModel model, Path dir, boolean replaceExisting) throws IOException {
        return ArtifactWriter.write(model, dir, replaceExisting);
    }

    /** Hex sha256 of an artifact's manifest.json: the digest to announce with the model. */
    public static String manifestSha256(Path dir) throws IOException {
        return Sha256.hex(dir.resolve(Manifest.FILE_NAME));
    }
}
