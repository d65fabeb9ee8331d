package io.lisastream.model.artifact;

import io.lisastream.model.Tensor;
import io.lisastream.model.Tensor.DType;
import java.util.Arrays;

/**
 * The dictionary of a {@code .npy} header, reduced to what the artifact allows: a little-endian
 * float32 or int32 element type and a C-order shape.
 *
 * @param dtype element type ({@code <f4} or {@code <i4})
 * @param shape dimensions, each >= 0; empty for a scalar
 */
public record NpyHeader(DType dtype, int[] shape) {

    /** NumPy leaves room for the first axis to grow to this many digits when it writes a header. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;

    public NpyHeader {
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements; fits an int because the parser checked it. */
    public long elementCount() {
        return Tensor.elementCount(shape);
    }

    /** Bytes of the data section (4 per element). */
    public long dataBytes() {
        return elementCount() * Integer.BYTES;
    }

    /**
     * The dictionary text exactly as NumPy 2.x writes it (sorted keys, Python reprs, spare spaces
     * after the dict so the first axis may grow), without the alignment padding and final newline.
     * Writing it this way makes our files byte-identical to {@code np.save}.
     */
    public String dictText() {
        StringBuilder s = new StringBuilder();
        s.append("{'descr': '").append(dtype.npyDescr()).append("', 'fortran_order': False, 'shape': ")
                .append(shapeRepr(shape)).append(", }");
        if (shape.length > 0) {
            s.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - Integer.toString(shape[0]).length()));
        }
        return s.toString();
    }

    /** Python's repr of a tuple of ints: {@code ()}, {@code (5,)}, {@code (2, 3)}. */
    static String shapeRepr(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return s.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && dtype == h.dtype && Arrays.equals(shape, h.shape);
    }

    @Override
    public int hashCode() {
        return 31 * dtype.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "NpyHeader[" + dtype.npyDescr() + " " + shapeRepr(shape) + "]";
    }
}
