package io.lisastream.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lisastream.operator.ClickEvent;
import io.lisastream.operator.ModelAnnouncement;
import io.lisastream.operator.Recommendation;
import io.lisastream.schemas.WireSchema;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What WireJson writes is valid by the wire schemas and reads back; announcements are read strictly. */
class WireJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static Recommendation rec(String[] items, float[] scores) {
        return new Recommendation("42", 978300760000L, "v3", 12, items, scores, 1_764_000_000_123L);
    }

    @Test
    void recommendationIsTheContractsShapeWithItemsByDescendingScore() throws IOException {
        Recommendation r = rec(new String[] {"260", "2858", "1196", "caf\u00e9"}, new float[] {3.5f, 4.25f, -0.75f, 1e-7f});
        byte[] json = WireJson.recommendation(r);

        assertThat(Schemas.errors(WireSchema.RECOMMENDATION, json)).isEmpty();
        JsonNode n = JSON.readTree(json);
        assertThat(n.get("userId").textValue()).isEqualTo("42");
        assertThat(n.get("timestamp").longValue()).isEqualTo(978300760000L);
        assertThat(n.get("modelVersion").textValue()).isEqualTo("v3");
        assertThat(n.get("historyLength").longValue()).isEqualTo(12);
        assertThat(n.get("ingestMillis").longValue()).isEqualTo(1_764_000_000_123L);
        assertThat(n.get("items").findValuesAsText("itemId")).containsExactly("2858", "260", "caf\u00e9", "1196");
        assertThat(n.get("items").get(0).get("score").floatValue()).isEqualTo(4.25f);
    }

    @Test
    void recommendationReadsBackExactly() {
        Recommendation r = rec(new String[] {"a", "b", "c"}, new float[] {1f / 3, 0.1f, -123456.79f});
        Recommendation back = WireJson.parseRecommendation(WireJson.recommendation(r)).value();
        assertThat(back).isEqualTo(r); // already sorted: the exact floats survive the text form
    }

    @Test
    void equalScoresKeepTheOperatorsOrder() {
        Recommendation r = rec(new String[] {"x", "y", "z", "w"}, new float[] {1f, 2f, 1f, 1f});
        assertThat(WireJson.parseRecommendation(WireJson.recommendation(r)).value().itemIds)
                .containsExactly("y", "x", "z", "w");
    }

    @Test
    void anEmptyRecommendationIsValid() {
        byte[] json = WireJson.recommendation(rec(new String[0], new float[0]));
        assertThat(Schemas.errors(WireSchema.RECOMMENDATION, json)).isEmpty();
    }

    @Test
    void aBrokenRecommendationIsABugAndSaysSo() {
        assertThatThrownBy(() -> WireJson.recommendation(rec(new String[] {"a"}, new float[] {Float.NaN})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("item a has score NaN");
        assertThatThrownBy(() -> WireJson.recommendation(rec(new String[] {"a"}, new float[] {1, 2})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 itemIds but 2 scores");
        assertThatThrownBy(() -> WireJson.recommendation(rec(new String[] {null}, new float[] {1})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("item 0 has no itemId");
    }

    @Test
    void clickIsValidAndParsesBackToTheSameClick() {
        ClickEvent c = new ClickEvent("u-\u00e9", "1193", 978300760000L, 0);
        byte[] json = WireJson.click(c);
        assertThat(Schemas.errors(WireSchema.CLICK_EVENT, json)).isEmpty();
        assertThat(new ClickParser().parse(json, "t", 0, 0, 1_764_000_000_000L).click())
                .isEqualTo(new ClickEvent("u-\u00e9", "1193", 978300760000L, 1_764_000_000_000L));
    }

    @Test
    void modelAnnouncementIsValidAndParsesBack() {
        ModelAnnouncement a = new ModelAnnouncement("v3", "file:///models/v3", SHA);
        byte[] json = WireJson.modelAnnouncement(a);
        assertThat(Schemas.errors(WireSchema.MODEL_ANNOUNCEMENT, json)).isEmpty();
        assertThat(WireJson.parseModelAnnouncement(json).value()).isEqualTo(a);
    }

    @Test
    void announcementShaIsLowerCasedAndExtraFieldsIgnored() {
        String json = "{\"version\": \"v4\", \"uri\": \"s3://bucket/models/v4\", \"sha256\": \"" + SHA.toUpperCase()
                + "\", \"trainedOn\": \"ml-1m\"}";
        assertThat(WireJson.parseModelAnnouncement(json.getBytes(UTF_8)).value())
                .isEqualTo(new ModelAnnouncement("v4", "s3://bucket/models/v4", SHA));
    }

    static Stream<Arguments> badAnnouncements() {
        String ok = "{\"version\": \"v3\", \"uri\": \"file:///models/v3\", \"sha256\": \"" + SHA + "\"}";
        return Stream.of(
                Arguments.of("not JSON", "model v3 at /models/v3", "not valid JSON"),
                Arguments.of("empty", "", "empty"),
                Arguments.of("an array", "[" + ok + "]", "expected a JSON object, found an array"),
                Arguments.of("missing version", "{\"uri\": \"file:///m\", \"sha256\": \"" + SHA + "\"}", "version is missing"),
                Arguments.of("empty version", ok.replace("\"v3\"", "\"\""), "version is an empty string"),
                Arguments.of("numeric version", ok.replace("\"v3\"", "3"), "version is an integer (3); expected a string"),
                Arguments.of("version with a newline", ok.replace("\"v3\"", "\"v3\\n\""), "version contains the control character U+000A"),
                Arguments.of("relative uri", ok.replace("file:///models/v3", "/models/v3"), "uri \"/models/v3\" has no scheme"),
                Arguments.of("malformed uri", ok.replace("file:///models/v3", "file:///models/v 3"), "uri is not a valid URI"),
                Arguments.of("short sha256", ok.replace(SHA, SHA.substring(1)), "is not 64 hexadecimal digits"),
                Arguments.of("non-hex sha256", ok.replace(SHA, "z" + SHA.substring(1)), "is not 64 hexadecimal digits"),
                Arguments.of("long sha256", ok.replace(SHA, SHA + "0"), "sha256 is 65 characters long"),
                Arguments.of("duplicate version", ok.replace("{", "{\"version\": \"v1\", "), "Duplicate field 'version'"),
                Arguments.of("trailing data", ok + " {}", "trailing data after the JSON object"),
                Arguments.of("everything missing", "{}", "version is missing; uri is missing; sha256 is missing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAnnouncements")
    void badAnnouncementsAreRefusedWithAReason(String kind, String json, String reasonContains) {
        Parsed<ModelAnnouncement> p = WireJson.parseModelAnnouncement(json.getBytes(UTF_8));
        assertThat(p.isOk()).as(kind).isFalse();
        assertThat(p.error()).contains(reasonContains);
        assertThatThrownBy(p::value).isInstanceOf(IllegalStateException.class).hasMessage(p.error());
    }

    @Test
    void announcementWithInvalidUtf8OrNullIsRefused() {
        assertThat(WireJson.parseModelAnnouncement(new byte[] {'{', (byte) 0xC0, (byte) 0xAF, '}'}).error())
                .startsWith("value is not valid UTF-8");
        assertThat(WireJson.parseModelAnnouncement(null).error()).isEqualTo("record has no value (null)");
    }

    @Test
    void outputReadersRefuseWhatIsNotTheirMessage() {
        assertThat(WireJson.parseRecommendation("{\"userId\": \"1\"}".getBytes(UTF_8)).error()).contains("timestamp is missing");
        assertThat(WireJson.parseRecommendation("[]".getBytes(UTF_8)).error()).contains("expected a JSON object");
        assertThat(WireJson.parseRecommendation("{} x".getBytes(UTF_8)).error()).contains("not valid JSON");
        assertThat(WireJson.parseDeadLetter("{\"error\": \"e\"}".getBytes(UTF_8)).error()).contains("raw is missing");
        assertThat(WireJson.parseDeadLetter(null).error()).contains("message is empty");
    }
}
