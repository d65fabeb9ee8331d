package io.lisastream.operator;

import java.util.Arrays;
import java.util.Objects;

/**
 * One user's state, kept as a single value (one RocksDB read and one write per click). A Flink
 * POJO of primitives and byte arrays: the PojoSerializer copies the arrays in bulk, never Kryo.
 * Its size is bounded by the ring capacity and B*W, whatever the history length.
 *
 * <p>Histogram fields are meaningful only while {@link #codeSpaceId} matches the serving model's
 * (see {@link ServingModel#codeSpaceId()}); otherwise the histogram is rebuilt from the ring.
 */
public class LisaUserState {
    /** t: every click of this user so far (known, unknown, and before any model). */
    public long clicks;
    /** Entries in {@link #ring} (at most the ring capacity). */
    public int ringCount;
    /** Recent external item ids, newest first ({@link RecentItems} layout). */
    public byte[] ring = HistogramCodec.EMPTY;

    /** Fingerprint of the code space and decay(s) the histogram was built under; 0 = no histogram. */
    public long codeSpaceId;
    /** Events folded into the histogram (the model's history length, which sets the position). */
    public long count;
    /** Lazy scale: codebook b's true entries are the stored ones times exp(-lambda_b * scaleExponent). */
    public int scaleExponent;
    /** Internal index (in that code space) of the newest item folded in: the attention query. */
    public int lastItem = -1;
    /** The scaled histogram [B*W] ({@link HistogramCodec} layout), empty when there is none. */
    public byte[] histogram = HistogramCodec.EMPTY;

    public LisaUserState() {
    }

    /** Forgets the histogram (a model without one serves, or it is about to be rebuilt). */
    void clearHistogram() {
        codeSpaceId = 0;
        count = 0;
        scaleExponent = 0;
        lastItem = -1;
        histogram = HistogramCodec.EMPTY;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LisaUserState s && clicks == s.clicks && ringCount == s.ringCount
                && codeSpaceId == s.codeSpaceId && count == s.count && scaleExponent == s.scaleExponent
                && lastItem == s.lastItem && Arrays.equals(ring, s.ring) && Arrays.equals(histogram, s.histogram);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clicks, ringCount, codeSpaceId, count, scaleExponent, lastItem, Arrays.hashCode(ring),
                Arrays.hashCode(histogram));
    }

    @Override
    public String toString() {
        return "LisaUserState{clicks=" + clicks + ", ring=" + ringCount + " ids/" + ring.length + " B, count=" + count
                + ", histogram=" + histogram.length + " B}";
    }
}
