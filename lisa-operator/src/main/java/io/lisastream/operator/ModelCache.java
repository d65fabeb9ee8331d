package io.lisastream.operator;

import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Per-JVM sharing of compiled models: parallel instances of the operator in one TaskManager that
 * are told to load the same artifact (same normalised URI and manifest digest, hence the same
 * verified bytes) build it once. Entries are weak: a model no instance serves any more is
 * collected. Loads are serialised, so two instances never build the same model twice.
 */
final class ModelCache {
    interface Loader {
        ServingModel load() throws ModelRejectedException;
    }

    private static final Map<String, WeakReference<ServingModel>> MODELS = new HashMap<>();

    private ModelCache() {
    }

    /** Forgets every cached model (tests; instances keep the models they serve). */
    static synchronized void clear() {
        MODELS.clear();
    }

    /** The cached model for this key, or {@code loader}'s result (cached when it succeeds). */
    static synchronized ServingModel get(String uri, String manifestSha256, Loader loader) throws ModelRejectedException {
        String key = uri + "#" + manifestSha256;
        WeakReference<ServingModel> ref = MODELS.get(key);
        ServingModel model = ref == null ? null : ref.get();
        if (model != null) {
            return model;
        }
        model = loader.load();
        for (Iterator<WeakReference<ServingModel>> it = MODELS.values().iterator(); it.hasNext(); ) {
            if (it.next().get() == null) {
                it.remove();
            }
        }
        MODELS.put(key, new WeakReference<>(model));
        return model;
    }
}
