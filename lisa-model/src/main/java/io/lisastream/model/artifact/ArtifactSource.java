package io.lisastream.model.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where an artifact's files come from: a local directory, or any file system (the Flink operator
 * implements this over Flink's FileSystem). The reader opens each file once and closes it.
 */
public interface ArtifactSource {

    /**
     * Opens one file of the artifact by its plain name (e.g. {@code codes.npy}).
     *
     * @throws java.io.FileNotFoundException or {@link java.nio.file.NoSuchFileException} when absent
     */
    InputStream open(String fileName) throws IOException;

    /** Where the artifact lives, for messages, e.g. a directory path or URI. */
    String describe();

    /** The artifact in a local directory. */
    static ArtifactSource directory(Path dir) {
        return new DirectorySource(dir);
    }
}
