package io.lisastream.cli;

import io.lisastream.bench.scoring.ScoringBenchmark;
import io.lisastream.bench.scoring.ScoringReport;
import io.lisastream.bench.scoring.ScoringResult;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lisa bench scoring}: top-k per request with code tables against dense dot products. */
@Command(name = "scoring", mixinStandardHelpOptions = true,
        description = {"Top-k over a catalogue of N items per request, one thread: LISA-Base's code-table scorer",
            "(8 codes per item, O(B) per item, the model core's InferenceModel.topK) against dense dot products",
            "over the same item vectors (D = 128). Median wall and CPU microseconds per request, item table bytes."})
final class BenchScoringCommand implements Callable<Integer> {
    @Option(names = "--items", split = ",", defaultValue = "3416,100000,1000000", paramLabel = "N,N,...",
            description = "Catalogue sizes (default: ${DEFAULT-VALUE}; 3,416 is ML-1M's).")
    List<Integer> items;

    @Option(names = {"-k", "--top"}, defaultValue = "10", description = "k (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--seconds", defaultValue = "10", paramLabel = "S",
            description = "Time budget of the measured requests per size (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--max-requests", defaultValue = "20000", paramLabel = "N",
            description = "At most this many requests per size (default: ${DEFAULT-VALUE}).")
    int maxRequests;

    @Option(names = "--seed", defaultValue = "42", description = "Random model and users (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    BenchOutput output;

    @Override
    public Integer call() throws Exception {
        if (k <= 0 || seconds <= 0 || maxRequests <= 0) {
            throw new IllegalArgumentException("-k, --seconds and --max-requests must be positive");
        }
        int[] sizes = BenchOutput.positive("--items", items);
        List<ScoringResult> results = new ScoringBenchmark(k, seconds, maxRequests, seed).run(sizes);
        System.out.print(ScoringReport.table(results));
        output.writeJson(results);
        if (output.chart != null) {
            ScoringReport.chart(results, output.chart, BenchOutput.machineLine());
            System.err.println("wrote " + output.chart);
        }
        return 0;
    }
}
