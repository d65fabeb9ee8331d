package io.lisastream.trainer.nn;

import java.util.HashMap;
import java.util.Map;

/**
 * An exponential moving average of the parameters (Polyak averaging): after every optimiser step,
 * avg = beta * avg + (1 - beta) * theta. The average starts at the parameters it is created from,
 * so beta = 0.99 forgets them after a few hundred steps. Evaluating the average instead of the last
 * iterate smooths out the step-to-step noise of Adam at a high learning rate. It is part of a
 * checkpoint.
 */
public final class ParamAverage {
    private final double beta;
    private final Map<String, float[]> avg = new HashMap<>();

    /** beta in (0, 1): the weight of the old average at each step. */
    public ParamAverage(double beta, ParamSet params) {
        if (!(beta > 0 && beta < 1)) {
            throw new IllegalArgumentException("the average's beta must be in (0, 1), got " + beta);
        }
        this.beta = beta;
        for (Param p : params.all()) {
            avg.put(p.name(), p.value.clone());
        }
    }

    /** Moves the average towards the current parameters; call after each optimiser step. */
    public void update(ParamSet params) {
        float w = (float) (1 - beta);
        params.all().parallelStream().forEach(p -> {
            float[] a = avg.get(p.name());
            float[] x = p.value;
            for (int i = 0; i < x.length; i++) {
                a[i] += w * (x[i] - a[i]);
            }
        });
    }

    /** The averaged values by parameter name (live arrays: copy before keeping them). */
    public Map<String, float[]> values() {
        return avg;
    }

    /** Replaces the average with one saved in a checkpoint; it must cover every parameter (null: none saved). */
    public void restore(ParamSet params, Map<String, float[]> saved) {
        for (Param p : params.all()) {
            float[] s = saved == null ? null : saved.get(p.name());
            if (s == null || s.length != p.size()) {
                throw new IllegalStateException("the saved parameter average lacks " + p + " or has another size");
            }
            avg.put(p.name(), s.clone());
        }
    }
}
