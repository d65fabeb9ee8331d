package io.lisastream.model.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.model.LisaModel;
import io.lisastream.model.RandomModels;
import io.lisastream.model.Variant;
import io.lisastream.model.inference.InferenceModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class InferenceRankerTest {
    @Test
    void mapsDatasetItemsToTheModelCatalogueByExternalId() {
        LisaModel model = RandomModels.build(RandomModels.config(Variant.LISA_BASE, 6, 8, 10, 0.1, 2, 4), 1);
        InferenceModel inference = InferenceModel.compile(model);
        // the dataset knows items in another order, plus one the model lacks
        List<String> datasetItems = List.of("item-3", "item-0", "unknown", "item-5");
        InferenceRanker ranker = InferenceRanker.of(inference, datasetItems);
        assertThat(ranker.unknownItems()).isEqualTo(1);

        float[] z = inference.userVector(new int[] {3, 0});
        float[] direct = inference.scoreAll(z);
        float[] viaDataset = ranker.scoreAll(new int[] {0, 2, 1}, 4); // item-3, unknown (skipped), item-0
        assertThat(viaDataset).containsExactly(direct[3], direct[0], Float.NEGATIVE_INFINITY, direct[5]);
        assertThat(ranker.score(new int[] {0, 1}, new int[] {3, 2})).containsExactly(direct[5], Float.NEGATIVE_INFINITY);
    }

    @Test
    void aHistoryOfOnlyUnknownItemsScoresEverythingEqually() {
        LisaModel model = RandomModels.build(RandomModels.config(Variant.SASREC, 6, 8, 10, 0.1, 0, 0), 1);
        InferenceRanker ranker = InferenceRanker.of(InferenceModel.compile(model), List.of("x", "item-1"));
        assertThat(ranker.score(new int[] {0}, new int[] {1, 0})).containsExactly(0f, 0f);
    }
}
