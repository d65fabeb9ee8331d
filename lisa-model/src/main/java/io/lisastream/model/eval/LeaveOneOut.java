package io.lisastream.model.eval;

import io.lisastream.model.data.SequenceDataset;
import java.util.Arrays;

/**
 * The leave-one-out split of a {@link SequenceDataset}, as in SASRec: per user with at least
 * {@value #MIN_INTERACTIONS} interactions, the last item is the test target, the one before it
 * the validation target, and all earlier items the training sequence. Users with fewer
 * interactions keep their whole sequence for training and are not evaluated (SASRec does the same).
 * Immutable.
 */
public final class LeaveOneOut {
    /** Fewest interactions a user needs to be evaluated. */
    public static final int MIN_INTERACTIONS = 3;

    private final SequenceDataset data;
    private final int[][] sequences;
    private final int[] evaluated;

    private LeaveOneOut(SequenceDataset data) {
        this.data = data;
        this.sequences = new int[data.numUsers()][];
        int count = 0;
        for (int u = 0; u < sequences.length; u++) {
            sequences[u] = data.sequence(u);
            if (sequences[u].length >= MIN_INTERACTIONS) {
                count++;
            }
        }
        this.evaluated = new int[count];
        int k = 0;
        for (int u = 0; u < sequences.length; u++) {
            if (sequences[u].length >= MIN_INTERACTIONS) {
                evaluated[k++] = u;
            }
        }
    }

    public static LeaveOneOut split(SequenceDataset data) {
        return new LeaveOneOut(data);
    }

    public SequenceDataset dataset() {
        return data;
    }

    public int numUsers() {
        return sequences.length;
    }

    public int numItems() {
        return data.numItems();
    }

    /** Whether user {@code u} has validation and test targets. */
    public boolean isEvaluated(int u) {
        return sequences[u].length >= MIN_INTERACTIONS;
    }

    /** Indices of the evaluated users, ascending. */
    public int[] evaluatedUsers() {
        return evaluated.clone();
    }

    public int numEvaluated() {
        return evaluated.length;
    }

    /** Training sequence of user {@code u}, oldest first: all but the last two items, or everything if not evaluated. */
    public int[] train(int u) {
        int[] s = sequences[u];
        return isEvaluated(u) ? Arrays.copyOf(s, s.length - 2) : s.clone();
    }

    /** Validation target (second-to-last item) of user {@code u}, or -1 if the user is not evaluated. */
    public int validationTarget(int u) {
        int[] s = sequences[u];
        return isEvaluated(u) ? s[s.length - 2] : -1;
    }

    /** Test target (last item) of user {@code u}, or -1 if the user is not evaluated. */
    public int testTarget(int u) {
        int[] s = sequences[u];
        return isEvaluated(u) ? s[s.length - 1] : -1;
    }

    /** The item to predict for this target, or -1 if the user is not evaluated. */
    public int target(int u, Target target) {
        return target == Target.TEST ? testTarget(u) : validationTarget(u);
    }

    /**
     * The history a model sees when predicting this target: the training sequence for
     * {@link Target#VALIDATION}, training sequence plus validation item for {@link Target#TEST}.
     */
    public int[] history(int u, Target target) {
        if (!isEvaluated(u)) {
            throw new IllegalArgumentException("user " + data.userId(u) + " has fewer than " + MIN_INTERACTIONS
                    + " interactions and is not evaluated");
        }
        int[] s = sequences[u];
        return Arrays.copyOf(s, s.length - (target == Target.TEST ? 1 : 2));
    }

    /** Every item user {@code u} interacted with, including both targets (a copy; order as in the data). */
    public int[] interacted(int u) {
        return sequences[u].clone();
    }

    /** Same as {@link #interacted} without copying; callers in this package do not modify it. */
    int[] interactedView(int u) {
        return sequences[u];
    }
}
