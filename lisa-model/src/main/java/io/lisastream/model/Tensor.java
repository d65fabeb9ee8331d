package io.lisastream.model;

import java.util.Arrays;

/**
 * A dense C-order tensor of float32 or int32, the unit of the model artifact. Exactly one of
 * {@link #floats()} and {@link #ints()} is non-null, matching {@link #dtype()}.
 */
public record Tensor(DType dtype, int[] shape, float[] floats, int[] ints) {

    /** Element types the artifact allows. */
    public enum DType {
        FLOAT32("float32", "<f4"),
        INT32("int32", "<i4");

        private final String manifestName;
        private final String npyDescr;

        DType(String manifestName, String npyDescr) {
            this.manifestName = manifestName;
            this.npyDescr = npyDescr;
        }

        /** The dtype as written in manifest.json, e.g. {@code float32}. */
        public String manifestName() {
            return manifestName;
        }

        /** The dtype as written in a .npy header, e.g. {@code <f4}. */
        public String npyDescr() {
            return npyDescr;
        }

        public static DType fromManifestName(String name) {
            for (DType d : values()) {
                if (d.manifestName.equals(name)) {
                    return d;
                }
            }
            throw new ModelFormatException("unsupported dtype '" + name + "' (expected float32 or int32)");
        }
    }

    public Tensor {
        shape = shape.clone();
        long n = elementCount(shape);
        int length = dtype == DType.FLOAT32 ? floats.length : ints.length;
        if ((dtype == DType.FLOAT32) != (ints == null) || (dtype == DType.INT32) != (floats == null)) {
            throw new IllegalArgumentException("tensor data does not match dtype " + dtype);
        }
        if (n != length) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " needs " + n
                    + " elements, got " + length);
        }
    }

    public static Tensor f32(float[] data, int... shape) {
        return new Tensor(DType.FLOAT32, shape, data, null);
    }

    public static Tensor i32(int[] data, int... shape) {
        return new Tensor(DType.INT32, shape, null, data);
    }

    /** Number of elements of a shape; 1 for a scalar (empty shape). */
    public static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && dtype == t.dtype && Arrays.equals(shape, t.shape)
                && Arrays.equals(floats, t.floats) && Arrays.equals(ints, t.ints);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + (floats != null ? Arrays.hashCode(floats) : Arrays.hashCode(ints));
    }

    @Override
    public String toString() {
        return "Tensor[" + dtype.manifestName() + " " + Arrays.toString(shape) + "]";
    }
}
