package io.lisastream.cli.demo;

import io.lisastream.model.data.SequenceDataset;
import io.lisastream.model.data.SyntheticSequences;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The demo's data, split by user: the model is trained on {@link #training()} and the clicks of the
 * held-out users (whom the model never saw) are streamed through the job. Held-out users are a
 * seeded random choice among users with at least two clicks (so at least one next click can be
 * predicted).
 *
 * @param all       every user
 * @param training  the users not held out, as their own dataset
 * @param heldOut   indices into {@code all} of the held-out users, ascending
 */
public record DemoData(SequenceDataset all, SequenceDataset training, int[] heldOut) {

    /** Synthetic Markov sequences ({@link SyntheticSequences}). */
    public static DemoData synthetic(int users, int items, double meanLength, long seed, int holdout) {
        return split(SyntheticSequences.generate(users, items, meanLength, seed), holdout, seed);
    }

    /** Holds out {@code holdout} users of {@code all} (chosen with {@code seed}); the rest train. */
    public static DemoData split(SequenceDataset all, int holdout, long seed) {
        if (holdout < 1) {
            throw new IllegalArgumentException("--holdout-users must be >= 1, got " + holdout);
        }
        List<Integer> eligible = new ArrayList<>();
        for (int u = 0; u < all.numUsers(); u++) {
            if (all.length(u) >= 2) {
                eligible.add(u);
            }
        }
        if (all.numUsers() - holdout < 10 || eligible.size() < holdout) {
            throw new IllegalArgumentException("cannot hold out " + holdout + " of " + all.numUsers()
                    + " users: at least 10 must remain to train on and the held-out ones need 2 clicks each");
        }
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5EED_DE30L);
        for (int i = eligible.size() - 1; i > 0; i--) { // Fisher-Yates, first `holdout` kept
            int j = rng.nextInt(i + 1);
            Integer t = eligible.get(i);
            eligible.set(i, eligible.get(j));
            eligible.set(j, t);
        }
        int[] heldOut = eligible.subList(0, holdout).stream().mapToInt(Integer::intValue).sorted().toArray();
        boolean[] isHeldOut = new boolean[all.numUsers()];
        for (int u : heldOut) {
            isHeldOut[u] = true;
        }
        List<String> users = new ArrayList<>();
        List<List<String>> sequences = new ArrayList<>();
        List<long[]> timestamps = all.hasTimestamps() ? new ArrayList<>() : null;
        for (int u = 0; u < all.numUsers(); u++) {
            if (isHeldOut[u]) {
                continue;
            }
            users.add(all.userId(u));
            int[] seq = all.sequence(u);
            List<String> items = new ArrayList<>(seq.length);
            for (int i : seq) {
                items.add(all.itemId(i));
            }
            sequences.add(items);
            if (timestamps != null) {
                timestamps.add(all.timestamps(u));
            }
        }
        SequenceDataset training = SequenceDataset.fromLists(users, sequences, timestamps);
        return new DemoData(all, training, heldOut);
    }

    /** Number of clicks of the held-out users. */
    public long heldOutClicks() {
        return Arrays.stream(heldOut).mapToLong(all::length).sum();
    }

    @Override
    public String toString() {
        return all + ": training on " + training.numUsers() + " users (" + training.numInteractions()
                + " clicks), streaming " + heldOut.length + " held-out users (" + heldOutClicks() + " clicks)";
    }
}
