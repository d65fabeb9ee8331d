package io.lisastream.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code lisa bench stream}: placeholder until the stream benchmark lands. */
@Command(name = "stream", mixinStandardHelpOptions = true, description = "Streaming throughput and state.")
final class BenchStreamCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("not yet");
    }
}
