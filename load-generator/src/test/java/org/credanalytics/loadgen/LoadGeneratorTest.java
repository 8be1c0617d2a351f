package org.credanalytics.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.credanalytics.loadgen.ingest.IngestCommand;
import org.credanalytics.loadgen.ingest.IngestSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

@Tag("fast")
class LoadGeneratorTest {

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"ingest", "query", "verify", "history", "generate", "selftest-throughput"}) {
            StringWriter text = new StringWriter();
            CommandLine commandLine = LoadGenerator.commandLine();
            commandLine.setOut(new PrintWriter(text));

            int exit = commandLine.execute(command, "--help");

            assertThat(exit).as(command).isZero();
            assertThat(text.toString()).as(command).contains("Usage: load-generator " + command);
        }
    }

    @Test
    void theSharedOptionsAreReadByTheCommandsThatMixThemIn() {
        IngestSettings settings = IngestCommand.settingsFrom("--target", "http://127.0.0.1:9999", "--api-key", "k-1",
                "--institutions", "7", "--skew", "2.5", "--seed", "42");

        assertThat(settings.target()).hasToString("http://127.0.0.1:9999");
        assertThat(settings.apiKey()).isEqualTo("k-1");
        assertThat(settings.institutions()).isEqualTo(7);
        assertThat(settings.skew()).isEqualTo(2.5);
        assertThat(settings.seed()).isEqualTo(42);
        assertThat(IngestCommand.settingsFrom("--api-key", " ").apiKey()).isNull();
        for (String command : new String[] {"ingest", "query", "history", "generate", "selftest-throughput"}) {
            CommandLine.Model.CommandSpec spec = LoadGenerator.commandLine().getSubcommands().get(command).getCommandSpec();
            assertThat(spec.optionsMap()).as(command).containsKeys("--institutions", "--skew", "--seed");
        }
    }

    @Test
    void durationsAcceptUnitsAndIso() {
        assertThat(DurationConverter.parse("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationConverter.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationConverter.parse("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationConverter.parse("PT1M")).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> DurationConverter.parse("soon")).isInstanceOf(CommandLine.TypeConversionException.class);
    }

    @Test
    void scenariosUseTheirHyphenatedNames() {
        assertThat(Scenario.fromCliName("hot-tenant")).isEqualTo(Scenario.HOT_TENANT);
        assertThat(Scenario.fromCliName("mixed-bad")).isEqualTo(Scenario.MIXED_BAD);
        assertThat(Scenario.MIXED_BAD.cliName()).isEqualTo("mixed-bad");
        assertThat(Scenario.BURST.bursts()).isTrue();
        assertThatThrownBy(() -> Scenario.fromCliName("chaos")).hasMessageContaining("steady, burst, hot-tenant");
    }
}
