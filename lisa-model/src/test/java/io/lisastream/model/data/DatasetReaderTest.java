package io.lisastream.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void sasrecKeepsFileOrderSkipsBlankLinesAndHashesTheFile() throws Exception {
        Path f = write("seq.txt", "1 10\n1\t20\n\n2   10\n  \n1 30\r\n2 40\n");
        SequenceDataset d = DatasetReader.read(f);

        assertThat(d.userIds()).containsExactly("1", "2");
        assertThat(d.itemIds()).containsExactly("10", "20", "30", "40");
        assertThat(d.sequence(0)).containsExactly(0, 1, 2);
        assertThat(d.sequence(1)).containsExactly(0, 3);
        assertThat(d.numInteractions()).isEqualTo(5);
        assertThat(d.hasTimestamps()).isFalse();
        assertThat(d.timestamps(0)).isNull();
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        assertThat(d.sha256()).isEqualTo(expected);
        assertThat(d.source()).isEqualTo(f.toString());
    }

    @Test
    void sasrecBadLineNamesFileAndLine() throws Exception {
        Path f = write("seq.txt", "1 10\n\n1 20 5\n");
        DataFormatException e = catchThrowableOfType(DataFormatException.class, () -> DatasetReader.read(f, DatasetFormat.SASREC));
        assertThat(e.getMessage()).startsWith(f + ":3: ").contains("expected 2 whitespace-separated fields", "'1 20 5'");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.file()).isEqualTo(f);

        Path g = write("one.txt", "1 10\n7\n");
        assertThatThrownBy(() -> DatasetReader.read(g)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(g + ":2: ").hasMessageContaining("found 1");
    }

    @Test
    void emptyFilesAreRejectedClearly() throws Exception {
        Path empty = write("empty.txt", "");
        assertThatThrownBy(() -> DatasetReader.read(empty)).isInstanceOf(DataFormatException.class)
                .hasMessage(empty + ": no interactions: the file is empty or has only blank lines");
        Path blank = write("blank.txt", "\n  \n\t\n");
        assertThatThrownBy(() -> DatasetReader.read(blank)).hasMessageContaining("no interactions");
        Path headerOnly = write("h.csv", "user,item,timestamp\n");
        assertThatThrownBy(() -> DatasetReader.read(headerOnly)).hasMessageContaining("only a header");
    }

    @Test
    void missingFileIsAnIoError() {
        Path missing = dir.resolve("missing.txt");
        assertThatThrownBy(() -> DatasetReader.read(missing)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot read " + missing);
    }

    @Test
    void invalidUtf8IsReportedAtItsLine() throws Exception {
        Path f = dir.resolve("bad.txt");
        Files.write(f, new byte[] {'1', ' ', '2', '\n', '1', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
        assertThatThrownBy(() -> DatasetReader.read(f)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(f + ":2: not valid UTF-8");
    }

    @Test
    void movieLensUdataIsSortedPerUserByTimestampStably() throws Exception {
        // user 7: timestamps 300, 100, 200, 100 -> items b, d (tie keeps file order: b before d), c, a
        Path f = write("u.data", "7\ta\t5\t300\n7\tb\t3\t100\n8\ta\t1\t50\n7\tc\t4\t200\n7\td\t4\t100\n");
        SequenceDataset d = DatasetReader.read(f);

        assertThat(DatasetFormat.detect(f)).isEqualTo(DatasetFormat.MOVIELENS);
        assertThat(d.userIds()).containsExactly("7", "8");
        assertThat(d.itemIds()).containsExactly("a", "b", "c", "d");
        assertThat(d.sequence(0)).containsExactly(1, 3, 2, 0);
        assertThat(d.timestamps(0)).containsExactly(100_000L, 100_000L, 200_000L, 300_000L);
        assertThat(d.sequence(1)).containsExactly(0);
        assertThat(d.timestamps(1)).containsExactly(50_000L);
    }

    @Test
    void movieLensRatingsDatUsesDoubleColons() throws Exception {
        Path f = write("ratings.dat", "1::1193::5::978300760\n1::661::3::978302109\n1::914::3::978301968\n");
        SequenceDataset d = DatasetReader.read(f);
        assertThat(d.itemIds()).containsExactly("1193", "661", "914");
        assertThat(d.sequence(0)).containsExactly(0, 2, 1);
        assertThat(d.timestamps(0)).containsExactly(978300760000L, 978301968000L, 978302109000L);
    }

    @Test
    void movieLensErrorsSayWhatWasExpected() throws Exception {
        Path fields = write("u.data", "1\t2\t3\t4\n1\t2\t3\n");
        assertThatThrownBy(() -> DatasetReader.read(fields)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(fields + ":2: expected 4 fields tab-separated 'user item rating timestamp', found 3");
        Path stamp = write("ratings.dat", "1::2::3::4\n\n1::2::3::soon\n");
        assertThatThrownBy(() -> DatasetReader.read(stamp))
                .hasMessageStartingWith(stamp + ":3: timestamp 'soon' is not an integer number of seconds");
        Path rating = write("r.dat", "1::2::x::4\n");
        assertThatThrownBy(() -> DatasetReader.read(rating, DatasetFormat.MOVIELENS))
                .hasMessageStartingWith(rating + ":1: rating 'x' is not a number");
        Path neither = write("x.dat", "1 2 3 4\n");
        assertThatThrownBy(() -> DatasetReader.read(neither, DatasetFormat.MOVIELENS))
                .hasMessageStartingWith(neither + ":1: not a MovieLens ratings line");
    }

    @Test
    void csvWithHeaderInAnyColumnOrderAndSecondsOrMillis() throws Exception {
        Path f = write("clicks.csv", "timestamp,rating,Item,USER\n"
                + "1700000000500,5,\"x\",u1\n"      // ms
                + "1600000000,4,y,u1\n"              // s -> earlier
                + " 1600000000.25 , 1, z , u2 \n");  // decimal seconds, spaces trimmed
        SequenceDataset d = DatasetReader.read(f);
        assertThat(d.userIds()).containsExactly("u1", "u2");
        assertThat(d.itemIds()).containsExactly("x", "y", "z");
        assertThat(d.sequence(0)).containsExactly(1, 0);
        assertThat(d.timestamps(0)).containsExactly(1_600_000_000_000L, 1_700_000_000_500L);
        assertThat(d.timestamps(1)).containsExactly(1_600_000_000_250L);
    }

    @Test
    void csvWithoutHeaderIsPositional() throws Exception {
        Path f = write("c.csv", "u,a,10\nu,b,5\nv,a,100000000000\nv,b,99999999999\n");
        SequenceDataset d = DatasetReader.read(f);
        assertThat(d.sequence(0)).containsExactly(1, 0);
        assertThat(d.timestamps(0)).containsExactly(5_000L, 10_000L);
        // >= 1e11: already ms; below: seconds
        assertThat(d.timestamps(1)).containsExactly(100_000_000_000L, 99_999_999_999_000L);
    }

    @Test
    void csvTimestampMsHeaderMeansMilliseconds() throws Exception {
        Path f = write("ms.csv", "user,item,timestamp_ms\nu,a,1000\nu,b,2\n");
        SequenceDataset d = DatasetReader.read(f);
        assertThat(d.sequence(0)).containsExactly(1, 0);
        assertThat(d.timestamps(0)).containsExactly(2L, 1000L);
        Path bad = write("ms2.csv", "user,item,timestamp_ms\nu,a,1.5\n");
        assertThatThrownBy(() -> DatasetReader.read(bad))
                .hasMessageStartingWith(bad + ":2: timestamp_ms '1.5' is not an integer number of milliseconds");
    }

    @Test
    void csvErrorsNameFileAndLine() throws Exception {
        Path stamp = write("a.csv", "user,item,timestamp\nu,a,1\nu,b,yesterday\n");
        assertThatThrownBy(() -> DatasetReader.read(stamp)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(stamp + ":3: timestamp 'yesterday' is not a number");
        Path shortLine = write("b.csv", "u,a,1\nu,b\n");
        assertThatThrownBy(() -> DatasetReader.read(shortLine))
                .hasMessageStartingWith(shortLine + ":2: expected 3 comma-separated fields (user,item,timestamp), found 2");
        Path header = write("c.csv", "who,what,when\nu,a,1\n");
        assertThatThrownBy(() -> DatasetReader.read(header))
                .hasMessageStartingWith(header + ":1: header must name the columns user, item and timestamp");
        Path emptyItem = write("d.csv", "u,a,1\nu,,2\n");
        assertThatThrownBy(() -> DatasetReader.read(emptyItem)).hasMessageStartingWith(emptyItem + ":2: empty item id");
    }

    @Test
    void detectsFormatFromTheName() {
        assertThat(DatasetFormat.detect(Path.of("/x/u.data"))).isEqualTo(DatasetFormat.MOVIELENS);
        assertThat(DatasetFormat.detect(Path.of("ml-1m/ratings.dat"))).isEqualTo(DatasetFormat.MOVIELENS);
        assertThat(DatasetFormat.detect(Path.of("Clicks.CSV"))).isEqualTo(DatasetFormat.CSV);
        assertThat(DatasetFormat.detect(Path.of("ml-1m.txt"))).isEqualTo(DatasetFormat.SASREC);
    }
}
