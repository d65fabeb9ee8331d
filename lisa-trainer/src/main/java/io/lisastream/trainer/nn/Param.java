package io.lisastream.trainer.nn;

import java.util.Arrays;

/**
 * A trainable tensor: row-major values, the gradient accumulated by the backward pass, its shape.
 */
public final class Param {
    private final String name;
    private final int[] shape;
    public final float[] value;
    public final float[] grad;

    public Param(String name, int... shape) {
        this.name = name;
        this.shape = shape.clone();
        int n = 1;
        for (int s : shape) {
            n = Math.multiplyExact(n, s);
        }
        this.value = new float[n];
        this.grad = new float[n];
    }

    public String name() {
        return name;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int size() {
        return value.length;
    }

    public void zeroGrad() {
        Arrays.fill(grad, 0f);
    }

    /** Fills with N(0, std^2). */
    public Param normal(java.util.Random rng, double std) {
        for (int i = 0; i < value.length; i++) {
            value[i] = (float) (rng.nextGaussian() * std);
        }
        return this;
    }

    /** Fills with U(-limit, limit). */
    public Param uniform(java.util.Random rng, double limit) {
        for (int i = 0; i < value.length; i++) {
            value[i] = (float) ((rng.nextDouble() * 2 - 1) * limit);
        }
        return this;
    }

    public Param fill(float v) {
        Arrays.fill(value, v);
        return this;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
