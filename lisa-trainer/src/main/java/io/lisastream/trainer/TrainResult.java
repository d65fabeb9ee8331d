package io.lisastream.trainer;

import io.lisastream.model.LisaModel;
import io.lisastream.model.eval.Metrics;
import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of {@link Trainer#train}.
 *
 * @param model       the best model (by validation HR@10), as exported
 * @param validation  its validation metrics (sampled protocol, validation target)
 * @param modelDir    where the artifact was written
 * @param chart       the PNG of the curves
 * @param bestEpoch   epoch of the exported model
 * @param epochsRun   epochs trained in total (including resumed ones)
 * @param wallSeconds wall time of this invocation
 * @param history     every epoch's record
 */
public record TrainResult(LisaModel model, Metrics validation, Path modelDir, Path chart, int bestEpoch, int epochsRun,
        double wallSeconds, List<EpochRecord> history) {
}
