package io.lisastream.operator;

import io.lisastream.model.LisaModel;
import io.lisastream.model.inference.InferenceModel;
import io.lisastream.model.inference.UserState;
import java.nio.charset.StandardCharsets;

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

    /** The {@link RecentItems} bytes of the newest {@code capacity} ids, built in one pass. */
    static byte[] ring(String[] oldestFirst, int capacity) {
        int n = Math.min(oldestFirst.length, capacity);
        byte[][] ids = new byte[n][];
        int size = 0;
        for (int i = 0; i < n; i++) {
            String id = oldestFirst[oldestFirst.length - 1 - i];
            byte[] b = id == null ? new byte[0] : id.getBytes(StandardCharsets.UTF_8);
            if (b.length > RecentItems.MAX_ID_BYTES) {
                b = new byte[0];
            }
            ids[i] = b;
            size += Varint.size(b.length) + b.length;
        }
        byte[] out = new byte[size];
        int pos = 0;
        for (byte[] b : ids) {
            pos = Varint.write(out, pos, b.length);
            System.arraycopy(b, 0, out, pos, b.length);
            pos += b.length;
        }
        return out;
    }
}
