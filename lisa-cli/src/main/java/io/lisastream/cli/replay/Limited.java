package io.lisastream.cli.replay;

/** The first {@code limit} records of another source. */
final class Limited implements ReplaySource {
    private final ReplaySource source;
    private final long limit;
    private long taken;

    Limited(ReplaySource source, long limit) {
        this.source = source;
        this.limit = limit;
    }

    @Override
    public long size() {
        return Math.min(limit, source.size());
    }

    @Override
    public boolean hasNext() {
        return taken < limit && source.hasNext();
    }

    @Override
    public Outgoing next(long nowMillis) {
        taken++;
        return source.next(nowMillis);
    }

    static ReplaySource of(ReplaySource source, Long limit) {
        return limit == null ? source : new Limited(source, limit);
    }
}
