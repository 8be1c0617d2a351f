package org.credanalytics.loadgen.gen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.credanalytics.loadgen.LoadGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {

    @Test
    void writesTheRequestedNumberOfCsvRowsAndNdjsonLines(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("events.csv");
        Path ndjson = dir.resolve("events.ndjson");

        int csvExit = LoadGenerator.commandLine().execute("generate", "--count", "1000", "--seed", "5",
                "--run-id", "bench", "--now", "2026-03-01T10:15:00Z", "--out", csv.toString());
        int ndjsonExit = LoadGenerator.commandLine().execute("generate", "--count", "1000", "--seed", "5",
                "--run-id", "bench", "--now", "2026-03-01T10:15:00Z", "--out", ndjson.toString());

        assertThat(csvExit).isZero();
        assertThat(ndjsonExit).isZero();
        List<String> rows = Files.readAllLines(csv);
        List<String> lines = Files.readAllLines(ndjson);
        assertThat(rows).hasSize(1000);
        assertThat(lines).hasSize(1000);
        assertThat(rows.get(0)).startsWith("\"bench-0\",credential_issued,");
        assertThat(lines.get(999)).startsWith("{\"event_id\":\"bench-999\"");
    }

    @Test
    void refusesBatchScenarios(@TempDir Path dir) {
        int exit = LoadGenerator.commandLine().execute("generate", "--count", "10", "--scenario", "mixed-bad",
                "--out", dir.resolve("x.csv").toString());
        assertThat(exit).isNotZero();
    }
}
