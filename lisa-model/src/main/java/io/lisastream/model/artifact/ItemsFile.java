package io.lisastream.model.artifact;

import io.lisastream.model.ModelFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * items.txt: the catalogue, UTF-8, one external item id per line, line k (0-based) is internal index
 * k, final newline optional. Read as a stream, bounded by the expected count and a line length.
 * Uniqueness and non-emptiness are checked again by {@link io.lisastream.model.LisaModel}.
 */
final class ItemsFile {

    /** Longest item id accepted, in UTF-8 bytes. */
    static final int MAX_ID_BYTES = 4096;

    private ItemsFile() {
    }

    /**
     * @param source        names the file in error messages
     * @param expectedCount numItems from the manifest; more lines than this stop the read
     */
    static List<String> read(InputStream in, String source, int expectedCount) throws IOException {
        List<String> ids = new ArrayList<>(Math.min(expectedCount, 1 << 16));
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) != -1; ) {
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    ids.add(id(line, ids.size() + 1, source, expectedCount));
                    line.reset();
                } else if (line.size() >= MAX_ID_BYTES) {
                    throw new ModelFormatException(source + ": line " + (ids.size() + 1) + " is longer than "
                            + MAX_ID_BYTES + " bytes");
                } else {
                    line.write(buffer[i]);
                }
            }
        }
        if (line.size() > 0) {
            ids.add(id(line, ids.size() + 1, source, expectedCount));
        }
        if (ids.size() != expectedCount) {
            throw new ModelFormatException(source + " lists " + ids.size()
                    + " items but manifest.json says numItems is " + expectedCount);
        }
        return ids;
    }

    private static String id(ByteArrayOutputStream line, int lineNo, String source, int expectedCount) {
        if (lineNo > expectedCount) {
            throw new ModelFormatException(source + " has more than " + expectedCount
                    + " lines but manifest.json says numItems is " + expectedCount);
        }
        String id;
        try {
            id = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFormatException(source + ": line " + lineNo + " is not valid UTF-8");
        }
        if (id.endsWith("\r")) {
            throw new ModelFormatException(source + ": line " + lineNo
                    + " ends with a carriage return (Windows line endings); use \\n only");
        }
        if (lineNo == 1 && id.startsWith("\uFEFF")) {
            throw new ModelFormatException(source + " starts with a byte order mark; save it as UTF-8 without BOM");
        }
        if (id.isEmpty()) {
            throw new ModelFormatException(source + ": line " + lineNo + " is empty");
        }
        return id;
    }

    /** Writes the ids one per line with a final newline; ids must be non-empty and hold no line break. */
    static void write(List<String> ids, OutputStream out) throws IOException {
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id.isEmpty() || id.indexOf('\n') >= 0 || id.indexOf('\r') >= 0) {
                throw new ModelFormatException("item id at index " + i + " is empty or holds a line break;"
                        + " items.txt cannot store it");
            }
            out.write(id.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
    }
}
