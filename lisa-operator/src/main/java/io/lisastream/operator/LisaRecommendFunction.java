package io.lisastream.operator;

import io.lisastream.model.inference.ScoredItems;
import io.lisastream.model.inference.UserState;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LISA serving operator: clicks keyed by user on one side, model announcements broadcast on
 * the other; one {@link Recommendation} per click once a model serves and the user has a known item.
 *
 * <h2>Per click</h2>
 * The click's item id joins the user's ring (always, known or not). With a LISA model the click's
 * item is folded into the decayed codeword histogram in O(B) (unknown items are counted and left
 * out); with sasrec, attention is recomputed over the known items of the ring (the last maxLen).
 * Then the user vector z is scored against the catalogue and the top K items, never one of the
 * newest {@code excludeRecent} ring items, are emitted. {@code historyLength} (t) is the number of
 * clicks of the user so far, this one included, known or not.
 *
 * <h2>Model versions</h2>
 * An announcement is loaded synchronously, in {@link #processBroadcastElement}, by every parallel
 * instance (shared per JVM by {@link ModelCache}); clicks after it use the new model. A model that
 * fails any check is rejected (log line, {@code modelLoadsFailed}) and the previous one keeps
 * serving. Broadcast state holds only the announcement being served (key {@value #SERVING_KEY});
 * after a restore it is loaded again before the first click or announcement is processed, so a
 * recovered run continues with the model the interrupted one served. A user's histogram built under
 * another code space (or decay) is rebuilt from the ring on their next click.
 */
public class LisaRecommendFunction
        extends KeyedBroadcastProcessFunction<String, ClickEvent, ModelAnnouncement, Recommendation> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LisaRecommendFunction.class);

    /** Name of the per-user ValueState (RocksDB column family). */
    public static final String USER_STATE_NAME = "lisa-user-state";
    /** Name of the broadcast MapState of announcements. */
    public static final String ANNOUNCEMENTS_STATE_NAME = "lisa-model-announcements";
    /** The broadcast state key of the announcement being served. */
    public static final String SERVING_KEY = "serving";

    private final LisaOperatorConfig config;

    private transient MapStateDescriptor<String, ModelAnnouncement> announcements;
    private transient ValueState<LisaUserState> userState;
    private transient OperatorMetrics metrics;
    private transient ServingModel model;
    private transient boolean restoreChecked;
    /** Reused histogram buffer [B*W] of the serving model (one thread per instance). */
    private transient float[] histogramBuffer;

    public LisaRecommendFunction(LisaOperatorConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The broadcast state descriptor: announcement by key, only {@link #SERVING_KEY} is used. */
    public static MapStateDescriptor<String, ModelAnnouncement> announcementsDescriptor() {
        return new MapStateDescriptor<>(ANNOUNCEMENTS_STATE_NAME, Types.STRING,
                TypeInformation.of(ModelAnnouncement.class));
    }

    /** The per-user state descriptor, with the configured TTL (cleaned in RocksDB compaction). */
    public static ValueStateDescriptor<LisaUserState> userStateDescriptor(LisaOperatorConfig config) {
        ValueStateDescriptor<LisaUserState> d =
                new ValueStateDescriptor<>(USER_STATE_NAME, TypeInformation.of(LisaUserState.class));
        if (config.hasStateTtl()) {
            d.enableTimeToLive(StateTtlConfig.newBuilder(config.stateTtl())
                    .updateTtlOnCreateAndWrite()
                    .neverReturnExpired()
                    .cleanupInRocksdbCompactFilter(1000)
                    .build());
        }
        return d;
    }

    public LisaOperatorConfig config() {
        return config;
    }

    @Override
    public void open(OpenContext openContext) {
        announcements = announcementsDescriptor();
        userState = getRuntimeContext().getState(userStateDescriptor(config));
        metrics = new OperatorMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processBroadcastElement(ModelAnnouncement announcement, Context ctx, Collector<Recommendation> out)
            throws Exception {
        if (!restoreChecked) {
            ensureRestoredModel(ctx.getBroadcastState(announcements));
        }
        ServingModel current = model;
        if (current != null && announcement != null && current.version().equals(announcement.version)
                && announcement.sha256 != null && current.manifestSha256().equalsIgnoreCase(announcement.sha256)) {
            LOG.info("model {} announced again: already serving it", announcement.version);
            return;
        }
        ServingModel loaded = load(announcement, "announced");
        if (loaded != null) {
            ctx.getBroadcastState(announcements).put(SERVING_KEY, announcement);
        }
    }

    @Override
    public void processElement(ClickEvent click, ReadOnlyContext ctx, Collector<Recommendation> out) throws Exception {
        if (!restoreChecked) {
            ensureRestoredModel(ctx.getBroadcastState(announcements));
        }
        metrics.events.inc();
        LisaUserState s = userState.value();
        if (s == null) {
            s = new LisaUserState();
        }
        s.clicks++;
        s.ring = RecentItems.push(s.ring, s.ringCount, click.itemId, config.ringSize());
        s.ringCount = Math.min(s.ringCount + 1, config.ringSize());

        ServingModel m = model;
        if (m == null) {
            metrics.eventsWithoutModel.inc();
            userState.update(s);
            return;
        }
        int item = m.indexOf(click.itemId);
        if (item < 0) {
            metrics.unknownItems.inc();
        }
        long start = System.nanoTime();
        float[] z = m.isIncremental() ? lisaUserVector(s, m, item) : ringUserVector(s, m);
        if (z != null) {
            ScoredItems top = m.inference().topK(z, config.topK(), recentIndices(s, m));
            metrics.scoringLatency.update((System.nanoTime() - start) / 1_000);
            String[] ids = new String[top.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = m.itemId(top.items()[i]);
            }
            out.collect(new Recommendation(ctx.getCurrentKey(), click.timestamp, m.version(), s.clicks, ids,
                    top.scores(), click.ingestMillis));
            metrics.recommendations.inc();
        }
        userState.update(s);
    }

    /**
     * Folds the click into the histogram (or rebuilds it from the ring, which already holds the
     * click) and returns z; null when the user has no item the model knows.
     */
    private float[] lisaUserVector(LisaUserState s, ServingModel m, int item) {
        float[] h = histogramBuffer(m);
        UserState us;
        if (s.codeSpaceId != m.codeSpaceId() || !HistogramCodec.decode(s.histogram, h)) {
            if (s.clicks > 1) {
                metrics.histogramRebuilds.inc();
            }
            us = rebuild(s, m, h);
        } else if (item >= 0) {
            int[] lastCodes = s.lastItem >= 0 ? m.codesOf(s.lastItem) : new int[m.model().config().codebooks()];
            us = UserState.restore(h, s.scaleExponent, s.lastItem, lastCodes, s.count);
            m.inference().observe(us, item);
        } else {
            // unknown item: the histogram is unchanged; score the history as it stands
            if (s.count == 0) {
                return null;
            }
            return m.inference().userVector(UserState.restore(h, s.scaleExponent, s.lastItem, m.codesOf(s.lastItem),
                    s.count));
        }
        s.codeSpaceId = m.codeSpaceId();
        s.count = us.count();
        s.scaleExponent = us.scaleExponent();
        s.lastItem = us.lastItem();
        s.histogram = HistogramCodec.encode(us.scaledHistogram());
        return us.count() == 0 ? null : m.inference().userVector(us);
    }

    /**
     * The histogram of the ring's known items, oldest first, under model {@code m}. Clicks that
     * already left the ring still count towards the history length (they set the position).
     */
    private static UserState rebuild(LisaUserState s, ServingModel m, float[] buffer) {
        String[] newestFirst = RecentItems.newest(s.ring, s.ringCount, s.ringCount);
        java.util.Arrays.fill(buffer, 0f);
        UserState us = UserState.restore(buffer, 0, -1, new int[m.model().config().codebooks()], 0);
        for (int i = newestFirst.length - 1; i >= 0; i--) {
            int idx = m.indexOf(newestFirst[i]);
            if (idx >= 0) {
                m.inference().observe(us, idx);
            }
        }
        if (us.count() == 0) {
            return us;
        }
        long leftRing = s.clicks - s.ringCount;
        return UserState.restore(us.scaledHistogram(), us.scaleExponent(), us.lastItem(), us.lastCodes(),
                us.count() + leftRing);
    }

    /**
     * Models without an incremental state (sasrec, and LISA with window blocks): z from the last maxLen
     * known items of the ring; null when none is known. A window model's histogram then covers those
     * items only, as in training, where each window starts its histogram afresh.
     */
    private float[] ringUserVector(LisaUserState s, ServingModel m) {
        if (s.codeSpaceId != 0) {
            s.clearHistogram();
        }
        String[] newestFirst = RecentItems.newest(s.ring, s.ringCount, s.ringCount);
        int[] window = new int[Math.min(newestFirst.length, m.maxLen())];
        int n = 0;
        for (int i = 0; i < newestFirst.length && n < window.length; i++) {
            int idx = m.indexOf(newestFirst[i]);
            if (idx >= 0) {
                window[n++] = idx;
            }
        }
        if (n == 0) {
            return null;
        }
        int[] chronological = new int[n];
        for (int i = 0; i < n; i++) {
            chronological[i] = window[n - 1 - i];
        }
        return m.inference().userVector(chronological);
    }

    /** Internal indices of the newest excludeRecent ring items the model knows. */
    private int[] recentIndices(LisaUserState s, ServingModel m) {
        String[] ids = RecentItems.newest(s.ring, s.ringCount, config.excludeRecent());
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = m.indexOf(ids[i]);
        }
        return out;
    }

    private float[] histogramBuffer(ServingModel m) {
        int size = m.histogramSize();
        if (histogramBuffer == null || histogramBuffer.length != size) {
            histogramBuffer = new float[size];
        }
        return histogramBuffer;
    }

    /**
     * Once per instance life: after a restore, loads the announcement that was being served
     * before any click or announcement is processed.
     */
    private void ensureRestoredModel(ReadOnlyBroadcastState<String, ModelAnnouncement> broadcast) throws Exception {
        restoreChecked = true;
        ModelAnnouncement serving = broadcast.get(SERVING_KEY);
        if (serving != null && model == null) {
            load(serving, "restored");
        }
    }

    /** Loads and swaps in a model; on failure logs, counts, keeps the current one and returns null. */
    private ServingModel load(ModelAnnouncement announcement, String how) {
        long start = System.nanoTime();
        try {
            ServingModel loaded = ModelLoader.load(announcement, config);
            long pauseMillis = (System.nanoTime() - start) / 1_000_000;
            ServingModel previous = model;
            model = loaded;
            metrics.modelLoadsOk.inc();
            metrics.modelServed(loaded, pauseMillis);
            LOG.info("serving {} ({}; paused processing {} ms; previous: {})", loaded, how, pauseMillis,
                    previous == null ? "none" : previous.version());
            return loaded;
        } catch (ModelRejectedException e) {
            metrics.modelLoadsFailed.inc();
            LOG.warn("rejected model announcement {} ({}): {} (still serving {})", announcement, how, e.getMessage(),
                    model == null ? "no model" : model.version());
            return null;
        }
    }

    /** Metrics of this instance (for tests in this package). */
    OperatorMetrics metrics() {
        return metrics;
    }

    /** The model this instance serves, or null (for tests in this package). */
    ServingModel servingModel() {
        return model;
    }
}
