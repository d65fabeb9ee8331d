package io.lisastream.pipeline;

import static io.lisastream.pipeline.ClickParserRejectsTest.NOW;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.schemas.WireSchema;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The parser never throws and always explains itself, on mutated clicks and on random bytes (seeded,
 * so a failure repeats). A stand-in until the coverage-guided fuzzer of issue 7 runs in CI.
 */
class ClickParserRobustnessTest {
    private static final ClickParser PARSER = new ClickParser();
    private static final byte[][] SEEDS = {
            "{\"userId\": \"42\", \"itemId\": \"1193\", \"timestamp\": 978300760000}".getBytes(UTF_8),
            "{\"userId\": 42, \"itemId\": 1193, \"timestamp\": 978300760000, \"type\": \"view\", \"x\": [1, {\"a\": null}]}".getBytes(UTF_8),
            "{\"userId\": \"caf\u00e9\uD83D\uDE00\", \"itemId\": \"\\u00e9\", \"timestamp\": 0}".getBytes(UTF_8),
    };
    private static final byte[] ALPHABET = "{}[]\":,0123456789-+.eE \\/ntrfalsu\u00e9".getBytes(UTF_8);

    private static byte[] mutate(byte[] seed, SplittableRandom rnd) {
        byte[] b = seed.clone();
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int op = rnd.nextInt(5);
            if (b.length == 0) {
                op = 2;
            }
            int at = rnd.nextInt(Math.max(1, b.length));
            switch (op) {
                case 0 -> b[at] = (byte) rnd.nextInt(256); // any byte
                case 1 -> b[at] = ALPHABET[rnd.nextInt(ALPHABET.length)]; // a JSON-ish byte
                case 2 -> { // insert
                    byte[] n = new byte[b.length + 1];
                    System.arraycopy(b, 0, n, 0, at);
                    n[at] = ALPHABET[rnd.nextInt(ALPHABET.length)];
                    System.arraycopy(b, at, n, at + 1, b.length - at);
                    b = n;
                }
                case 3 -> { // delete
                    byte[] n = new byte[b.length - 1];
                    System.arraycopy(b, 0, n, 0, at);
                    System.arraycopy(b, at + 1, n, at, b.length - at - 1);
                    b = n;
                }
                default -> b = Arrays.copyOf(b, at); // truncate
            }
        }
        return b;
    }

    private static void check(byte[] value) {
        ClickParseResult r = PARSER.parse(value, "clicks", 0, 1, NOW);
        if (r.isAccepted()) {
            assertThat(r.click().userId).isNotEmpty();
            assertThat(r.click().itemId).isNotEmpty();
            assertThat(r.click().timestamp).isBetween(0L, NOW + ClickParser.MAX_AHEAD_MILLIS);
            // whatever the parser accepts, the schema accepts too
            assertThat(Schemas.errors(WireSchema.CLICK_EVENT, value)).as(new String(value, UTF_8)).isEmpty();
        } else {
            assertThat(r.reason()).isNotBlank();
            assertThat(r.deadLetter().rawSize).isEqualTo(value.length);
            assertThat(DeadLetterTest.originalBytes(r.deadLetter())).isEqualTo(value);
        }
    }

    @Test
    void mutatedClicksNeverBreakTheParser() {
        SplittableRandom rnd = new SplittableRandom(20251124L);
        int accepted = 0;
        for (int i = 0; i < 30_000; i++) {
            byte[] v = mutate(SEEDS[i % SEEDS.length], rnd);
            check(v);
            if (PARSER.parse(v, "clicks", 0, 1, NOW).isAccepted()) {
                accepted++;
            }
        }
        // the mutations explore both sides of the border
        assertThat(accepted).isBetween(100, 29_000);
    }

    @Test
    void randomBytesNeverBreakTheParser() {
        SplittableRandom rnd = new SplittableRandom(7L);
        for (int i = 0; i < 5_000; i++) {
            byte[] v = new byte[rnd.nextInt(200)];
            for (int j = 0; j < v.length; j++) {
                v[j] = (byte) rnd.nextInt(256);
            }
            if (v.length > 0) {
                v[0] = '{';
            }
            check(v);
        }
    }
}
