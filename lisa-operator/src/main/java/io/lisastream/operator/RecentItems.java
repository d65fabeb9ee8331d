package io.lisastream.operator;

import java.nio.charset.StandardCharsets;

/**
 * The ring of a user's most recent external item ids, as compact bytes (the state keeps the bytes
 * and the entry count).
 *
 * <p>Layout: entries newest first, each starting with a varint header h:
 * <ul>
 *   <li>h odd: a numeric id, the canonical decimal string of h / 2 (no sign, no leading zero,
 *       below 2^30), nothing follows: MovieLens' "1193" takes 2 bytes instead of 5;</li>
 *   <li>h even: any other id, h / 2 UTF-8 bytes follow.</li>
 * </ul>
 * Pushing prepends the new id and cuts the oldest entry off the end once {@code capacity} entries
 * are held, so the bytes never exceed capacity times the longest id. External ids (not model
 * indices) are kept so a histogram can be rebuilt under a model with another vocabulary. An id
 * longer than {@link #MAX_ID_BYTES} in UTF-8 (or a null id) is kept as an empty placeholder, which
 * no model knows (catalogue ids are non-empty).
 */
final class RecentItems {
    /** Ids longer than this in UTF-8 are stored as an empty placeholder (the wire contract allows 256 chars). */
    static final int MAX_ID_BYTES = 4096;
    private static final int MAX_NUMERIC = 1 << 30;

    private RecentItems() {
    }

    /** The ring after {@code id} was clicked; it holds min(count + 1, capacity) entries. */
    static byte[] push(byte[] ring, int count, String id, int capacity) {
        byte[] entry = entry(id);
        int keepBytes = offsetAfter(ring, Math.min(count, capacity - 1));
        byte[] out = new byte[entry.length + keepBytes];
        System.arraycopy(entry, 0, out, 0, entry.length);
        System.arraycopy(ring, 0, out, entry.length, keepBytes);
        return out;
    }

    /**
     * The ring after clicks on {@code oldestFirst} in that order, starting empty: the same bytes as
     * pushing them one by one, built in one pass (its cost is the ring's size, not the square of it).
     */
    static byte[] of(String[] oldestFirst, int capacity) {
        int n = Math.min(oldestFirst.length, capacity);
        byte[][] entries = new byte[n][];
        int size = 0;
        for (int i = 0; i < n; i++) {
            entries[i] = entry(oldestFirst[oldestFirst.length - 1 - i]);
            size += entries[i].length;
        }
        byte[] out = new byte[size];
        int pos = 0;
        for (byte[] e : entries) {
            System.arraycopy(e, 0, out, pos, e.length);
            pos += e.length;
        }
        return out;
    }

    /** One entry: the varint header, then the UTF-8 bytes for a non-numeric id. */
    private static byte[] entry(String id) {
        int numeric = numericValue(id);
        byte[] idBytes;
        int header;
        if (numeric >= 0) {
            idBytes = new byte[0];
            header = 2 * numeric + 1;
        } else {
            idBytes = id == null ? new byte[0] : id.getBytes(StandardCharsets.UTF_8);
            if (idBytes.length > MAX_ID_BYTES) {
                idBytes = new byte[0];
            }
            header = 2 * idBytes.length;
        }
        byte[] out = new byte[Varint.size(header) + idBytes.length];
        int pos = Varint.write(out, 0, header);
        System.arraycopy(idBytes, 0, out, pos, idBytes.length);
        return out;
    }

    /** The newest min(count, limit) ids, newest first. */
    static String[] newest(byte[] ring, int count, int limit) {
        int n = Math.min(count, limit);
        String[] out = new String[n];
        int pos = 0;
        for (int i = 0; i < n; i++) {
            int header = Varint.read(ring, pos);
            pos += Varint.size(header);
            if ((header & 1) == 1) {
                out[i] = Integer.toString(header >>> 1);
            } else {
                int len = header >>> 1;
                out[i] = new String(ring, pos, len, StandardCharsets.UTF_8);
                pos += len;
            }
        }
        return out;
    }

    /** Byte offset just after the first {@code entries} entries. */
    private static int offsetAfter(byte[] ring, int entries) {
        int pos = 0;
        for (int i = 0; i < entries; i++) {
            int header = Varint.read(ring, pos);
            pos += Varint.size(header) + ((header & 1) == 1 ? 0 : header >>> 1);
        }
        return pos;
    }

    /** The value of a canonical decimal id below 2^30 ("0", "7", "1193"), else -1. */
    static int numericValue(String id) {
        if (id == null || id.isEmpty() || id.length() > 10 || (id.length() > 1 && id.charAt(0) == '0')) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v < MAX_NUMERIC ? (int) v : -1;
    }
}
