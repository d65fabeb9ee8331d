package io.lisastream.cli.replay;

import io.lisastream.pipeline.ClickParseResult;
import io.lisastream.pipeline.ClickParser;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A file of raw records, one per line, sent as they are, valid or not (the line terminator, "\n"
 * or "\r\n", is not part of the record; an empty line is an empty record). A line that the
 * pipeline's {@link ClickParser} accepts as a click is keyed by its userId, like any click;
 * other lines have no key. Which lines are valid is known here too, so callers can predict the
 * dead letters.
 */
public final class RawLinesSource implements ReplaySource, AutoCloseable {
    private final Path file;
    private final long lines;
    private final InputStream in;
    private final ClickParser parser = new ClickParser();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private long read;
    private long malformed;

    public RawLinesSource(Path file) {
        this.file = file;
        try {
            this.lines = countLines(file);
            this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--events: no such file " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("--events: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Lines in the file: "\n" count, plus one for a last line without a terminator. */
    static long countLines(Path file) throws IOException {
        long n = 0;
        int last = '\n';
        try (InputStream s = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = s.read(buf)) > 0) {
                for (int i = 0; i < r; i++) {
                    if (buf[i] == '\n') {
                        n++;
                    }
                }
                last = buf[r - 1];
            }
        }
        return last == '\n' ? n : n + 1;
    }

    @Override
    public long size() {
        return lines;
    }

    @Override
    public boolean hasNext() {
        return read < lines;
    }

    @Override
    public Outgoing next(long nowMillis) {
        line.reset();
        try {
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                line.write(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("--events: cannot read " + file + " at line " + (read + 1), e);
        }
        read++;
        byte[] value = line.toByteArray();
        if (value.length > 0 && value[value.length - 1] == '\r') {
            value = java.util.Arrays.copyOf(value, value.length - 1);
        }
        ClickParseResult parsed = parser.parse(value, "file", 0, read, nowMillis);
        if (!parsed.isAccepted()) {
            malformed++;
            return new Outgoing(null, value, null, null);
        }
        String userId = parsed.click().userId;
        boolean click = ClickParser.DEFAULT_TYPE.equals(parsed.type());
        return new Outgoing(userId.getBytes(StandardCharsets.UTF_8), value, click ? userId : null,
                click ? parsed.click().itemId : null);
    }

    /** Lines read so far that the pipeline will send to the dead-letter queue. */
    public long malformedSoFar() {
        return malformed;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // read-only file: nothing to lose
        }
    }
}
