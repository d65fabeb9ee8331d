package io.lisastream.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lisastream.model.LisaModel;
import io.lisastream.model.Variant;
import io.lisastream.model.artifact.ModelArtifact;
import io.lisastream.model.data.SequenceDataset;
import io.lisastream.model.data.SyntheticSequences;
import io.lisastream.model.inference.InferenceModel;
import io.lisastream.trainer.nn.SequenceNetwork;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Distillation end to end: a sasrec artifact as the teacher of a lisa-base training. */
class TeacherTest {
    @TempDir
    Path tmp;

    @Test
    void aLoadedTeacherScoresWhatItsArtifactScoresAndADistilledStudentTrains() throws IOException {
        SequenceDataset data = TrainerTest.data();
        TrainConfig sasrec = TrainerTest.small(Variant.SASREC, 4).withLoss("ce", 0);
        TrainResult teacherRun = Trainer.train(data, sasrec, tmp.resolve("teacher"), null);

        // the rebuilt network's scores are the artifact's, for histories of several lengths
        SequenceNetwork teacher = Teacher.load(teacherRun.modelDir(), data.itemIds()).network();
        InferenceModel served = InferenceModel.compile(ModelArtifact.read(teacherRun.modelDir()));
        Random rng = new Random(3);
        int[][] histories = new int[6][];
        for (int k = 0; k < histories.length; k++) {
            histories[k] = new int[1 + 9 * k];
            for (int t = 0; t < histories[k].length; t++) {
                histories[k][t] = rng.nextInt(data.numItems());
            }
        }
        float[][] z = UserVectors.compute(teacher, histories);
        for (int k = 0; k < histories.length; k++) {
            float[] expected = served.userVector(histories[k]);
            for (int j = 0; j < expected.length; j++) {
                assertThat(z[k][j]).as("z[%d] of history %d", j, k).isCloseTo(expected[j], Offset.offset(1e-4f));
            }
        }

        TrainConfig student = TrainerTest.small(Variant.LISA_BASE, 6).withLoss("ce", 0)
                .withDistillation(teacherRun.modelDir(), 0.5, 2.0);
        TrainResult r = Trainer.train(data, student, tmp.resolve("student"), null);
        assertThat(r.history()).allSatisfy(e -> assertThat(e.loss()).isFinite());
        assertThat(r.history().get(5).loss()).isLessThan(r.history().get(0).loss());
        LisaModel m = r.model();
        assertThat(m.config().variant()).isEqualTo(Variant.LISA_BASE);
        @SuppressWarnings("unchecked")
        Map<String, Object> distillation = (Map<String, Object>) m.training().get("distillation");
        assertThat(distillation).containsEntry("teacherVersion", teacherRun.model().config().version())
                .containsEntry("weight", 0.5).containsEntry("temperature", 2.0);
    }

    @Test
    void aResumedTrainingCannotSwitchTeachers() throws IOException {
        SequenceDataset data = TrainerTest.data();
        TrainConfig sasrec = TrainerTest.small(Variant.SASREC, 1).withLoss("ce", 0);
        // two teachers whose artifacts sit in directories of the same name
        Path first = Trainer.train(data, sasrec, tmp.resolve("a"), null).modelDir();
        Path second = Trainer.train(data, sasrec.withRun(7, 2, 2, 0, 0), tmp.resolve("b"), null).modelDir();
        TrainConfig student = TrainerTest.small(Variant.LISA_BASE, 1).withLoss("ce", 0)
                .withDistillation(first, 0.5, 1);
        Trainer.train(data, student, tmp.resolve("student"), null);
        TrainConfig switched = student.withEpochs(2).withResume(true).withDistillation(second, 0.5, 1);
        assertThatThrownBy(() -> Trainer.train(data, switched, tmp.resolve("student"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another configuration");
    }

    @Test
    void aTeacherMustBeASasrecArtifactOfTheSameCatalogue() throws IOException {
        SequenceDataset data = TrainerTest.data();
        TrainResult lisa = Trainer.train(data, TrainerTest.small(Variant.LISA_BASE, 1), tmp.resolve("lisa"), null);
        assertThatThrownBy(() -> Teacher.load(lisa.modelDir(), data.itemIds()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be a sasrec artifact");

        TrainResult sasrec = Trainer.train(data, TrainerTest.small(Variant.SASREC, 1), tmp.resolve("sasrec"), null);
        SequenceDataset other = SyntheticSequences.generate(400, 340, 30, 8);
        assertThatThrownBy(() -> Teacher.load(sasrec.modelDir(), other.itemIds()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same catalogue");

        assertThatThrownBy(() -> TrainerTest.small(Variant.LISA_BASE, 1).withDistillation(sasrec.modelDir(), 0.5, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--negatives 0");
    }
}
