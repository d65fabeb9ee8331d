package io.lisastream.trainer;

/** Receives a training run's progress (called on the training thread). */
public interface TrainListener {
    /** After each step: batches done of this epoch, running mean loss, positions per second, seconds left in the epoch. */
    default void onStep(int epoch, int batchesDone, int batches, double meanLoss, double positionsPerSecond,
            double etaSeconds) {
    }

    /** After each epoch (with validation metrics when it validated). */
    default void onEpoch(EpochRecord record) {
    }

    /** Free-form information (resume, warm start, export). */
    default void onMessage(String message) {
    }

    TrainListener NONE = new TrainListener() {
    };
}
