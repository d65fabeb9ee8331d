package io.lisastream.model.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/**
 * Locates the project's shared datasets ({@code <project root>/../shared/data}) for tests that use
 * them when present. The root is the nearest ancestor of the working directory whose pom.xml lists
 * the lisa-model module. The system property {@code lisa.data.dir} overrides the location.
 */
public final class SharedData {
    private SharedData() {
    }

    /** The shared data directory, if it exists. */
    public static Optional<Path> dir() {
        String override = System.getProperty("lisa.data.dir");
        if (override != null && !override.isBlank()) {
            Path p = Paths.get(override);
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path pom = d.resolve("pom.xml");
            if (Files.isRegularFile(pom) && listsModelModule(pom)) {
                Path data = d.resolve("..").resolve("shared").resolve("data").normalize();
                return Files.isDirectory(data) ? Optional.of(data) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** A file under the shared data directory, if it exists, e.g. {@code file("ml-100k/u.data")}. */
    public static Optional<Path> file(String relative) {
        return dir().map(d -> d.resolve(relative)).filter(Files::isRegularFile);
    }

    private static boolean listsModelModule(Path pom) {
        try {
            return Files.readString(pom).contains("<module>lisa-model</module>");
        } catch (IOException e) {
            return false;
        }
    }
}
