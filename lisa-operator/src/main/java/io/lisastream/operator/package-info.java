/**
 * The online LISA operator: clicks keyed by user, model versions broadcast in, top-K per click.
 *
 * <h2>Classes</h2>
 * <ul>
 *   <li>{@link io.lisastream.operator.LisaOperator}: wires the operator into a job (uid, types).</li>
 *   <li>{@link io.lisastream.operator.LisaOperatorConfig}: K, ring size, exclusion, TTL, allowed model roots.</li>
 *   <li>{@link io.lisastream.operator.LisaRecommendFunction}: the keyed broadcast function.</li>
 *   <li>{@link io.lisastream.operator.LisaUserState}: one user's state (a POJO, one RocksDB value).</li>
 *   <li>HistogramCodec, RecentItems, Varint: the compact encodings inside that state.</li>
 *   <li>ModelLoader, ModelUriPolicy, FlinkArtifactSource, ModelCache, ServingModel: from an
 *       announcement to a verified, compiled model shared by every key in the JVM.</li>
 *   <li>OperatorMetrics: the operator's counters, gauges and latency histogram.</li>
 *   <li>{@link io.lisastream.operator.ClickEvent}, {@link io.lisastream.operator.ModelAnnouncement},
 *       {@link io.lisastream.operator.Recommendation}: the messages (Flink POJOs).</li>
 * </ul>
 *
 * <h2>Per-user state (shapes)</h2>
 * <pre>
 *   clicks          long     t, every click so far
 *   ring, ringCount byte[]   the newest min(t, ringSize) external item ids, newest first
 *   codeSpaceId     long     64-bit fingerprint of (codeSpace, decay(s), B x W) the histogram belongs to
 *   count           long     events folded into the histogram (sets the position, min(count, maxLen) - 1)
 *   scaleExponent   int      lazy scale: true h_b = stored h_b * exp(-lambda_b * scaleExponent)
 *   lastItem        int      internal index of the newest folded item (the attention query)
 *   histogram       byte[]   h [B*W] as a bitmap of non-zero entries plus their float32 bits
 * </pre>
 * Bounded by ringSize and B*W, whatever the history length: for an ML-1M-sized lisa-base model
 * (8 x 128) and the default ring of 200 MovieLens ids, at most about 4.7 KB.
 */
package io.lisastream.operator;
