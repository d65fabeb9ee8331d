package io.lisastream.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lisastream.model.data.SequenceDataset;
import io.lisastream.model.data.SyntheticSequences;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    private static final SequenceDataset SYN = SyntheticSequences.generate(300, 400, 15, 11L);
    private static final LeaveOneOut SPLIT = LeaveOneOut.split(SYN);

    /** Deterministic, model-like scores that depend on the history and the item only. */
    private static final Ranker HASHED = (history, candidates) -> {
        float[] s = new float[candidates.length];
        int h = Arrays.hashCode(history);
        for (int k = 0; k < candidates.length; k++) {
            s[k] = (float) Math.floorMod(h * 31 + candidates[k] * 0x9E3779B1, 1000);
        }
        return s;
    };

    /**
     * Synthetic sequences, each prefixed with an item only that user has, so a ranker can tell
     * from the history (its first item) which user it is scoring.
     */
    private static final SequenceDataset TAGGED = tagged(SYN);
    private static final LeaveOneOut TAGGED_SPLIT = LeaveOneOut.split(TAGGED);

    private static SequenceDataset tagged(SequenceDataset d) {
        List<List<String>> seqs = new ArrayList<>();
        for (int u = 0; u < d.numUsers(); u++) {
            List<String> s = new ArrayList<>();
            s.add("tag-" + d.userId(u));
            for (int i : d.sequence(u)) {
                s.add(d.itemId(i));
            }
            seqs.add(s);
        }
        return SequenceDataset.fromLists(d.userIds(), seqs);
    }

    /** The user whose history this is (see {@link #TAGGED}). */
    private static int userOf(int[] history) {
        return TAGGED.indexOfUser(TAGGED.itemId(history[0]).substring("tag-".length()));
    }

    @Test
    void sampledCandidatesAreTargetPlusNegativesTheUserNeverTouched() {
        Map<Integer, int[]> candidatesByUser = new ConcurrentHashMap<>();
        Ranker recording = (history, candidates) -> {
            assertThat(candidatesByUser.put(userOf(history), candidates.clone())).isNull();
            return new float[candidates.length];
        };
        Evaluator ev = Evaluator.of(TAGGED_SPLIT).protocol(Protocol.SAMPLED).target(Target.TEST).seed(42).threads(2);
        int[] ranks = ev.ranks(recording);

        assertThat(candidatesByUser).hasSize(TAGGED_SPLIT.numEvaluated());
        for (int u : TAGGED_SPLIT.evaluatedUsers()) {
            int[] c = candidatesByUser.get(u);
            assertThat(c).hasSize(101);
            assertThat(c[0]).isEqualTo(TAGGED_SPLIT.testTarget(u));
            Set<Integer> negatives = new HashSet<>();
            for (int k = 1; k < c.length; k++) {
                negatives.add(c[k]);
            }
            assertThat(negatives).hasSize(100);
            for (int i : TAGGED.sequence(u)) {
                assertThat(negatives).doesNotContain(i);
            }
        }
        // a constant model ranks every target last (ties are pessimistic)
        assertThat(ranks).containsOnly(100);
        assertThat(ev.evaluate((h, c) -> new float[c.length]))
                .isEqualTo(new Metrics("sampled", TAGGED_SPLIT.numEvaluated(), 0, 0, 0, 0));
    }

    @Test
    void negativesDoNotDependOnTheModelTheTargetOrTheThreads() {
        List<Map<Integer, Set<Integer>>> runs = new ArrayList<>();
        for (Target target : Target.values()) {
            for (int run = 0; run < 2; run++) {
                Map<Integer, Set<Integer>> negs = new ConcurrentHashMap<>();
                float salt = run;
                Ranker r = (history, candidates) -> {
                    Set<Integer> s = new HashSet<>();
                    for (int k = 1; k < candidates.length; k++) {
                        s.add(candidates[k]);
                    }
                    negs.put(userOf(history), s);
                    float[] out = new float[candidates.length];
                    Arrays.fill(out, salt + history.length);
                    return out;
                };
                Evaluator.of(TAGGED_SPLIT).target(target).threads(1 + run).evaluate(r);
                runs.add(negs);
            }
        }
        assertThat(runs.get(0)).hasSize(TAGGED_SPLIT.numEvaluated());
        for (Map<Integer, Set<Integer>> other : runs) {
            assertThat(other).isEqualTo(runs.get(0));
        }
    }

    @Test
    void resultsAreIdenticalAcrossRunsAndThreadCounts() {
        MarkovRanker markov = MarkovRanker.fit(SPLIT);
        for (Protocol p : Protocol.values()) {
            for (Ranker r : List.of(HASHED, markov)) {
                Evaluator base = Evaluator.of(SPLIT).protocol(p).seed(7);
                int[] one = base.threads(1).ranks(r);
                assertThat(base.threads(1).ranks(r)).isEqualTo(one);
                assertThat(base.threads(2).ranks(r)).isEqualTo(one);
                assertThat(base.threads(5).ranks(r)).isEqualTo(one);
                assertThat(base.threads(3).evaluate(r)).isEqualTo(base.threads(1).evaluate(r));
            }
        }
        // a different seed draws different negatives
        assertThat(Evaluator.of(SPLIT).seed(8).ranks(HASHED)).isNotEqualTo(Evaluator.of(SPLIT).seed(7).ranks(HASHED));
    }

    @Test
    void aModelThatKnowsTheTargetIsPerfectAndOneThatHatesItIsLast() {
        // every user ends with item "t"; validation targets vary
        SequenceDataset d = SequenceDataset.fromLists(List.of("u1", "u2", "u3"), List.of(
                seq("a", "b", "t"), seq("c", "d", "e", "t"), seq("b", "a", "t")),
                null);
        List<String> items = new ArrayList<>(d.itemIds());
        int t = d.indexOfItem("t");
        LeaveOneOut split = LeaveOneOut.split(withFillerItems(d, 150));
        Ranker lovesT = (h, c) -> scoreOne(c, t, 1f, 0f);
        Ranker hatesT = (h, c) -> scoreOne(c, t, -1f, 0f);
        Metrics best = Evaluator.evaluate(lovesT, split, Protocol.SAMPLED, Target.TEST, 42, 1);
        assertThat(best).isEqualTo(new Metrics("sampled", 3, 1, 1, 1, 1));
        assertThat(Evaluator.of(split).ranks(hatesT)).containsExactly(100, 100, 100);
        // full ranking: everything but the history is ranked, so the rank is (N - |history| - 1)
        int n = split.numItems();
        assertThat(Evaluator.of(split).protocol(Protocol.FULL).ranks(hatesT))
                .containsExactly(n - 3, n - 4, n - 3);
        assertThat(Evaluator.evaluate(lovesT, split, Protocol.FULL, Target.TEST, 42, 2).hr5()).isEqualTo(1.0);
        assertThat(items).contains("t");
    }

    @Test
    void fullRankingExcludesHistoryButAlwaysRanksTheTarget() {
        // user repeats item x: history [y, x, z], test target x (also in history)
        SequenceDataset d = withFillerItems(SequenceDataset.fromLists(List.of("u"),
                List.of(seq("y", "x", "z", "x")), null), 20);
        LeaveOneOut split = LeaveOneOut.split(d);
        int x = d.indexOfItem("x");
        int y = d.indexOfItem("y");
        int z = d.indexOfItem("z");
        // history items y and z score above the target but are excluded; x is ranked despite being in the history
        Ranker r = (h, c) -> {
            float[] s = new float[c.length];
            for (int k = 0; k < c.length; k++) {
                s[k] = c[k] == y || c[k] == z ? 9f : c[k] == x ? 5f : 1f;
            }
            return s;
        };
        assertThat(Evaluator.of(split).protocol(Protocol.FULL).ranks(r)).containsExactly(0);
        // validation: target z (9) from history [y, x]; y ties with it but is history, so it does not count
        assertThat(Evaluator.of(split).protocol(Protocol.FULL).target(Target.VALIDATION).ranks(r)).containsExactly(0);
    }

    @Test
    void validationUsesTheTrainingSequenceAndTheSecondToLastItem() {
        List<int[]> histories = new ArrayList<>();
        List<Integer> targets = new ArrayList<>();
        Ranker r = (h, c) -> {
            synchronized (histories) {
                histories.add(h.clone());
                targets.add(c[0]);
            }
            return new float[c.length];
        };
        Evaluator.of(SPLIT).target(Target.VALIDATION).maxUsers(1).evaluate(r);
        int u = Evaluator.of(SPLIT).maxUsers(1).users()[0];
        assertThat(histories.get(0)).isEqualTo(SPLIT.train(u));
        assertThat(targets.get(0)).isEqualTo(SPLIT.validationTarget(u));
    }

    @Test
    void maxUsersPicksAFixedSubsetAndProgressReachesTheTotal() {
        Evaluator ev = Evaluator.of(SPLIT).maxUsers(50).seed(3);
        int[] users = ev.users();
        assertThat(users).hasSize(50).isSorted();
        assertThat(ev.threads(2).users()).isEqualTo(users);
        assertThat(Evaluator.of(SPLIT).maxUsers(50).seed(4).users()).isNotEqualTo(users);
        assertThat(ev.evaluate(HASHED).users()).isEqualTo(50);

        AtomicInteger last = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        Evaluator.of(SPLIT).threads(2).progress((done, total) -> {
            assertThat(total).isEqualTo(SPLIT.numEvaluated());
            last.accumulateAndGet(done, Math::max);
            calls.incrementAndGet();
        }).evaluate(HASHED);
        assertThat(last.get()).isEqualTo(SPLIT.numEvaluated());
        assertThat(calls.get()).isGreaterThan(1);
    }

    @Test
    void badRankersGetAClearError() {
        Ranker wrongLength = (h, c) -> new float[3];
        assertThatThrownBy(() -> Evaluator.of(SPLIT).threads(2).evaluate(wrongLength))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ranker returned 3 scores for 101 candidates");
        assertThatThrownBy(() -> Evaluator.of(SPLIT).protocol(Protocol.FULL).evaluate(wrongLength))
                .hasMessageContaining("3 scores from scoreAll for " + SPLIT.numItems() + " items");
        assertThatThrownBy(() -> Evaluator.of(SPLIT).threads(0)).hasMessageContaining("threads must be >= 1");
    }

    private static List<String> seq(String... items) {
        return List.of(items);
    }

    private static float[] scoreOne(int[] candidates, int item, float itemScore, float otherScore) {
        float[] s = new float[candidates.length];
        for (int k = 0; k < candidates.length; k++) {
            s[k] = candidates[k] == item ? itemScore : otherScore;
        }
        return s;
    }

    /**
     * Adds {@code count} fresh items through two-item users (too short to be evaluated), so that
     * enough negatives exist without adding evaluated users.
     */
    private static SequenceDataset withFillerItems(SequenceDataset d, int count) {
        List<String> users = new ArrayList<>(d.userIds());
        List<List<String>> seqs = new ArrayList<>();
        for (int u = 0; u < d.numUsers(); u++) {
            List<String> s = new ArrayList<>();
            for (int i : d.sequence(u)) {
                s.add(d.itemId(i));
            }
            seqs.add(s);
        }
        for (int k = 0; k < count; k += 2) {
            users.add("filler" + k);
            seqs.add(List.of("f" + k, "f" + (k + 1)));
        }
        return SequenceDataset.fromLists(users, seqs);
    }
}
