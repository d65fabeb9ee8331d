package io.lisastream.operator;

import io.lisastream.model.artifact.ArtifactSource;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * A model artifact directory read through Flink's {@link FileSystem} (file:// and whatever file
 * systems the cluster has plugins for). Only plain file names directly inside the directory can be
 * opened: a name with a separator or starting with a dot is refused.
 */
final class FlinkArtifactSource implements ArtifactSource {
    private final Path dir;

    FlinkArtifactSource(java.net.URI dir) {
        this.dir = new Path(dir);
    }

    @Override
    public InputStream open(String fileName) throws IOException {
        if (fileName == null || fileName.isEmpty() || fileName.startsWith(".") || fileName.indexOf('/') >= 0
                || fileName.indexOf('\\') >= 0 || fileName.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("'" + fileName + "' is not a plain file name inside " + dir);
        }
        Path file = new Path(dir, fileName);
        FileSystem fs = file.getFileSystem();
        if (!fs.exists(file)) {
            throw new FileNotFoundException(file + " does not exist");
        }
        return fs.open(file);
    }

    @Override
    public String describe() {
        return dir.toString();
    }
}
