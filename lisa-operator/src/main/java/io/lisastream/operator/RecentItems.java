package io.lisastream.operator;

import java.nio.charset.StandardCharsets;

/**
 * The ring of a user's most recent external item ids, as compact bytes (the state keeps the bytes
 * and the entry count).
 *
 * <p>Layout: entries newest first, each {@code varint length, UTF-8 bytes}. Pushing prepends the
 * new id and cuts the oldest entry off the end once {@code capacity} entries are held, so the
 * bytes never exceed capacity times the longest id. External ids (not model indices) are kept so
 * a histogram can be rebuilt under a model with another vocabulary. An id longer than
 * {@link #MAX_ID_BYTES} in UTF-8 (or a null id) is kept as an empty placeholder, which no model
 * knows (catalogue ids are non-empty).
 */
final class RecentItems {
    /** Ids longer than this in UTF-8 are stored as an empty placeholder (the wire contract allows 256 chars). */
    static final int MAX_ID_BYTES = 4096;

    private RecentItems() {
    }

    /** The ring after {@code id} was clicked; it holds min(count + 1, capacity) entries. */
    static byte[] push(byte[] ring, int count, String id, int capacity) {
        byte[] idBytes = id == null ? new byte[0] : id.getBytes(StandardCharsets.UTF_8);
        if (idBytes.length > MAX_ID_BYTES) {
            idBytes = new byte[0];
        }
        int keepBytes = offsetAfter(ring, Math.min(count, capacity - 1));
        byte[] out = new byte[Varint.size(idBytes.length) + idBytes.length + keepBytes];
        int pos = Varint.write(out, 0, idBytes.length);
        System.arraycopy(idBytes, 0, out, pos, idBytes.length);
        System.arraycopy(ring, 0, out, pos + idBytes.length, keepBytes);
        return out;
    }

    /** The newest min(count, limit) ids, newest first. */
    static String[] newest(byte[] ring, int count, int limit) {
        int n = Math.min(count, limit);
        String[] out = new String[n];
        int pos = 0;
        for (int i = 0; i < n; i++) {
            int len = Varint.read(ring, pos);
            pos += Varint.size(len);
            out[i] = new String(ring, pos, len, StandardCharsets.UTF_8);
            pos += len;
        }
        return out;
    }

    /** Byte offset just after the first {@code entries} entries. */
    private static int offsetAfter(byte[] ring, int entries) {
        int pos = 0;
        for (int i = 0; i < entries; i++) {
            int len = Varint.read(ring, pos);
            pos += Varint.size(len) + len;
        }
        return pos;
    }
}
