package io.lisastream.model.artifact;

import io.lisastream.model.ModelFormatException;
import io.lisastream.model.Tensor;
import io.lisastream.model.Tensor.DType;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * NumPy {@code .npy} files of little-endian float32 / int32 in C order: the tensor files of the
 * model artifact. Writes format 1.0 byte-identical to NumPy 2.x's {@code np.save}; reads 1.0 and
 * 2.0. Layout: magic {@code \x93NUMPY}, major, minor, header length (uint16 LE in 1.0, uint32 LE in
 * 2.0), the header dict (ASCII, see {@link NpyHeaderParser}), then the elements.
 *
 * <p>Reading is bounded: the header length is limited, the data must be exactly as long as the
 * shape says (no truncation, no trailing bytes), and memory is only allocated for bytes that have
 * actually arrived, so a header claiming an enormous shape costs nothing.
 */
public final class Npy {

    /** Longest header accepted, NumPy's own safety limit. */
    public static final int MAX_HEADER_BYTES = 10_000;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    /** Data is read in chunks of this many bytes (a multiple of 4). */
    private static final int CHUNK = 1 << 20;

    private Npy() {
    }

    /** Reads a whole file; its size must match its header exactly. */
    public static Tensor read(Path file) throws IOException {
        long size = Files.size(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in, file.toString(), size, size);
        }
    }

    /**
     * Reads one {@code .npy} from a stream up to its end (the stream must hold nothing else).
     *
     * @param sourceName names the data in error messages, e.g. the file name
     * @param maxBytes   largest total size accepted (header plus data); a header claiming more is
     *                   rejected before any data is read
     */
    public static Tensor read(InputStream in, String sourceName, long maxBytes) throws IOException {
        return read(in, sourceName, maxBytes, -1);
    }

    private static Tensor read(InputStream in, String src, long maxBytes, long knownSize) throws IOException {
        byte[] prelude = readExactly(in, 8);
        if (prelude.length < 8 || !startsWithMagic(prelude)) {
            throw new ModelFormatException(src + ": not a .npy file (it does not start with \\x93NUMPY)");
        }
        int major = prelude[6] & 0xff;
        int minor = prelude[7] & 0xff;
        if ((major != 1 && major != 2) || minor != 0) {
            throw new ModelFormatException(src + ": .npy format version " + major + "." + minor
                    + " is not supported (1.0 and 2.0 are)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] len = readExactly(in, lengthBytes);
        if (len.length < lengthBytes) {
            throw new ModelFormatException(src + ": truncated: the file ends inside the .npy header length");
        }
        long headerLength = ByteBuffer.wrap(major == 1 ? new byte[] {len[0], len[1], 0, 0} : len)
                .order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
        if (headerLength > MAX_HEADER_BYTES) {
            throw new ModelFormatException(src + ": .npy header is " + headerLength + " bytes long, more than the "
                    + MAX_HEADER_BYTES + " allowed");
        }
        long dataStart = 8 + lengthBytes + headerLength;
        if (dataStart > maxBytes) {
            throw new ModelFormatException(src + ": .npy header ends at byte " + dataStart + ", beyond the "
                    + maxBytes + " bytes allowed for this file");
        }
        byte[] headerBytes = readExactly(in, (int) headerLength);
        if (headerBytes.length < headerLength) {
            throw new ModelFormatException(src + ": truncated: the file ends inside the .npy header ("
                    + headerBytes.length + " of " + headerLength + " bytes)");
        }
        for (byte b : headerBytes) {
            if (b < 0) {
                throw new ModelFormatException(src + ": bad .npy header: it contains a non-ASCII byte");
            }
        }
        NpyHeader header = NpyHeaderParser.parse(new String(headerBytes, StandardCharsets.US_ASCII), src);
        long dataBytes = header.dataBytes();
        String what = "shape " + NpyHeader.shapeRepr(header.shape()) + " of " + header.dtype().npyDescr() + " needs "
                + dataBytes + " data bytes";
        if (knownSize >= 0 && knownSize - dataStart < dataBytes) {
            throw new ModelFormatException(src + ": truncated: " + what + " but the file holds "
                    + (knownSize - dataStart) + " after its header");
        }
        if (knownSize >= 0 && knownSize - dataStart > dataBytes) {
            throw new ModelFormatException(src + ": " + (knownSize - dataStart - dataBytes)
                    + " trailing bytes after the data: " + what + " but the file holds " + (knownSize - dataStart));
        }
        if (dataStart + dataBytes > maxBytes) {
            throw new ModelFormatException(src + ": " + what + ", more than the " + (maxBytes - dataStart)
                    + " bytes allowed for this file");
        }
        List<byte[]> chunks = readChunks(in, dataBytes, src, what);
        if (in.read() != -1) {
            throw new ModelFormatException(src + ": trailing bytes after the data: " + what
                    + " but the file goes on");
        }
        return decode(header, chunks);
    }

    /** Reads exactly {@code total} bytes in chunks, allocating only as bytes arrive. */
    private static List<byte[]> readChunks(InputStream in, long total, String src, String what) throws IOException {
        List<byte[]> chunks = new ArrayList<>();
        long done = 0;
        while (done < total) {
            int want = (int) Math.min(CHUNK, total - done);
            byte[] chunk = readExactly(in, want);
            done += chunk.length;
            if (chunk.length < want) {
                throw new ModelFormatException(src + ": truncated: " + what + " but the file ends after " + done);
            }
            chunks.add(chunk);
        }
        return chunks;
    }

    private static Tensor decode(NpyHeader header, List<byte[]> chunks) {
        int count = (int) header.elementCount();
        int offset = 0;
        if (header.dtype() == DType.FLOAT32) {
            float[] data = new float[count];
            for (int c = 0; c < chunks.size(); c++) {
                ByteBuffer b = ByteBuffer.wrap(chunks.get(c)).order(ByteOrder.LITTLE_ENDIAN);
                int n = b.remaining() / Float.BYTES;
                b.asFloatBuffer().get(data, offset, n);
                offset += n;
                chunks.set(c, null);
            }
            return Tensor.f32(data, header.shape());
        }
        int[] data = new int[count];
        for (int c = 0; c < chunks.size(); c++) {
            ByteBuffer b = ByteBuffer.wrap(chunks.get(c)).order(ByteOrder.LITTLE_ENDIAN);
            int n = b.remaining() / Integer.BYTES;
            b.asIntBuffer().get(data, offset, n);
            offset += n;
            chunks.set(c, null);
        }
        return Tensor.i32(data, header.shape());
    }

    /** The bytes of a format 1.0 {@code .npy} holding {@code tensor}, as {@code np.save} writes them. */
    public static byte[] toBytes(Tensor tensor) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(
                (int) Math.min(Integer.MAX_VALUE - 8, 128 + Tensor.elementCount(tensor.shape()) * 4));
        try {
            write(tensor, out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    /** Writes {@code tensor} as a format 1.0 {@code .npy} file, replacing any existing file. */
    public static void write(Tensor tensor, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(tensor, out);
        }
    }

    /** Streams {@code tensor} as a format 1.0 {@code .npy}; does not close {@code out}. */
    public static void write(Tensor tensor, OutputStream out) throws IOException {
        OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        buffered.write(headerBytes(new NpyHeader(tensor.dtype(), tensor.shape())));
        ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) Tensor.elementCount(tensor.shape());
        for (int i = 0; i < n; i++) {
            if (tensor.dtype() == DType.FLOAT32) {
                b.putFloat(tensor.floats()[i]);
            } else {
                b.putInt(tensor.ints()[i]);
            }
            if (!b.hasRemaining()) {
                buffered.write(b.array(), 0, b.position());
                b.clear();
            }
        }
        buffered.write(b.array(), 0, b.position());
        buffered.flush();
    }

    /** Magic, version 1.0, header length and the header padded with spaces and a newline to 64 bytes. */
    static byte[] headerBytes(NpyHeader header) {
        byte[] dict = header.dictText().getBytes(StandardCharsets.US_ASCII);
        int unpadded = MAGIC.length + 2 + 2 + dict.length + 1;
        int pad = ALIGN - unpadded % ALIGN;
        int headerLength = dict.length + pad + 1;
        if (headerLength > 0xffff) {
            throw new IllegalArgumentException("shape " + NpyHeader.shapeRepr(header.shape())
                    + " makes a header too long for .npy format 1.0");
        }
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + headerLength).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) headerLength).put(dict);
        for (int i = 0; i < pad; i++) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n');
        return b.array();
    }

    private static boolean startsWithMagic(byte[] prelude) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (prelude[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Reads up to {@code n} bytes, fewer only at the end of the stream. */
    private static byte[] readExactly(InputStream in, int n) throws IOException {
        return in.readNBytes(n);
    }
}
