package io.lisastream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code lisa} command line. Every subcommand prints its result on stdout (JSON where asked),
 * logs on stderr, and exits non-zero with a one-line reason on error.
 */
@Command(name = "lisa", mixinStandardHelpOptions = true, versionProvider = Lisa.Version.class,
        description = "LISA Stream: linear-time self-attention recommendations, offline and on Flink.",
        subcommands = {
            RecommendCommand.class,
            EvaluateCommand.class,
            InspectCommand.class,
            TrainCommand.class,
            SynthCommand.class,
            io.lisastream.cli.replay.ReplayCommand.class,
            io.lisastream.cli.publish.PublishModelCommand.class,
            io.lisastream.cli.tail.TailCommand.class,
            io.lisastream.cli.demo.DemoCommand.class,
            io.lisastream.cli.run.RunCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Lisa implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line: one-line errors, exit code 1 on failure, 2 on bad usage. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Lisa());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("lisa " + commandLine.getCommandName() + ": " + oneLine(ex));
            if (System.getenv("LISA_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        return cli;
    }

    static String oneLine(Throwable ex) {
        Throwable t = ex;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return msg.replace('\n', ' ');
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Lisa.class.getPackage().getImplementationVersion();
            return new String[] {"lisa " + (v == null ? "dev" : v)};
        }
    }
}
