package io.lisastream.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lisastream.model.Variant;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {

    private static DemoSettings parse(String... args) {
        DemoCommand c = new DemoCommand();
        new CommandLine(c).parseArgs(args);
        return c.settings();
    }

    @Test
    void noArgumentsGiveTheDefaultRunAndQuickTheShortOne() {
        DemoSettings normal = parse();
        assertThat(normal).isEqualTo(DemoSettings.defaults(false));
        DemoSettings quick = parse("--quick");
        assertThat(quick.users()).isLessThan(normal.users());
        assertThat(quick.training().epochs()).isLessThan(normal.training().epochs());
        assertThat(quick.rate()).isZero();
    }

    @Test
    void flagsOverrideSingleValues() {
        DemoSettings s = parse("--quick", "--variant", "lisa-soft", "--epochs", "3", "--rate", "250",
                "--checkpoint-interval", "2000", "--exclude-last", "0", "--web-port", "0");
        assertThat(s.training().variant()).isEqualTo(Variant.LISA_SOFT);
        assertThat(s.training().epochs()).isEqualTo(3);
        assertThat(s.rate()).isEqualTo(250);
        assertThat(s.checkpointInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.drainQuiet()).isGreaterThanOrEqualTo(Duration.ofSeconds(8));
        assertThat(s.excludeLast()).isZero();
        assertThat(s.webPorts()).isEqualTo("0");
    }

    @Test
    void badValuesAreRefusedWithTheFlagNamed() {
        assertThatThrownBy(() -> parse("--variant", "bert4rec")).hasMessageContaining("bert4rec");
        assertThatThrownBy(() -> parse("--epochs", "0")).hasMessageContaining("--epochs");
        assertThatThrownBy(() -> parse("--rate", "-1")).hasMessageContaining("--rate");
        assertThatThrownBy(() -> parse("--checkpoint-interval", "10")).hasMessageContaining("--checkpoint-interval");
        assertThatThrownBy(() -> parse("--data", "x.csv", "--users", "10")).hasMessageContaining("--users");
        assertThatThrownBy(() -> parse("--format", "csv")).hasMessageContaining("--format");
    }
}
