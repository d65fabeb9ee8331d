package io.lisastream.pipeline;

import io.lisastream.model.LisaModel;
import io.lisastream.model.artifact.ArtifactSource;
import io.lisastream.model.artifact.ModelArtifact;
import io.lisastream.model.inference.InferenceModel;
import io.lisastream.model.inference.ScoredItems;
import io.lisastream.operator.ClickEvent;
import io.lisastream.operator.ModelAnnouncement;
import io.lisastream.operator.Recommendation;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TEMPORARY stand-in for the LISA operator of lisa-operator (branch feat/operator), so the pipeline
 * can be built and tested end to end before it lands; {@link LisaStage} swaps it out in one line and
 * this class is then deleted. It is deliberately simple and slow: it keeps each user's last
 * {@code ringSize} item ids and recomputes the user vector from them with the model core's batch
 * inference on every click (no incremental histogram, no code-space handling).
 */
final class InterimLisaFunction extends KeyedBroadcastProcessFunction<String, ClickEvent, ModelAnnouncement, Recommendation> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(InterimLisaFunction.class);
    private static final String CURRENT = "current";

    static final MapStateDescriptor<String, ModelAnnouncement> MODELS = new MapStateDescriptor<>("models",
            BasicTypeInfo.STRING_TYPE_INFO, TypeInformation.of(ModelAnnouncement.class));

    private final int topK;
    private final int ringSize;
    private final int excludeLast;
    private final Duration stateTtl;
    private final List<String> allowedRoots;

    private transient ValueState<String[]> ring;
    private transient ValueState<Long> count;
    private transient Serving serving;
    private transient Counter eventsWithoutModel;
    private transient Counter modelLoadsFailed;

    InterimLisaFunction(JobConfig c) {
        this.topK = c.topK();
        this.ringSize = c.ringSize();
        this.excludeLast = c.excludeLast();
        this.stateTtl = c.stateTtl();
        this.allowedRoots = new ArrayList<>(c.allowedModelRoots());
    }

    private record Serving(ModelAnnouncement announcement, InferenceModel model) {
    }

    @Override
    public void open(OpenContext openContext) {
        StateTtlConfig ttl = StateTtlConfig.newBuilder(stateTtl).cleanupInRocksdbCompactFilter(1000).build();
        ValueStateDescriptor<String[]> ringDesc = new ValueStateDescriptor<>("ring", BasicArrayTypeInfo.STRING_ARRAY_TYPE_INFO);
        ringDesc.enableTimeToLive(ttl);
        ValueStateDescriptor<Long> countDesc = new ValueStateDescriptor<>("count", BasicTypeInfo.LONG_TYPE_INFO);
        countDesc.enableTimeToLive(ttl);
        ring = getRuntimeContext().getState(ringDesc);
        count = getRuntimeContext().getState(countDesc);
        eventsWithoutModel = getRuntimeContext().getMetricGroup().counter("eventsWithoutModel");
        modelLoadsFailed = getRuntimeContext().getMetricGroup().counter("modelLoadsFailed");
    }

    @Override
    public void processBroadcastElement(ModelAnnouncement a, Context ctx, Collector<Recommendation> out) throws Exception {
        Serving loaded = load(a);
        if (loaded != null) {
            serving = loaded;
            ctx.getBroadcastState(MODELS).put(CURRENT, a);
        }
    }

    @Override
    public void processElement(ClickEvent click, ReadOnlyContext ctx, Collector<Recommendation> out) throws Exception {
        String[] r = ring.value();
        String[] next = r == null ? new String[1] : Arrays.copyOfRange(r, Math.max(0, r.length + 1 - ringSize) , r.length + 1);
        next[next.length - 1] = click.itemId;
        ring.update(next);
        Long n = count.value();
        long t = (n == null ? 0 : n) + 1;
        count.update(t);

        ModelAnnouncement current = ctx.getBroadcastState(MODELS).get(CURRENT);
        if (current != null && (serving == null || !serving.announcement.equals(current))) {
            serving = load(current); // after a restore: broadcast state came back, the tables did not
        }
        if (serving == null) {
            eventsWithoutModel.inc();
            return;
        }
        InferenceModel m = serving.model;
        int[] known = Arrays.stream(next).mapToInt(id -> m.model().indexOf(id)).filter(i -> i >= 0).toArray();
        if (known.length == 0) {
            return;
        }
        int[] exclude = Arrays.copyOfRange(known, Math.max(0, known.length - excludeLast), known.length);
        ScoredItems top = m.topK(m.userVector(known), topK, excludeLast == 0 ? null : exclude);
        String[] ids = new String[top.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = m.model().itemIds().get(top.items()[i]);
        }
        out.collect(new Recommendation(click.userId, click.timestamp, serving.announcement.version, t, ids, top.scores(),
                click.ingestMillis));
    }

    private Serving load(ModelAnnouncement a) {
        try {
            URI uri = URI.create(a.uri).normalize();
            String s = uri.toString();
            if (!"file".equals(uri.getScheme()) || allowedRoots.stream().noneMatch(root -> (s.endsWith("/") ? s : s + "/").startsWith(root))) {
                throw new IllegalArgumentException("uri " + a.uri + " is not under the allowed roots " + allowedRoots);
            }
            LisaModel model = ModelArtifact.read(ArtifactSource.directory(Path.of(uri)), a.sha256);
            LOG.info("Model {} loaded from {}", a.version, a.uri);
            return new Serving(a, InferenceModel.compile(model));
        } catch (Exception e) {
            modelLoadsFailed.inc();
            LOG.warn("Model {} from {} rejected, the previous model keeps serving: {}", a.version, a.uri, e.toString());
            return null;
        }
    }
}
