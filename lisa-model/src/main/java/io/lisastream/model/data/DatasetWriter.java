package io.lisastream.model.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link SequenceDataset} in a format {@link DatasetReader} reads back to the same
 * dataset: users in index order, each user's items oldest first. Ids that the format cannot carry
 * are rejected before anything is written.
 */
public final class DatasetWriter {
    private DatasetWriter() {
    }

    /** {@code user item} per line (SASRec layout); ids must be non-empty and free of whitespace. Timestamps are dropped. */
    public static void writeSasrec(SequenceDataset data, Path file) {
        checkIds(data, "whitespace", DatasetWriter::hasWhitespace);
        write(data, file, false);
    }

    /**
     * {@code user,item,timestamp_ms} with that header line, timestamps in epoch ms (the
     * {@code timestamp_ms} header makes the reader take them as milliseconds whatever their size). Needs timestamps; ids
     * must not contain commas, quotes, line breaks or leading/trailing spaces.
     */
    public static void writeCsv(SequenceDataset data, Path file) {
        if (!data.hasTimestamps()) {
            throw new IllegalArgumentException("dataset " + data + " has no timestamps: write it with writeSasrec");
        }
        checkIds(data, "a comma, quote, line break or surrounding space",
                id -> id.indexOf(',') >= 0 || id.indexOf('"') >= 0 || id.indexOf('\n') >= 0 || id.indexOf('\r') >= 0
                        || !id.equals(id.trim()));
        write(data, file, true);
    }

    private static void write(SequenceDataset data, Path file, boolean csv) {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (csv) {
                w.write("user,item,timestamp_ms\n");
            }
            StringBuilder line = new StringBuilder(64);
            for (int u = 0; u < data.numUsers(); u++) {
                String user = data.userId(u);
                int[] seq = data.sequence(u);
                long[] ts = csv ? data.timestamps(u) : null;
                for (int j = 0; j < seq.length; j++) {
                    line.setLength(0);
                    line.append(user).append(csv ? ',' : ' ').append(data.itemId(seq[j]));
                    if (csv) {
                        line.append(',').append(ts[j]);
                    }
                    w.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e, e);
        }
    }

    private interface IdCheck {
        boolean bad(String id);
    }

    private static void checkIds(SequenceDataset data, String what, IdCheck check) {
        for (String id : data.userIds()) {
            if (check.bad(id)) {
                throw new IllegalArgumentException("user id '" + id + "' contains " + what + "; this format cannot hold it");
            }
        }
        for (String id : data.itemIds()) {
            if (check.bad(id)) {
                throw new IllegalArgumentException("item id '" + id + "' contains " + what + "; this format cannot hold it");
            }
        }
    }

    private static boolean hasWhitespace(String id) {
        for (int k = 0; k < id.length(); k++) {
            if (Character.isWhitespace(id.charAt(k))) {
                return true;
            }
        }
        return false;
    }
}
