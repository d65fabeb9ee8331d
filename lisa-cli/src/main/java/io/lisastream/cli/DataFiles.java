package io.lisastream.cli;

import io.lisastream.model.data.DatasetFormat;
import io.lisastream.model.data.DatasetReader;
import io.lisastream.model.data.SequenceDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Reading a click-data file for the streaming commands (replay, demo), with the --format names. */
public final class DataFiles {
    private DataFiles() {
    }

    /** Reads {@code file} in {@code format} (sasrec, movielens, csv) or the format its name suggests when null. */
    public static SequenceDataset read(Path file, String format) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--data: no such file " + file);
        }
        if (format == null) {
            return DatasetReader.read(file);
        }
        try {
            return DatasetReader.read(file, DatasetFormat.valueOf(format.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("No enum constant")) {
                throw new IllegalArgumentException("unknown --format '" + format + "' (expected sasrec, movielens or csv)");
            }
            throw e;
        }
    }
}
