package io.lisastream.operator;

import io.lisastream.model.LisaModel;
import io.lisastream.model.inference.InferenceModel;
import io.lisastream.model.inference.UserState;

/**
 * The state the operator would hold for a user after a given history of clicks, computed offline
 * (for bootstrapping savepoints with the State Processor API, and for benchmarks that need users
 * with long histories without replaying them). Equal, field by field, to what
 * {@link LisaRecommendFunction} stores after the same clicks under the same model and ring size.
 */
public final class UserStateBootstrap {
    private UserStateBootstrap() {
    }

    /**
     * @param model     the served model as read from its artifact (its codeSpace identifies the histogram)
     * @param inference {@code InferenceModel.compile(model)}
     * @param itemIds   the user's clicks, oldest first (ids the model does not know are kept in the
     *                  ring and left out of the histogram, as the operator does)
     * @param ringSize  the operator's ring size
     */
    public static LisaUserState afterClicks(LisaModel model, InferenceModel inference, String[] itemIds,
            int ringSize) {
        if (ringSize < 1) {
            throw new IllegalArgumentException("ringSize must be positive, got " + ringSize);
        }
        LisaUserState s = new LisaUserState();
        s.clicks = itemIds.length;
        s.ringCount = Math.min(itemIds.length, ringSize);
        s.ring = ring(itemIds, ringSize);
        if (!inference.isIncremental() || itemIds.length == 0) {
            return s;
        }
        UserState us = inference.newState();
        for (String id : itemIds) {
            int idx = id == null ? -1 : model.indexOf(id);
            if (idx >= 0) {
                inference.observe(us, idx);
            }
        }
        if (us.count() == 0) {
            return s;
        }
        s.codeSpaceId = ServingModel.codeSpaceId(model);
        s.count = us.count();
        s.scaleExponent = us.scaleExponent();
        s.lastItem = us.lastItem();
        s.histogram = HistogramCodec.encode(us.scaledHistogram());
        return s;
    }

    /** The {@link RecentItems} bytes after these clicks, built in one pass ({@link RecentItems#of}). */
    static byte[] ring(String[] oldestFirst, int capacity) {
        return RecentItems.of(oldestFirst, capacity);
    }
}
