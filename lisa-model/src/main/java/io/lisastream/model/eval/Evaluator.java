package io.lisastream.model.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Leave-one-out evaluation of a {@link Ranker}. Immutable: configure with the {@code with...}-style
 * methods, each returning a new evaluator. Defaults: {@link Protocol#SAMPLED},
 * {@link Target#TEST}, seed 42, 1 thread, all evaluated users, 100 negatives, no progress callback.
 *
 * <p>Per evaluated user u: history = {@link LeaveOneOut#history(int, Target)}, target =
 * {@link LeaveOneOut#target(int, Target)}.
 * <ul>
 *   <li>SAMPLED: candidates = [target, {@link NegativeSampler#sample} negatives] scored with
 *       {@link Ranker#score}; the rank is the target's among them.</li>
 *   <li>FULL: {@link Ranker#scoreAll}; the target is ranked among all items except those in the
 *       history (the target itself is always ranked, even if it also occurs in the history).</li>
 * </ul>
 * Ranks are pessimistic ({@link Ranking}). Users are evaluated in parallel on a small pool; each
 * user's rank depends only on the ranker, the split and the seed, and the means are summed in
 * user order, so results do not depend on the thread count.
 */
public final class Evaluator {
    private static final int CHUNK = 32;

    /** Receives (users done, users in total); may be called from any evaluation thread. */
    @FunctionalInterface
    public interface Progress {
        void update(int done, int total);
    }

    private final LeaveOneOut split;
    private final Protocol protocol;
    private final Target target;
    private final long seed;
    private final int threads;
    private final int maxUsers;
    private final int negatives;
    private final Progress progress;

    private Evaluator(LeaveOneOut split, Protocol protocol, Target target, long seed, int threads, int maxUsers,
            int negatives, Progress progress) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (maxUsers < 0) {
            throw new IllegalArgumentException("maxUsers must be >= 0 (0 = all), got " + maxUsers);
        }
        if (negatives < 1) {
            throw new IllegalArgumentException("negatives must be >= 1, got " + negatives);
        }
        this.split = split;
        this.protocol = protocol;
        this.target = target;
        this.seed = seed;
        this.threads = threads;
        this.maxUsers = maxUsers;
        this.negatives = negatives;
        this.progress = progress;
    }

    public static Evaluator of(LeaveOneOut split) {
        return new Evaluator(split, Protocol.SAMPLED, Target.TEST, 42L, 1, 0, NegativeSampler.DEFAULT_COUNT, null);
    }

    /** One-call form: all evaluated users, 100 negatives for SAMPLED. */
    public static Metrics evaluate(Ranker ranker, LeaveOneOut split, Protocol protocol, Target target, long seed,
            int threads) {
        return of(split).protocol(protocol).target(target).seed(seed).threads(threads).evaluate(ranker);
    }

    public Evaluator protocol(Protocol p) {
        return new Evaluator(split, p, target, seed, threads, maxUsers, negatives, progress);
    }

    public Evaluator target(Target t) {
        return new Evaluator(split, protocol, t, seed, threads, maxUsers, negatives, progress);
    }

    /** Seed of the negatives (and of the {@link #maxUsers} subset). */
    public Evaluator seed(long s) {
        return new Evaluator(split, protocol, target, s, threads, maxUsers, negatives, progress);
    }

    public Evaluator threads(int n) {
        return new Evaluator(split, protocol, target, seed, n, maxUsers, negatives, progress);
    }

    /**
     * Evaluate at most this many users (0 = all): a subset drawn uniformly with the seed, the same
     * for every model and thread count. For quick runs; report the user count with the numbers.
     */
    public Evaluator maxUsers(int n) {
        return new Evaluator(split, protocol, target, seed, threads, n, negatives, progress);
    }

    /** Negatives per user for {@link Protocol#SAMPLED} (default 100). */
    public Evaluator negatives(int n) {
        return new Evaluator(split, protocol, target, seed, threads, maxUsers, n, progress);
    }

    public Evaluator progress(Progress p) {
        return new Evaluator(split, protocol, target, seed, threads, maxUsers, negatives, p);
    }

    /** The users this evaluator scores, ascending user indices. */
    public int[] users() {
        int[] all = split.evaluatedUsers();
        if (maxUsers == 0 || maxUsers >= all.length) {
            return all;
        }
        SplittableRandom rng = new SplittableRandom(NegativeSampler.userSeed(seed, -1));
        for (int k = 0; k < maxUsers; k++) {
            int j = k + rng.nextInt(all.length - k);
            int tmp = all[j];
            all[j] = all[k];
            all[k] = tmp;
        }
        int[] subset = Arrays.copyOf(all, maxUsers);
        Arrays.sort(subset);
        return subset;
    }

    public Metrics evaluate(Ranker ranker) {
        return Metrics.fromRanks(protocol.label(), ranks(ranker));
    }

    /** The 0-based pessimistic rank of each user's target, aligned with {@link #users()}. */
    public int[] ranks(Ranker ranker) {
        int[] users = users();
        if (users.length == 0) {
            throw new IllegalArgumentException("no user has " + LeaveOneOut.MIN_INTERACTIONS
                    + " or more interactions: nothing to evaluate");
        }
        int[] ranks = new int[users.length];
        AtomicInteger done = new AtomicInteger();
        if (threads == 1) {
            for (int from = 0; from < users.length; from += CHUNK) {
                runChunk(ranker, users, ranks, from, done);
            }
            return ranks;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int from = 0; from < users.length; from += CHUNK) {
                int start = from;
                futures.add(pool.submit(() -> runChunk(ranker, users, ranks, start, done)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation interrupted", e);
        } finally {
            pool.shutdownNow();
        }
        return ranks;
    }

    private void runChunk(Ranker ranker, int[] users, int[] ranks, int from, AtomicInteger done) {
        int to = Math.min(users.length, from + CHUNK);
        for (int k = from; k < to; k++) {
            ranks[k] = rankOfUser(ranker, users[k]);
        }
        int d = done.addAndGet(to - from);
        if (progress != null) {
            progress.update(d, users.length);
        }
    }

    private int rankOfUser(Ranker ranker, int u) {
        int[] history = split.history(u, target);
        int item = split.target(u, target);
        int n = split.numItems();
        if (protocol == Protocol.SAMPLED) {
            int[] negs = NegativeSampler.sample(n, split.interactedView(u), negatives, seed, u);
            int[] candidates = new int[negs.length + 1];
            candidates[0] = item;
            System.arraycopy(negs, 0, candidates, 1, negs.length);
            float[] scores = ranker.score(history, candidates);
            if (scores == null || scores.length != candidates.length) {
                throw new IllegalStateException("ranker returned " + (scores == null ? "null" : scores.length + " scores")
                        + " for " + candidates.length + " candidates");
            }
            return Ranking.rankOf(scores, 0);
        }
        float[] scores = ranker.scoreAll(history, n);
        if (scores == null || scores.length != n) {
            throw new IllegalStateException("ranker returned " + (scores == null ? "null" : scores.length + " scores")
                    + " from scoreAll for " + n + " items");
        }
        boolean[] excluded = new boolean[n];
        for (int i : history) {
            excluded[i] = true;
        }
        excluded[item] = false;
        return Ranking.fullRank(scores, item, excluded);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger id = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "lisa-eval-" + id.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
