package io.lisastream.model.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Reads an interaction file into a {@link SequenceDataset} in one streaming pass (UTF-8), computing
 * the file's SHA-256 on the way. Blank lines are skipped; any other malformed line stops the read
 * with a {@link DataFormatException} naming the file, the 1-based line and the problem. A file
 * without interactions is an error too. See {@link DatasetFormat} for the layouts and ordering rules.
 */
public final class DatasetReader {
    private static final int MAX_QUOTED = 80;

    private DatasetReader() {
    }

    /** Reads {@code file} in the format {@link DatasetFormat#detect} guesses from its name. */
    public static SequenceDataset read(Path file) {
        return read(file, DatasetFormat.detect(file));
    }

    public static SequenceDataset read(Path file, DatasetFormat format) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
        SequenceBuilder builder = new SequenceBuilder(format != DatasetFormat.SASREC);
        try (InputStream raw = Files.newInputStream(file);
             DigestInputStream in = new DigestInputStream(raw, sha);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                     .onMalformedInput(CodingErrorAction.REPLACE)
                     .onUnmappableCharacter(CodingErrorAction.REPLACE)), 1 << 16)) {
            LineParser parser = switch (format) {
                case SASREC -> new SasrecParser();
                case MOVIELENS -> new MovieLensParser();
                case CSV -> new CsvParser();
            };
            String line;
            long lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1); // byte order mark
                }
                if (line.isBlank()) {
                    continue;
                }
                if (line.indexOf('\uFFFD') >= 0) {
                    throw new DataFormatException(file, lineNo, "not valid UTF-8: " + quote(line));
                }
                try {
                    parser.parse(line, builder);
                } catch (BadLine e) {
                    throw new DataFormatException(file, lineNo, e.getMessage());
                }
            }
            if (builder.count() == 0) {
                throw new DataFormatException(file, "no interactions: the file is empty"
                        + (format == DatasetFormat.CSV ? ", has only blank lines or only a header" : " or has only blank lines"),
                        null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e, e);
        }
        String hex = HexFormat.of().formatHex(sha.digest());
        return builder.build(format != DatasetFormat.SASREC, hex, file.toString());
    }

    /** Parses one non-blank line and adds its interaction. */
    private interface LineParser {
        void parse(String line, SequenceBuilder out) throws BadLine;
    }

    /** A line-level problem; the reader adds file and line number. */
    private static final class BadLine extends Exception {
        BadLine(String message) {
            super(message, null, false, false);
        }
    }

    private static final class SasrecParser implements LineParser {
        private final String[] fields = new String[3];

        @Override
        public void parse(String line, SequenceBuilder out) throws BadLine {
            int n = splitWhitespace(line, fields);
            if (n != 2) {
                throw new BadLine("expected 2 whitespace-separated fields 'user item', found "
                        + (n > 2 ? "more than 2" : String.valueOf(n)) + ": " + quote(line));
            }
            out.add(fields[0], fields[1], 0L);
        }
    }

    /** ML-1M {@code ratings.dat} or ML-100k {@code u.data}, decided by the first non-blank line. */
    private static final class MovieLensParser implements LineParser {
        private String separator;
        private String layout;

        @Override
        public void parse(String line, SequenceBuilder out) throws BadLine {
            if (separator == null) {
                if (line.contains("::")) {
                    separator = "::";
                    layout = "'user::item::rating::timestamp'";
                } else if (line.indexOf('\t') >= 0) {
                    separator = "\t";
                    layout = "tab-separated 'user item rating timestamp'";
                } else {
                    throw new BadLine("not a MovieLens ratings line: expected 'user::item::rating::timestamp' (ratings.dat)"
                            + " or tab-separated 'user item rating timestamp' (u.data), found " + quote(line));
                }
            }
            String[] f = splitLiteral(line, separator);
            if (f.length != 4) {
                throw new BadLine("expected 4 fields " + layout + ", found " + f.length + ": " + quote(line));
            }
            String user = f[0].trim();
            String item = f[1].trim();
            if (user.isEmpty() || item.isEmpty()) {
                throw new BadLine("empty " + (user.isEmpty() ? "user" : "item") + " id: " + quote(line));
            }
            try {
                Double.parseDouble(f[2].trim());
            } catch (NumberFormatException e) {
                throw new BadLine("rating " + quote(f[2]) + " is not a number (expected " + layout + ")");
            }
            long seconds;
            try {
                seconds = Long.parseLong(f[3].trim());
            } catch (NumberFormatException e) {
                throw new BadLine("timestamp " + quote(f[3]) + " is not an integer number of seconds (expected "
                        + layout + ")");
            }
            if (Math.abs(seconds) > Long.MAX_VALUE / 1000) {
                throw new BadLine("timestamp " + seconds + " is out of range");
            }
            out.add(user, item, seconds * 1000L);
        }
    }

    private static final class CsvParser implements LineParser {
        private boolean started;
        private int userCol = 0;
        private int itemCol = 1;
        private int timeCol = 2;
        private int needed = 3;
        private boolean millis; // header said timestamp_ms: no unit guessing

        @Override
        public void parse(String line, SequenceBuilder out) throws BadLine {
            String[] f = line.split(",", -1);
            for (int k = 0; k < f.length; k++) {
                f[k] = unquote(f[k].trim());
            }
            if (!started) {
                started = true;
                if (f.length >= 3 && !isNumber(f[2])) {
                    readHeader(f, line);
                    return;
                }
            }
            if (f.length < needed) {
                throw new BadLine("expected " + needed + " comma-separated fields (user,item,timestamp), found "
                        + f.length + ": " + quote(line));
            }
            String user = f[userCol];
            String item = f[itemCol];
            if (user.isEmpty() || item.isEmpty()) {
                throw new BadLine("empty " + (user.isEmpty() ? "user" : "item") + " id: " + quote(line));
            }
            out.add(user, item, millis ? explicitMillis(f[timeCol]) : timestampMillis(f[timeCol]));
        }

        private void readHeader(String[] f, String line) throws BadLine {
            userCol = itemCol = timeCol = -1;
            for (int k = 0; k < f.length; k++) {
                switch (f[k].toLowerCase(Locale.ROOT)) {
                    case "user" -> userCol = k;
                    case "item" -> itemCol = k;
                    case "timestamp" -> timeCol = k;
                    case "timestamp_ms" -> {
                        timeCol = k;
                        millis = true;
                    }
                    default -> { }
                }
            }
            if (userCol < 0 || itemCol < 0 || timeCol < 0) {
                throw new BadLine("header must name the columns user, item and timestamp (or the first line must be"
                        + " data with a numeric third field), found " + quote(line));
            }
            needed = Math.max(userCol, Math.max(itemCol, timeCol)) + 1;
        }

        private static String unquote(String s) {
            return s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"'
                    ? s.substring(1, s.length() - 1).trim() : s;
        }

        private static boolean isNumber(String s) {
            try {
                Double.parseDouble(s);
                return !s.isEmpty();
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }

    /** Values with magnitude below this are seconds, others milliseconds (see {@link DatasetFormat#CSV}). */
    static final double SECONDS_LIMIT = 1e11;

    /** A CSV timestamp (integer or decimal; seconds below 10^11, else milliseconds) as epoch milliseconds. */
    private static long timestampMillis(String s) throws BadLine {
        double value;
        long integral = 0;
        boolean isInteger;
        try {
            integral = Long.parseLong(s);
            value = integral;
            isInteger = true;
        } catch (NumberFormatException e) {
            isInteger = false;
            try {
                value = Double.parseDouble(s);
            } catch (NumberFormatException e2) {
                throw new BadLine("timestamp " + quote(s) + " is not a number (expected user,item,timestamp;"
                        + " seconds or milliseconds since 1970)");
            }
            if (!Double.isFinite(value)) {
                throw new BadLine("timestamp " + quote(s) + " is not a finite number");
            }
        }
        if (Math.abs(value) < SECONDS_LIMIT) {
            return isInteger ? integral * 1000L : Math.round(value * 1000.0);
        }
        if (Math.abs(value) >= 9.2e18) {
            throw new BadLine("timestamp " + quote(s) + " is out of range");
        }
        return isInteger ? integral : Math.round(value);
    }

    /** A {@code timestamp_ms} column value: an integer number of milliseconds. */
    private static long explicitMillis(String s) throws BadLine {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new BadLine("timestamp_ms " + quote(s) + " is not an integer number of milliseconds");
        }
    }

    /** Splits on every occurrence of {@code sep} (no regex), keeping empty fields. */
    private static String[] splitLiteral(String line, String sep) {
        int n = 1;
        for (int k = line.indexOf(sep); k >= 0; k = line.indexOf(sep, k + sep.length())) {
            n++;
        }
        String[] out = new String[n];
        int start = 0;
        for (int j = 0; j < n - 1; j++) {
            int end = line.indexOf(sep, start);
            out[j] = line.substring(start, end);
            start = end + sep.length();
        }
        out[n - 1] = line.substring(start);
        return out;
    }

    /** Splits on runs of spaces/tabs into {@code out}; returns the field count (capped at {@code out.length}). */
    private static int splitWhitespace(String line, String[] out) {
        int n = 0;
        int len = line.length();
        int k = 0;
        while (k < len) {
            while (k < len && isSpace(line.charAt(k))) {
                k++;
            }
            if (k == len) {
                break;
            }
            int start = k;
            while (k < len && !isSpace(line.charAt(k))) {
                k++;
            }
            if (n == out.length) {
                return n;
            }
            out[n++] = line.substring(start, k);
        }
        return n;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B';
    }

    private static String quote(String s) {
        String t = s.length() > MAX_QUOTED ? s.substring(0, MAX_QUOTED) + "..." : s;
        return "'" + t + "'";
    }
}
