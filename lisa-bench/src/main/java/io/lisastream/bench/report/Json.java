package io.lisastream.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a benchmark's {"results":[...]} (plus a "machine" object) as pretty JSON. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    public static String toJson(List<?> results) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("results", results);
        root.put("machine", Machine.describe());
        return MAPPER.writeValueAsString(root);
    }

    public static void write(Path out, List<?> results) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, toJson(results) + System.lineSeparator());
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
