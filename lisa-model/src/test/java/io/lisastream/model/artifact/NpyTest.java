package io.lisastream.model.artifact;

import static io.lisastream.model.artifact.NpyFiles.dict;
import static io.lisastream.model.artifact.NpyFiles.floatsLE;
import static io.lisastream.model.artifact.NpyFiles.intsLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lisastream.model.ModelFormatException;
import io.lisastream.model.Tensor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

    @TempDir
    Path tmp;

    private static Tensor read(byte[] bytes) throws IOException {
        return Npy.read(new ByteArrayInputStream(bytes), "t.npy", Long.MAX_VALUE);
    }

    @Test
    void roundTripsFloatAndIntTensorsOfEveryRank() throws IOException {
        Tensor[] tensors = {
            Tensor.f32(new float[] {1.5f, -2f, Float.MIN_VALUE, 3e38f, -0f, 7f}, 2, 3),
            Tensor.i32(new int[] {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 42}, 5),
            Tensor.f32(new float[] {3.25f}),
            Tensor.i32(new int[0], 0, 8),
            Tensor.f32(new float[24], 2, 3, 4),
        };
        for (Tensor t : tensors) {
            assertThat(read(Npy.toBytes(t))).isEqualTo(t);
            Path file = tmp.resolve("t" + Arrays.toString(t.shape()) + ".npy");
            Npy.write(t, file);
            assertThat(Npy.read(file)).isEqualTo(t);
            assertThat(Files.readAllBytes(file)).isEqualTo(Npy.toBytes(t));
        }
    }

    @Test
    void writesTheHeaderExactlyAsNumpySavesIt() {
        byte[] bytes = Npy.toBytes(Tensor.f32(new float[96], 12, 8));
        // np.save(np.zeros((12, 8), np.float32)) with NumPy 2.4: 128 header bytes, dict, spaces, newline
        String header = new String(bytes, 10, 118, StandardCharsets.US_ASCII);
        assertThat(bytes).hasSize(128 + 96 * 4);
        assertThat(Arrays.copyOf(bytes, 10)).containsExactly(0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0);
        assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (12, 8), }   ")
                .endsWith(" \n").hasSize(118);
        assertThat(header.strip()).isEqualTo("{'descr': '<f4', 'fortran_order': False, 'shape': (12, 8), }");
        assertThat(new String(Npy.toBytes(Tensor.i32(new int[5], 5)), 10, 80, StandardCharsets.US_ASCII))
                .startsWith("{'descr': '<i4', 'fortran_order': False, 'shape': (5,), }");
    }

    @Test
    void readsFormatVersion2AndHandWrittenHeaders() throws IOException {
        Tensor expected = Tensor.f32(new float[] {1f, 2f, 3f, 4f, 5f, 6f}, 2, 3);
        byte[] data = floatsLE(1f, 2f, 3f, 4f, 5f, 6f);
        assertThat(read(NpyFiles.make(2, dict("<f4", "(2, 3)"), data))).isEqualTo(expected);
        assertThat(read(NpyFiles.v1("{\"shape\":(2,3),\"descr\":\"<f4\",\"fortran_order\":False}", data)))
                .isEqualTo(expected);
        assertThat(read(NpyFiles.v1("{'descr': '<i4', 'fortran_order': False, 'shape': (2, 1,)}", intsLE(7, 8))))
                .isEqualTo(Tensor.i32(new int[] {7, 8}, 2, 1));
        assertThat(read(NpyFiles.v1(dict("<f4", "()"), floatsLE(9f)))).isEqualTo(Tensor.f32(new float[] {9f}));
    }

    @Test
    void rejectsTruncatedAndTrailingDataFromFilesAndStreams() throws IOException {
        byte[] good = NpyFiles.v1(dict("<f4", "(3,)"), floatsLE(1f, 2f, 3f));
        byte[] truncated = Arrays.copyOf(good, good.length - 2);
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> read(truncated)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("t.npy").hasMessageContaining("truncated").hasMessageContaining("12 data bytes");
        assertThatThrownBy(() -> read(trailing)).hasMessageContaining("t.npy").hasMessageContaining("trailing bytes");
        Path cut = tmp.resolve("cut.npy");
        Files.write(cut, truncated);
        assertThatThrownBy(() -> Npy.read(cut)).hasMessageContaining("cut.npy").hasMessageContaining("truncated")
                .hasMessageContaining("holds 10");
        Path longer = tmp.resolve("longer.npy");
        Files.write(longer, trailing);
        assertThatThrownBy(() -> Npy.read(longer)).hasMessageContaining("longer.npy")
                .hasMessageContaining("1 trailing bytes");
        assertThatThrownBy(() -> read(Arrays.copyOf(good, 9))).hasMessageContaining("truncated");
        assertThatThrownBy(() -> read(Arrays.copyOf(good, 30))).hasMessageContaining("truncated")
                .hasMessageContaining("inside the .npy header");
    }

    @Test
    void aHugeShapeClaimIsRejectedWithoutAllocating() {
        // (2**31, 2**31): neither dimension fits an int
        assertThatThrownBy(() -> read(NpyFiles.v1(dict("<f4", "(2147483648, 2147483648)"), floatsLE(1f))))
                .hasMessageContaining("t.npy").hasMessageContaining("2147483648")
                .hasMessageContaining("larger than 2147483647");
        assertThatThrownBy(() -> read(NpyFiles.v1(dict("<f4", "(2147483647, 2147483647)"), floatsLE(1f))))
                .hasMessageContaining("more elements than fit in one array");
        // 2**31 - 9 int32 = 8 GiB claimed, 4 bytes present: a truncation error, and no big allocation
        byte[] claim = NpyFiles.v1(dict("<i4", "(2147483639,)"), intsLE(1));
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        assertThatThrownBy(() -> read(claim)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("truncated").hasMessageContaining("8589934556 data bytes");
        assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(16 << 20);
        // a caller's bound stops it before reading any data
        assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(NpyFiles.v1(dict("<f4", "(1000,)"), floatsLE(1f))),
                "bounded.npy", 500)).hasMessageContaining("bounded.npy").hasMessageContaining("4000 data bytes")
                .hasMessageContaining("allowed");
    }

    @Test
    void rejectsWhatIsNotANpyOfFormat1Or2() {
        assertThatThrownBy(() -> read("PK\3\4 zip".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("t.npy: not a .npy file");
        byte[] v3 = NpyFiles.make(1, dict("<f4", "(1,)"), floatsLE(1f));
        v3[6] = 3;
        assertThatThrownBy(() -> read(v3)).hasMessageContaining("version 3.0 is not supported");
        String longDict = dict("<f4", "(1,)") + " ".repeat(Npy.MAX_HEADER_BYTES);
        assertThatThrownBy(() -> read(NpyFiles.make(2, longDict, floatsLE(1f))))
                .hasMessageContaining("header is 10058 bytes long, more than the 10000 allowed");
        byte[] nonAscii = NpyFiles.v1("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'é': 1}", floatsLE(1f));
        assertThatThrownBy(() -> read(nonAscii)).hasMessageContaining("non-ASCII");
    }

    @Test
    void rejectsUnsupportedDtypesWithAHint() {
        assertThatThrownBy(() -> read(NpyFiles.v1(dict(">f4", "(1,)"), floatsLE(1f))))
                .hasMessageContaining("t.npy").hasMessageContaining("big-endian dtype '>f4'")
                .hasMessageContaining("astype('<f4')");
        assertThatThrownBy(() -> read(NpyFiles.v1(dict("<f8", "(1,)"), new byte[8])))
                .hasMessageContaining("unsupported dtype '<f8'").hasMessageContaining("float32 ('<f4')");
        assertThatThrownBy(() -> read(NpyFiles.v1(dict("|f4", "(1,)"), floatsLE(1f))))
                .hasMessageContaining("'|f4' does not fix the byte order");
        assertThatThrownBy(() -> read(NpyFiles.v1(dict("|u1", "(4,)"), new byte[4])))
                .hasMessageContaining("unsupported dtype '|u1'");
    }

    @Test
    void rejectsFortranOrderDuplicateUnknownAndMissingKeys() {
        assertThatThrownBy(() -> read(NpyFiles.v1("{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }",
                floatsLE(1f)))).hasMessageContaining("fortran_order is True");
        assertThatThrownBy(() -> read(NpyFiles.v1(
                "{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", floatsLE(1f))))
                .hasMessageContaining("duplicate key 'descr'");
        assertThatThrownBy(() -> read(NpyFiles.v1(
                "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'extra': 1}", floatsLE(1f))))
                .hasMessageContaining("unknown key 'extra'");
        assertThatThrownBy(() -> read(NpyFiles.v1("{'descr': '<f4', 'shape': (1,)}", floatsLE(1f))))
                .hasMessageContaining("missing key 'fortran_order'");
    }

    @Test
    void rejectsAnythingButTheLiteralGrammar() {
        String[] bad = {
            "{'descr': '<f4', 'fortran_order': False, 'shape': (1), }",
            "{'descr': '<f4', 'fortran_order': False, 'shape': [1], }",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (01,), }",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (1L,), }",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (1.0,), }",
            "{'descr': '<f4', 'fortran_order': 0, 'shape': (1,), }",
            "{'descr': '<f4', 'fortran_order': false, 'shape': (1,), }",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), } x",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (1,)",
            "{'descr': '<f4' 'fortran_order': False, 'shape': (1,)}",
            "{'descr': '<f\\x34', 'fortran_order': False, 'shape': (1,)}",
            "{'descr': '<f4, 'fortran_order': False, 'shape': (1,)}",
            "{'descr': __import__('os'), 'fortran_order': False, 'shape': (1,)}",
            "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,)}",
            "('descr', '<f4')",
            "",
        };
        for (String header : bad) {
            assertThatThrownBy(() -> read(NpyFiles.v1(header, floatsLE(1f))))
                    .as(header).isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining("t.npy: bad .npy header");
        }
        assertThatThrownBy(() -> read(NpyFiles.v1(bad[0], floatsLE(1f))))
                .hasMessageContaining("one-dimensional shape is written (1,)");
        assertThatThrownBy(() -> read(NpyFiles.v1(bad[2], floatsLE(1f)))).hasMessageContaining("negative dimension -1");
    }

    @Test
    void readsAStreamThatDeliversFewBytesAtATime() throws IOException {
        Tensor t = Tensor.f32(new float[3000], 3000);
        Arrays.fill(t.floats(), 0.25f);
        byte[] bytes = Npy.toBytes(t);
        InputStream trickle = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }
        };
        assertThat(Npy.read(trickle, "trickle.npy", bytes.length)).isEqualTo(t);
    }
}
