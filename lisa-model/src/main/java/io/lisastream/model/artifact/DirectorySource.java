package io.lisastream.model.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** An artifact in a local directory. Only plain file names directly inside it can be opened. */
public record DirectorySource(Path dir) implements ArtifactSource {

    @Override
    public InputStream open(String fileName) throws IOException {
        Path file = dir.resolve(fileName);
        if (fileName.isEmpty() || !dir.equals(file.getParent()) || fileName.startsWith(".")) {
            throw new IllegalArgumentException("'" + fileName + "' is not a plain file name inside " + dir);
        }
        return Files.newInputStream(file);
    }

    @Override
    public String describe() {
        return dir.toString();
    }
}
