package io.lisastream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parser and the click-event schema agree on the schema module's examples: every example the
 * schema refuses, the parser refuses; every example it accepts, the parser accepts (with a wall clock
 * late enough for the far-future example; the day-ahead rule is the parser's alone).
 */
class ClickParserSchemaAgreementTest {
    private static final Path EXAMPLES = Path.of("..", "schemas", "examples", "click-event");
    private static final ClickParser PARSER = new ClickParser();

    static Stream<Path> valid() throws IOException {
        return list("valid");
    }

    static Stream<Path> invalid() throws IOException {
        return list("invalid");
    }

    private static Stream<Path> list(String kind) throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES.resolve(kind))) {
            List<Path> all = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertThat(all).isNotEmpty();
            return all.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void acceptsWhatTheSchemaAccepts(Path file) throws IOException {
        ClickParseResult r = PARSER.parse(Files.readAllBytes(file), "clicks", 0, 0, Long.MAX_VALUE);
        assertThat(r.reason()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void refusesWhatTheSchemaRefuses(Path file) throws IOException {
        ClickParseResult r = PARSER.parse(Files.readAllBytes(file), "clicks", 0, 0, Long.MAX_VALUE);
        assertThat(r.isAccepted()).isFalse();
        String where = file.getFileName().toString().split("--")[0];
        if (!where.equals("root")) {
            assertThat(r.reason()).startsWith(where);
        }
    }
}
