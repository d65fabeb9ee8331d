package io.lisastream.cli;

import io.lisastream.model.data.DatasetWriter;
import io.lisastream.model.data.SequenceDataset;
import io.lisastream.model.data.SyntheticSequences;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lisa synth}: writes deterministic synthetic click sequences with sequential structure. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Write synthetic click sequences (a sparse Markov chain over items mixed with popularity):",
            "a sequential model can learn them, popularity cannot. Same seed, same file."})
final class SynthCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Output file; .csv writes user,item,timestamp_ms, anything else the SASRec format.")
    Path out;

    @Option(names = "--users", defaultValue = "2000", description = "Users (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--items", defaultValue = "1000", description = "Items (default: ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--mean-length", defaultValue = "30", description = "Mean clicks per user (default: ${DEFAULT-VALUE}).")
    double meanLength;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        SequenceDataset data = SyntheticSequences.generate(users, items, meanLength, seed);
        if (out.getFileName().toString().endsWith(".csv")) {
            DatasetWriter.writeCsv(data, out);
        } else {
            DatasetWriter.writeSasrec(data, out);
        }
        System.out.printf("{\"file\":\"%s\",\"users\":%d,\"items\":%d,\"interactions\":%d}%n",
                out.toString().replace("\\", "\\\\").replace("\"", "\\\""), data.numUsers(), data.numItems(),
                data.numInteractions());
        return 0;
    }
}
