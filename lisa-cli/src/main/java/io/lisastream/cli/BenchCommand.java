package io.lisastream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lisa bench}: the measured costs behind docs/benchmarks.md (module lisa-bench). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks: each prints a table, writes --json OUT and a PNG --chart OUT.",
            "Every figure is measured in this process; ratios come from runs made side by side."},
        subcommands = {BenchAttentionCommand.class, BenchScoringCommand.class, BenchStreamCommand.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }
}
