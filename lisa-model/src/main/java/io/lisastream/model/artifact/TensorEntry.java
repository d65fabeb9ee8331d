package io.lisastream.model.artifact;

import io.lisastream.model.Tensor.DType;
import java.util.Arrays;

/**
 * One row of manifest.json's {@code tensors} table.
 *
 * @param file   the .npy file inside the artifact directory, a plain name such as {@code codes.npy}
 * @param dtype  element type, written {@code float32} or {@code int32}
 * @param shape  dimensions
 * @param sha256 lowercase hex SHA-256 of the whole file (header included)
 */
public record TensorEntry(String file, DType dtype, int[] shape, String sha256) {

    public TensorEntry {
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorEntry e && file.equals(e.file) && dtype == e.dtype && Arrays.equals(shape, e.shape)
                && sha256.equals(e.sha256);
    }

    @Override
    public int hashCode() {
        return (file.hashCode() * 31 + Arrays.hashCode(shape)) * 31 + sha256.hashCode();
    }

    @Override
    public String toString() {
        return "TensorEntry[" + file + " " + dtype.manifestName() + " " + Arrays.toString(shape) + " " + sha256 + "]";
    }
}
