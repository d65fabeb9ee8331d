package io.lisastream.model.data;

import java.nio.file.Path;

/**
 * A dataset file (or in-memory input) is malformed. The message names the file and the 1-based
 * line number, says what was expected and quotes what was found, e.g.
 * {@code ratings.csv:17: timestamp 'abc' is not a number (expected user,item,timestamp)}.
 */
public class DataFormatException extends RuntimeException {
    private final transient Path file;
    private final long line;

    /** A problem at one line of a file; {@code line} is 1-based. */
    public DataFormatException(Path file, long line, String what) {
        super(file + ":" + line + ": " + what);
        this.file = file;
        this.line = line;
    }

    /** A problem with a whole file (e.g. no interactions at all), or an I/O failure while reading it. */
    public DataFormatException(Path file, String what, Throwable cause) {
        super(file + ": " + what, cause);
        this.file = file;
        this.line = 0;
    }

    /** The file that was being read, or null for in-memory input. */
    public Path file() {
        return file;
    }

    /** The 1-based line of the problem, or 0 when it concerns the whole file. */
    public long line() {
        return line;
    }
}
