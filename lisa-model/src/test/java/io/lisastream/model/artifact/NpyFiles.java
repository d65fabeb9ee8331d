package io.lisastream.model.artifact;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Hand-made .npy bytes for tests: any header text, any data, version 1.0 or 2.0. */
final class NpyFiles {

    private NpyFiles() {
    }

    static byte[] v1(String dict, byte[] data) {
        return make(1, dict, data);
    }

    static byte[] make(int major, String dict, byte[] data) {
        byte[] header = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        ByteBuffer len = ByteBuffer.allocate(major == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) {
            len.putShort((short) header.length);
        } else {
            len.putInt(header.length);
        }
        out.writeBytes(len.array());
        out.writeBytes(header);
        out.writeBytes(data);
        return out.toByteArray();
    }

    static byte[] floatsLE(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    static byte[] intsLE(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    static String dict(String descr, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    }
}
