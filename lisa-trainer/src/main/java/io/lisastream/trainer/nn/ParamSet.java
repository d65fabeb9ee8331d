package io.lisastream.trainer.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The trainable parameters of a network, by name, in registration order. */
public final class ParamSet {
    private final Map<String, Param> byName = new LinkedHashMap<>();

    public Param add(Param p) {
        if (byName.putIfAbsent(p.name(), p) != null) {
            throw new IllegalArgumentException("parameter '" + p.name() + "' registered twice");
        }
        return p;
    }

    public Param get(String name) {
        Param p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'");
        }
        return p;
    }

    public boolean has(String name) {
        return byName.containsKey(name);
    }

    public List<Param> all() {
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }

    public void zeroGrad() {
        for (Param p : byName.values()) {
            p.zeroGrad();
        }
    }

    public long count() {
        long n = 0;
        for (Param p : byName.values()) {
            n += p.size();
        }
        return n;
    }
}
