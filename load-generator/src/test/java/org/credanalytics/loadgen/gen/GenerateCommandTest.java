package org.credanalytics.loadgen.gen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.credanalytics.loadgen.LoadGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
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

    @Test
    void spreadsEventsEvenlyOverTheHistoryDaysOldestFirst(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("events.csv");

        int exit = LoadGenerator.commandLine().execute("generate", "--count", "3650", "--seed", "5",
                "--run-id", "hist", "--now", "2026-03-01T00:00:00Z", "--history-days", "365",
                "--out", csv.toString());

        assertThat(exit).isZero();
        List<Instant> times = Files.readAllLines(csv).stream()
                .map(row -> Instant.parse(row.split(",")[3]))
                .toList();
        assertThat(times.get(0)).isBetween(Instant.parse("2025-03-01T00:00:00Z").minusSeconds(600),
                Instant.parse("2025-03-01T00:00:00Z"));
        assertThat(times.get(times.size() - 1)).isBetween(Instant.parse("2026-02-28T00:00:00Z"),
                Instant.parse("2026-03-01T00:00:00Z"));
        long daysCovered = times.stream().map(t -> t.truncatedTo(ChronoUnit.DAYS)).distinct().count();
        assertThat(daysCovered).isBetween(364L, 366L);
    }
}
