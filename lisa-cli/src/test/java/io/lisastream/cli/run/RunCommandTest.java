package io.lisastream.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.lisastream.cli.Lisa;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RunCommandTest {

    @Test
    void helpListsTheJobsOwnOptions() {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try (PrintStream p = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            System.setOut(p);
            code = Lisa.commandLine().execute("run", "--help");
        } finally {
            System.setOut(old);
        }
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: lisa run", "--web-port", "Job options:",
                "--bootstrap-servers", "--checkpoint-dir", "--allowed-model-roots", "--from-savepoint");
    }

    @Test
    void aBadJobConfigurationIsAOneLineErrorNamingTheOptions() {
        StringWriter err = new StringWriter();
        CommandLine cli = Lisa.commandLine();
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("run", "--bootstrap-servers", "localhost:9092", "--top-k", "zero");
        assertThat(code).isEqualTo(1);
        String message = err.toString().strip();
        assertThat(message).startsWith("lisa run: ").doesNotContain("\n")
                .contains("--top-k").contains("--checkpoint-dir").contains("--allowed-model-roots");
    }
}
