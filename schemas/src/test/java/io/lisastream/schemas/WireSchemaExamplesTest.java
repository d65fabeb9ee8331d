package io.lisastream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example under schemas/examples/&lt;schema&gt;/valid passes its schema; every one under invalid/
 * fails it, and fails at the place its file name says ({@code <location>--<what>.json}, where the
 * location is {@code root} or a dotted path such as {@code items.0.score}).
 */
class WireSchemaExamplesTest {
    private static final Path EXAMPLES = Path.of("examples");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<WireSchema, JsonSchema> SCHEMAS = new EnumMap<>(WireSchema.class);

    @BeforeAll
    static void loadSchemas() throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        for (WireSchema w : WireSchema.values()) {
            try (InputStream in = w.open()) {
                SCHEMAS.put(w, factory.getSchema(in));
            }
        }
    }

    static Stream<Arguments> validExamples() throws IOException {
        return examples("valid");
    }

    static Stream<Arguments> invalidExamples() throws IOException {
        return examples("invalid");
    }

    private static Stream<Arguments> examples(String kind) throws IOException {
        List<Arguments> all = new ArrayList<>();
        for (WireSchema w : WireSchema.values()) {
            Path dir = EXAMPLES.resolve(w.schemaName()).resolve(kind);
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.toString().endsWith(".json")).sorted()
                        .forEach(p -> all.add(Arguments.of(w, p.getFileName().toString())));
            }
        }
        return all.stream();
    }

    private static Set<ValidationMessage> validate(WireSchema w, String kind, String file) throws IOException {
        JsonNode doc = JSON.readTree(Files.readAllBytes(EXAMPLES.resolve(w.schemaName()).resolve(kind).resolve(file)));
        return SCHEMAS.get(w).validate(doc);
    }

    @ParameterizedTest(name = "{0} accepts {1}")
    @MethodSource("validExamples")
    void validExamplePasses(WireSchema w, String file) throws IOException {
        assertThat(validate(w, "valid", file)).as("errors for %s/%s", w.schemaName(), file).isEmpty();
    }

    @ParameterizedTest(name = "{0} rejects {1}")
    @MethodSource("invalidExamples")
    void invalidExampleFailsAtTheNamedPlace(WireSchema w, String file) throws IOException {
        Set<ValidationMessage> errors = validate(w, "invalid", file);
        assertThat(errors).as("%s/%s should be invalid", w.schemaName(), file).isNotEmpty();

        String location = file.substring(0, file.indexOf("--"));
        String expectedPath = location.equals("root") ? "$" : "$." + location.replaceAll("\\.(\\d+)", "[$1]");
        Set<String> paths = errors.stream().map(e -> e.getInstanceLocation().toString()).collect(Collectors.toSet());
        assertThat(paths).as("where %s/%s fails: %s", w.schemaName(), file, errors).contains(expectedPath);
    }

    @ParameterizedTest
    @EnumSource(WireSchema.class)
    void everySchemaHasValidAndInvalidExamples(WireSchema w) throws IOException {
        assertThat(examples("valid").filter(a -> a.get()[0] == w)).isNotEmpty();
        assertThat(examples("invalid").filter(a -> a.get()[0] == w)).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(WireSchema.class)
    void everySchemaIsValidDraft202012(WireSchema w) throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        JsonSchema meta = factory.getSchema(com.networknt.schema.SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        JsonNode schema;
        try (InputStream in = w.open()) {
            schema = JSON.readTree(in);
        }
        assertThat(meta.validate(schema)).isEmpty();
        assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }

    @Test
    void idLengthCountsCharactersNotUtf16Units() throws IOException {
        // 256 emoji are 512 UTF-16 units: still 256 characters, so valid
        String emoji = "\uD83D\uDE00".repeat(256);
        JsonNode doc = JSON.readTree("{\"userId\":\"" + emoji + "\",\"itemId\":\"1\",\"timestamp\":1}");
        assertThat(SCHEMAS.get(WireSchema.CLICK_EVENT).validate(doc)).isEmpty();
    }
}
