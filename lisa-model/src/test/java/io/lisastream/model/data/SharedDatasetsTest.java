package io.lisastream.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reads the project's shared MovieLens files when they are present (skipped otherwise). */
class SharedDatasetsTest {

    @Test
    void ml1mSasrecHasTheDocumentedCounts() {
        Optional<Path> f = SharedData.file("ml-1m-sasrec/ml-1m.txt");
        assumeTrue(f.isPresent(), "shared ML-1M not present");
        SequenceDataset d = DatasetReader.read(f.get());
        assertThat(d.numUsers()).isEqualTo(6040);
        assertThat(d.numItems()).isEqualTo(3416);
        assertThat(d.numInteractions()).isEqualTo(999_611L);
        // the same as `sha256sum ml-1m.txt` (the folder README abbreviates it, with a typo in the tail)
        assertThat(d.sha256()).isEqualTo("b725f3acb3986fe3130bffd1e77a74d182a1f51799567a236dbd60270f95b0a2");
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int u = 0; u < d.numUsers(); u++) {
            min = Math.min(min, d.length(u));
            max = Math.max(max, d.length(u));
        }
        assertThat(min).isEqualTo(18);
        assertThat(max).isEqualTo(2277);
        // SASRec numbered items by first appearance too: index = id - 1 throughout
        for (int i = 0; i < d.numItems(); i++) {
            assertThat(d.itemId(i)).isEqualTo(Integer.toString(i + 1));
        }
        // file order is chronological: user "1" starts with items "1", "2", "3"
        assertThat(d.userId(0)).isEqualTo("1");
        assertThat(d.itemId(d.sequence(0)[0])).isEqualTo("1");
        assertThat(d.itemId(d.sequence(0)[2])).isEqualTo("3");
    }

    @Test
    void ml100kHasTheDocumentedCountsAndSortedTimestamps() {
        Optional<Path> f = SharedData.file("ml-100k/u.data");
        assumeTrue(f.isPresent(), "shared ML-100k not present");
        SequenceDataset d = DatasetReader.read(f.get());
        assertThat(d.numUsers()).isEqualTo(943);
        assertThat(d.numItems()).isEqualTo(1682);
        assertThat(d.numInteractions()).isEqualTo(100_000L);
        // the same as `sha256sum u.data` (the folder README's abbreviated tail does not match it)
        assertThat(d.sha256()).isEqualTo("06416e597f82b7342361e41163890c81036900f418ad91315590814211dca490");
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (int u = 0; u < d.numUsers(); u++) {
            long[] t = d.timestamps(u);
            assertThat(d.length(u)).isGreaterThanOrEqualTo(20);
            lo = Math.min(lo, t[0]);
            hi = Math.max(hi, t[t.length - 1]);
        }
        assertThat(lo).isEqualTo(874_724_710_000L);
        assertThat(hi).isEqualTo(893_286_638_000L);
    }
}
