package io.lisastream.cli;

import io.lisastream.model.data.DatasetFormat;
import io.lisastream.model.data.DatasetReader;
import io.lisastream.model.data.SequenceDataset;
import java.nio.file.Path;

/** The --format names shared by every command that reads click data. */
final class DatasetFormats {
    private DatasetFormats() {
    }

    static DatasetFormat parse(String name) {
        for (DatasetFormat f : DatasetFormat.values()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown --format '" + name + "' (expected sasrec, movielens or csv)");
    }

    /** Reads a file in the named format, or the format its name suggests when {@code format} is null. */
    static SequenceDataset read(Path file, String format) {
        return format == null ? DatasetReader.read(file) : DatasetReader.read(file, parse(format));
    }
}
