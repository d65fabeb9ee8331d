package io.lisastream.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.model.Variant;
import io.lisastream.model.data.SyntheticSequences;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resident memory stays flat over a whole training (no leak of native or heap buffers per step). */
class MemoryTest {
    @TempDir
    Path tmp;

    static long residentKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    @Test
    void residentMemoryDoesNotKeepClimbingOverEpochs() throws IOException {
        List<Long> rss = new ArrayList<>();
        TrainConfig cfg = TrainConfig.defaults(Variant.LISA_BASE).withEpochs(12).withShape(32, 32, 40, 4, 16)
                .withLoss("bce", 0).withBatch(32).withRun(42, 2, 4, 0, 0);
        Trainer.train(SyntheticSequences.generate(300, 400, 30, 3), cfg, tmp, new TrainListener() {
            @Override
            public void onEpoch(EpochRecord r) {
                System.gc();
                rss.add(residentKb());
            }
        });
        System.out.println("VmRSS per epoch (kB): " + rss);
        // peak of epochs 3-6 (warmed up) vs peak of the last 4 epochs: a leak of even one step's
        // arrays per step would add far more than 64 MB over 6 further epochs
        long warm = rss.subList(2, 6).stream().max(Long::compare).orElseThrow();
        long late = rss.subList(rss.size() - 4, rss.size()).stream().max(Long::compare).orElseThrow();
        assertThat(late - warm).as("VmRSS growth after warm-up, kB; series " + rss).isLessThan(64 * 1024);
    }
}
