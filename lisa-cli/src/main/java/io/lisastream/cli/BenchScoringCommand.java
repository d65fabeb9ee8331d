package io.lisastream.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code lisa bench scoring}: placeholder until the scoring benchmark lands. */
@Command(name = "scoring", mixinStandardHelpOptions = true, description = "Top-10 over the catalogue.")
final class BenchScoringCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("not yet");
    }
}
