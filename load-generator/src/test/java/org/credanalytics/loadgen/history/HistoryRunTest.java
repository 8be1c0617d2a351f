package org.credanalytics.loadgen.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.credanalytics.loadgen.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The whole command against a stand-in of the import API. */
@Tag("fast")
class HistoryRunTest {
    private final FakeImportService service = new FakeImportService();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    HistoryRunTest() throws Exception {
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void sendsTheFirstPartAsAnImportAndTheRestAsItsPartsThenPrintsTheSummary() throws Exception {
        HistorySummary summary = run("--events", "5000", "--part-events", "1000");

        assertThat(service.received).extracting(FakeImportService.Received::path).containsExactly(
                "/v1/imports", "/v1/imports/17/parts", "/v1/imports/17/parts", "/v1/imports/17/parts",
                "/v1/imports/17/parts");
        assertThat(summary.ok()).as(text()).isTrue();
        assertThat(summary.importId()).isEqualTo(17);
        assertThat(summary.events()).isEqualTo(5000);
        assertThat(summary.imported()).isEqualTo(5000);
        assertThat(summary.parts()).isEqualTo(5);
        JsonNode last = Json.MAPPER.readTree(lastLine());
        assertThat(last.get("import_id").asLong()).isEqualTo(17);
        assertThat(last.get("imported").asLong()).isEqualTo(5000);
        assertThat(last.has("events_per_s")).isTrue();
        assertThat(text()).contains("sent 5,000/5,000 events (5/5 parts").contains("import 17 done: parts 5/5");
    }

    @Test
    void reRunningTheSameCommandImportsOnlyDuplicates() throws Exception {
        run("--events", "3000", "--part-events", "1000");

        HistorySummary again = run("--events", "3000", "--part-events", "1000");

        assertThat(again.ok()).isTrue();
        assertThat(again.imported()).isZero();
        assertThat(again.duplicates()).isEqualTo(3000);
    }

    @Test
    void waitsOutAFullQueue() throws Exception {
        service.busyAnswers.set(2);

        HistorySummary summary = run("--events", "2000", "--part-events", "1000");

        assertThat(summary.ok()).isTrue();
        assertThat(service.received).hasSize(4);
    }

    @Test
    void aFailedImportStopsTheUploadAndIsNotOk() throws Exception {
        service.failingPart = 2;

        HistorySummary summary = run("--events", "5000", "--part-events", "1000");

        assertThat(service.received).hasSize(2);
        assertThat(summary.ok()).isFalse();
        assertThat(summary.state()).isEqualTo("failed");
        assertThat(summary.error()).contains("failed after part 2 of 5");
    }

    @Test
    void theCommandExitsNonZeroWhenTheImportFails() {
        service.failingPart = 1;

        int exit = org.credanalytics.loadgen.LoadGenerator.commandLine().execute("history", "--target",
                service.uri().toString(), "--events", "100", "--poll-interval", "20ms", "--until", "2026-03-01T00:00:00Z");

        assertThat(exit).isEqualTo(1);
    }

    private HistorySummary run(String... args) throws InterruptedException {
        List<String> all = new java.util.ArrayList<>(List.of("--target", service.uri().toString(), "--api-key", "k",
                "--until", "2026-03-01T00:00:00Z", "--days", "30", "--institutions", "50", "--poll-interval", "20ms"));
        all.addAll(List.of(args));
        return HistoryCommand.run(HistoryCommand.settingsFrom(all.toArray(String[]::new)),
                new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    private String text() {
        return output.toString(StandardCharsets.UTF_8);
    }

    private String lastLine() {
        String[] lines = text().split("\n");
        return lines[lines.length - 1];
    }
}
