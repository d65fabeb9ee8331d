package io.lisastream.operator;

import io.lisastream.model.LisaModel;
import io.lisastream.model.Variant;
import io.lisastream.model.artifact.ModelArtifact;
import io.lisastream.model.inference.InferenceModel;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns an announcement into a {@link ServingModel} or a {@link ModelRejectedException} saying
 * why: the announcement must be complete, its URI below an allowed root, the artifact must verify
 * fully against the announced manifest digest (every tensor's sha256, shape, dtype, finiteness,
 * code ranges), the manifest's version must be the announced one, and a sasrec model's window
 * (maxLen) must fit in the ring.
 */
final class ModelLoader {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private ModelLoader() {
    }

    static ServingModel load(ModelAnnouncement a, LisaOperatorConfig config) throws ModelRejectedException {
        if (a == null) {
            throw new ModelRejectedException("announcement is null");
        }
        if (a.version == null || a.version.isBlank()) {
            throw new ModelRejectedException("announcement has no version");
        }
        if (a.sha256 == null || !SHA256_HEX.matcher(a.sha256).matches()) {
            throw new ModelRejectedException("announcement of version " + a.version
                    + " has no valid sha256 (64 hex digits of manifest.json's digest expected)");
        }
        ModelUriPolicy.Location location = ModelUriPolicy.check(a.uri, config.allowedModelRoots());
        URI uri = location.toUri();
        String sha = a.sha256.toLowerCase(Locale.ROOT);
        ServingModel model = ModelCache.get(uri.toString(), sha, () -> readAndCompile(uri, sha));
        if (!model.version().equals(a.version)) {
            throw new ModelRejectedException("announced version '" + a.version + "' but the manifest at " + uri
                    + " says '" + model.version() + "'");
        }
        if (!model.isIncremental() && model.maxLen() > config.ringSize()) {
            throw new ModelRejectedException(model.model().variant().wireName()
                    + (model.model().variant() == Variant.SASREC ? "" : " (window blocks)") + " model " + a.version
                    + " is scored from the last maxLen = " + model.maxLen() + " items but the ring keeps only "
                    + config.ringSize() + " (raise ringSize)");
        }
        return model;
    }

    private static ServingModel readAndCompile(URI uri, String sha) throws ModelRejectedException {
        long start = System.nanoTime();
        try {
            LisaModel model = ModelArtifact.read(new FlinkArtifactSource(uri), sha);
            InferenceModel inference = InferenceModel.compile(model);
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new ServingModel(uri.toString(), sha, model, inference, millis);
        } catch (Exception e) {
            throw new ModelRejectedException("model at " + uri + " failed to load: " + e.getMessage(), e);
        }
    }
}
