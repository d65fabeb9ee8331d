package io.lisastream.model.data;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The interaction-file formats {@link DatasetReader} understands. Every format yields one
 * chronological item sequence per user; see {@link SequenceDataset} for how ids become indices.
 */
public enum DatasetFormat {
    /**
     * SASRec's {@code ml-1m.txt} layout: {@code user item} per line, separated by whitespace. The
     * file order is the chronological order of each user's items. No timestamps.
     */
    SASREC,
    /**
     * GroupLens MovieLens ratings, auto-detected from the first non-blank line: ML-1M/10M
     * {@code ratings.dat} ({@code UserID::MovieID::Rating::Timestamp}) or ML-100k {@code u.data}
     * (tab-separated {@code user item rating timestamp}). Timestamps are unix seconds (stored as
     * epoch ms). Each user's items are sorted by timestamp; equal timestamps keep file order.
     */
    MOVIELENS,
    /**
     * Comma-separated {@code user,item,timestamp}. The first non-blank line is a header if its
     * third field is not a number; a header must name the columns {@code user}, {@code item} and
     * {@code timestamp} (any order, case-insensitive, other columns ignored). Without a header the
     * first three columns are user, item, timestamp. Fields are trimmed and may be enclosed in
     * double quotes, but must not contain commas. A timestamp is an integer or decimal number;
     * values whose magnitude is below 10^11 are seconds, larger ones milliseconds (10^11 s lies in
     * the year 5138, 10^11 ms in March 1973, so millisecond stamps before 1973 are misread). A
     * header column named {@code timestamp_ms} instead of {@code timestamp} means integer
     * milliseconds, without guessing; {@link DatasetWriter#writeCsv} writes that header.
     * Each user's items are sorted by timestamp; equal timestamps keep file order.
     */
    CSV;

    /**
     * Guesses the format from the file name: {@code u.data} or a name ending in {@code ratings.dat}
     * is {@link #MOVIELENS}, a name ending in {@code .csv} is {@link #CSV}, anything else
     * {@link #SASREC}. Case-insensitive.
     */
    public static DatasetFormat detect(Path file) {
        Path name = file.getFileName();
        String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        if (n.equals("u.data") || n.endsWith("ratings.dat")) {
            return MOVIELENS;
        }
        if (n.endsWith(".csv")) {
            return CSV;
        }
        return SASREC;
    }
}
