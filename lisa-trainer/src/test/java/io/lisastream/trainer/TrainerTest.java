package io.lisastream.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.model.AttentionQuery;
import io.lisastream.model.LisaModel;
import io.lisastream.model.ModelConfig;
import io.lisastream.model.TensorSpec;
import io.lisastream.model.Variant;
import io.lisastream.model.artifact.ModelArtifact;
import io.lisastream.model.data.SequenceDataset;
import io.lisastream.model.data.SyntheticSequences;
import io.lisastream.model.eval.Evaluator;
import io.lisastream.model.eval.InferenceRanker;
import io.lisastream.model.eval.LeaveOneOut;
import io.lisastream.model.eval.Metrics;
import io.lisastream.model.eval.PopularityRanker;
import io.lisastream.model.eval.Protocol;
import io.lisastream.model.eval.Target;
import io.lisastream.model.inference.InferenceModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The training loop end to end on synthetic data: quality, outputs, resume, warm start with kept codes. */
class TrainerTest {
    @TempDir
    Path tmp;

    static SequenceDataset data() {
        return SyntheticSequences.generate(400, 300, 30, 7);
    }

    static TrainConfig small(Variant v, int epochs) {
        return TrainConfig.defaults(v).withEpochs(epochs).withShape(32, 32, 40, 4, 64).withTarget(4, 32)
                .withLoss("ce", 64).withBatch(32).withOptimisation(0.1, 0.7, 0.1, 3e-3).withRun(42, 2, 2, 0, 0);
    }

    @Test
    void shortTrainingBeatsPopularityByAClearMarginAndTheArtifactScoresTheSame() throws IOException {
        SequenceDataset data = data();
        List<String> lines = new ArrayList<>();
        TrainResult r = Trainer.train(data, small(Variant.LISA_BASE, 14), tmp, new TrainListener() {
            @Override
            public void onEpoch(EpochRecord rec) {
                lines.add(rec.summary());
            }
        });
        LeaveOneOut split = LeaveOneOut.split(data);
        Evaluator eval = Evaluator.of(split).protocol(Protocol.SAMPLED).target(Target.VALIDATION).seed(42);
        Metrics pop = eval.evaluate(PopularityRanker.fit(split));
        assertThat(r.validation().hr10()).as("lisa-base validation HR@10 vs popularity %s", pop.hr10())
                .isGreaterThan(pop.hr10() + 0.06);
        // the exported artifact, served by the model core, reproduces the trainer's validation numbers
        LisaModel served = ModelArtifact.read(r.modelDir());
        Metrics viaInference = eval.evaluate(InferenceRanker.of(InferenceModel.compile(served), data.itemIds()));
        assertThat(viaInference.hr10()).isCloseTo(r.validation().hr10(), org.assertj.core.data.Offset.offset(0.005));
        // outputs a person looks at
        assertThat(lines).hasSize(14);
        assertThat(Files.size(r.chart())).isGreaterThan(1000);
        assertThat(Files.readAllLines(tmp.resolve("epochs.csv"))).hasSize(15);
        assertThat(served.training()).containsKeys("dataContentHash", "protocol", "validation", "seed", "epochs",
                "wallSeconds", "command");
    }

    @Test
    void resumeContinuesFromTheCheckpointAndEndsWhereAnUninterruptedRunEnds() throws IOException {
        SequenceDataset data = data();
        TrainConfig cfg = small(Variant.SASREC, 4);
        TrainResult full = Trainer.train(data, cfg, tmp.resolve("full"), null);
        Trainer.train(data, cfg.withEpochs(2), tmp.resolve("split"), null);
        List<String> messages = new ArrayList<>();
        TrainResult resumed = Trainer.train(data, cfg.withResume(true), tmp.resolve("split"), new TrainListener() {
            @Override
            public void onMessage(String m) {
                messages.add(m);
            }
        });
        assertThat(messages).anyMatch(m -> m.startsWith("resuming after epoch 2"));
        assertThat(resumed.history()).hasSize(4);
        assertThat(resumed.epochsRun()).isEqualTo(4);
        assertThat(resumed.bestEpoch()).isEqualTo(full.bestEpoch());
        float[] a = full.model().floats(TensorSpec.ITEM_EMB);
        float[] b = resumed.model().floats(TensorSpec.ITEM_EMB);
        double maxDiff = 0;
        for (int i = 0; i < a.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
        }
        assertThat(maxDiff).as("resumed parameters vs uninterrupted").isLessThan(1e-3);
    }

    @Test
    void aLearningRateDecayAddedOnResumeTrainsAsIfItHadBeenThereFromTheStart() throws IOException {
        SequenceDataset data = data();
        TrainConfig plain = small(Variant.SASREC, 4);
        TrainConfig decayed = plain.withLrDecay(3, 0.1);
        assertThat(decayed.learningRate(2)).isEqualTo(3e-3);
        assertThat(decayed.learningRate(3)).isCloseTo(3e-4, org.assertj.core.data.Offset.offset(1e-12));
        TrainResult withDecay = Trainer.train(data, decayed, tmp.resolve("decayed"), null);
        TrainResult without = Trainer.train(data, plain, tmp.resolve("plain"), null);
        Trainer.train(data, plain.withEpochs(2), tmp.resolve("split"), null);
        TrainResult resumed = Trainer.train(data, decayed.withResume(true), tmp.resolve("split"), null);

        float[] a = withDecay.model().floats(TensorSpec.ITEM_EMB);
        float[] b = resumed.model().floats(TensorSpec.ITEM_EMB);
        float[] c = without.model().floats(TensorSpec.ITEM_EMB);
        double sameRun = 0;
        double otherRun = 0;
        for (int i = 0; i < a.length; i++) {
            sameRun = Math.max(sameRun, Math.abs(a[i] - b[i]));
            otherRun = Math.max(otherRun, Math.abs(a[i] - c[i]));
        }
        assertThat(resumed.bestEpoch()).isEqualTo(withDecay.bestEpoch());
        assertThat(sameRun).as("resumed with the decay vs decayed from the start").isLessThan(1e-3);
        assertThat(otherRun).as("the decay changes training").isGreaterThan(1e-2);
    }

    @Test
    void aParameterAverageLeavesTrainingAloneExportsTheValidatedAverageAndResumes() throws IOException {
        SequenceDataset data = data();
        TrainConfig plain = small(Variant.LISA_BASE, 4);
        TrainConfig averaged = plain.withParamAverage(0.9);
        TrainResult last = Trainer.train(data, plain, tmp.resolve("last"), null);
        TrainResult avg = Trainer.train(data, averaged, tmp.resolve("avg"), null);
        // the average only changes what is validated and exported, not the training itself
        for (int e = 0; e < 4; e++) {
            assertThat(avg.history().get(e).loss()).isEqualTo(last.history().get(e).loss());
        }
        assertThat(maxDiff(avg.model().floats(TensorSpec.CODEBOOKS), last.model().floats(TensorSpec.CODEBOOKS)))
                .as("averaged vs last-step parameters").isGreaterThan(1e-3);
        // the exported average is the one validated: served by the model core it gives the recorded metrics
        EpochRecord best = avg.history().stream().filter(EpochRecord::best).reduce((x, y) -> y).orElseThrow();
        assertThat(avg.validation().hr10()).isEqualTo(best.hr10());
        LeaveOneOut split = LeaveOneOut.split(data);
        Evaluator eval = Evaluator.of(split).protocol(Protocol.SAMPLED).target(Target.VALIDATION).seed(42);
        Metrics served = eval.evaluate(InferenceRanker.of(InferenceModel.compile(avg.model()), data.itemIds()));
        assertThat(served.hr10()).isCloseTo(best.hr10(), org.assertj.core.data.Offset.offset(0.005));
        assertThat(avg.model().training().get("config").toString()).contains("paramAverage=0.9");
        // the average is part of the checkpoint: an interrupted run ends where the uninterrupted one did
        Trainer.train(data, averaged.withEpochs(2), tmp.resolve("split"), null);
        TrainResult resumed = Trainer.train(data, averaged.withResume(true), tmp.resolve("split"), null);
        assertThat(resumed.bestEpoch()).isEqualTo(avg.bestEpoch());
        assertThat(maxDiff(resumed.model().floats(TensorSpec.CODEBOOKS), avg.model().floats(TensorSpec.CODEBOOKS)))
                .as("resumed average vs uninterrupted").isLessThan(1e-5);
        // a checkpoint without an average cannot continue as a run with one
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> Trainer.train(data, averaged.withResume(true), tmp.resolve("last"), null))
                .hasMessageContaining("another configuration");
    }

    private static double maxDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    @Test
    void aUsedUpTimeBudgetStartsNoEpochAndStillExportsAModel() throws IOException {
        List<String> messages = new ArrayList<>();
        TrainResult r = Trainer.train(data(), small(Variant.SASREC, 3).withMaxMinutes(1e-9), tmp, new TrainListener() {
            @Override
            public void onMessage(String m) {
                messages.add(m);
            }
        });
        assertThat(messages).anyMatch(m -> m.startsWith("time budget of 1.0E-9 min used: stopping before epoch 1"));
        assertThat(r.history()).isEmpty();
        assertThat(Files.exists(r.modelDir())).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> small(Variant.SASREC, 1).withMaxMinutes(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxMinutes");
    }

    @Test
    void warmStartWithKeepCodesKeepsTheCodeSpace() throws IOException {
        SequenceDataset data = data();
        TrainResult first = Trainer.train(data, small(Variant.LISA_BASE, 2), tmp.resolve("a"), null);
        TrainResult again = Trainer.train(data, small(Variant.LISA_BASE, 2).withInit(first.modelDir(), true),
                tmp.resolve("b"), null);
        assertThat(again.model().codeSpace()).isEqualTo(first.model().codeSpace());
        TrainResult free = Trainer.train(data, small(Variant.LISA_BASE, 2).withInit(first.modelDir(), false),
                tmp.resolve("c"), null);
        assertThat(free.model().codeSpace()).as("without --keep-codes the codes move").isNotEqualTo(
                first.model().codeSpace());

        // a catalogue with new items: every item both know keeps its codes
        SequenceDataset bigger = SyntheticSequences.generate(450, 340, 30, 8);
        TrainResult grown = Trainer.train(bigger, small(Variant.LISA_BASE, 1).withInit(first.modelDir(), true),
                tmp.resolve("d"), null);
        int b = first.model().config().codebooks();
        int shared = 0;
        for (int i = 0; i < bigger.numItems(); i++) {
            int j = first.model().indexOf(bigger.itemId(i));
            if (j < 0) {
                continue;
            }
            shared++;
            assertThat(Arrays.copyOfRange(grown.model().ints(TensorSpec.CODES), i * b, i * b + b))
                    .isEqualTo(Arrays.copyOfRange(first.model().ints(TensorSpec.CODES), j * b, j * b + b));
        }
        assertThat(shared).isGreaterThan(200);
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"SASREC", "LISA_BASE"})
    void warmStartOfStackedBlocksRestoresEveryBlock(Variant v) throws IOException {
        SequenceDataset data = data();
        TrainResult first = Trainer.train(data, small(v, 1).withBlocks(2), tmp.resolve("a"), null);
        // a budget used up before the first epoch exports the initialisation, here the warm start
        TrainResult copy = Trainer.train(data, small(v, 1).withBlocks(2)
                .withInit(first.modelDir(), v.isLisa()).withMaxMinutes(1e-9), tmp.resolve("b"), null);
        assertThat(copy.history()).isEmpty();
        for (String name : first.model().tensors().keySet()) {
            if (first.model().tensor(name).ints() != null) {
                assertThat(copy.model().ints(name)).as(name).containsExactly(first.model().ints(name));
                continue;
            }
            // item_emb goes through item_raw = item_emb / sqrt(D) and back: equal up to rounding
            assertThat(copy.model().floats(name)).as(name).containsExactly(first.model().floats(name),
                    org.assertj.core.data.Offset.offset(1e-6f));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Trainer.train(data,
                small(v, 1).withInit(first.modelDir(), false), tmp.resolve("c"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 block(s)");
    }

    /**
     * --query input --learn-decay end to end: the artifact says so, the decays were trained (they
     * moved from their start, each its own way), serving it reads them, and a warm start continues
     * from them.
     */
    @Test
    void inputQueryAndLearnedDecaysTrainExportAndWarmStart() throws IOException {
        SequenceDataset data = data();
        TrainConfig cfg = small(Variant.LISA_BASE, 2).withQuery(AttentionQuery.INPUT).withLearnedDecay(true);
        TrainResult r = Trainer.train(data, cfg, tmp.resolve("a"), null);
        ModelConfig c = r.model().config();
        assertThat(c.query()).isEqualTo(AttentionQuery.INPUT);
        assertThat(c.codebookDecays()).hasSize(4);
        assertThat(c.codebookDecays()).allSatisfy(l -> assertThat(l).isNotEqualTo(0.1).isBetween(0.05, 0.2));
        assertThat(c.codebookDecays().stream().distinct().count()).isGreaterThan(1);
        assertThat(java.nio.file.Files.readString(r.modelDir().resolve("manifest.json")))
                .contains("\"query\" : \"input\"").contains("\"codebookDecays\"");
        TrainResult copy = Trainer.train(data, cfg.withInit(r.modelDir(), true).withMaxMinutes(1e-9), tmp.resolve("b"),
                null);
        for (int cb = 0; cb < 4; cb++) {
            assertThat(copy.model().config().decay(cb)).isCloseTo(c.decay(cb), org.assertj.core.data.Offset.offset(1e-6));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> small(Variant.SASREC, 1).withQuery(AttentionQuery.INPUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LISA variants only");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> small(Variant.LISA_BASE, 1).withOptimisation(0, 0.7, 0.1, 3e-3).withLearnedDecay(true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--decay > 0");
    }

    /**
     * --blocks 2 --block-window W end to end: the artifact carries the window and is served in batch
     * only; a warm start must keep the window; a window needs a LISA stack.
     */
    @Test
    void windowBlocksTrainExportAndRefuseWhatTheyCannotBe() throws IOException {
        SequenceDataset data = data();
        TrainConfig cfg = small(Variant.LISA_BASE, 1).withBlocks(2).withBlockWindow(3);
        TrainResult r = Trainer.train(data, cfg, tmp.resolve("a"), null);
        assertThat(r.model().config().blockWindow()).isEqualTo(3);
        assertThat(java.nio.file.Files.readString(r.modelDir().resolve("manifest.json")))
                .contains("\"blockWindow\" : 3");
        assertThat(io.lisastream.model.inference.InferenceModel.compile(r.model()).isIncremental()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Trainer.train(data,
                cfg.withBlockWindow(5).withInit(r.modelDir(), true), tmp.resolve("b"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blockWindow 3");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> small(Variant.LISA_BASE, 1).withBlockWindow(3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--blocks 2 or more");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> small(Variant.SASREC, 1).withBlocks(2)
                .withBlockWindow(3)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LISA variant");
    }
}
