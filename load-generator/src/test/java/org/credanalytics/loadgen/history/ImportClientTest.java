package org.credanalytics.loadgen.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import org.credanalytics.loadgen.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ImportClientTest {
    private final FakeImportService service = new FakeImportService();
    private final ImportClient client = new ImportClient(ImportClient.defaultHttpClient(), service.uri(), "k-admin",
            Duration.ofSeconds(10), 5);

    ImportClientTest() throws Exception {
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void startsAnImportWithGzipNdjsonAndTheBearerKeyThenAddsAPart() throws Exception {
        ImportAccepted first = client.start(new ImportBody(gzipNdjson(0, 200), ImportBody.NDJSON, true), true);
        ImportAccepted second = client.addPart(first.id(), new ImportBody(gzipNdjson(200, 100), ImportBody.NDJSON, true));

        assertThat(first.id()).isEqualTo(17);
        assertThat(first.part()).isEqualTo(1);
        assertThat(first.location()).isEqualTo("/v1/imports/17");
        assertThat(second.part()).isEqualTo(2);
        assertThat(service.received).extracting(FakeImportService.Received::path)
                .containsExactly("/v1/imports?atomic=true", "/v1/imports/17/parts");
        assertThat(service.received).allSatisfy(r -> {
            assertThat(r.headers()).containsEntry("Authorization", "Bearer k-admin")
                    .containsEntry("Content-Type", "application/x-ndjson").containsEntry("Content-Encoding", "gzip");
        });
        assertThat(service.received.get(1).events()).hasSize(100);
        ImportStatus status = client.status(17);
        assertThat(status.complete()).isTrue();
        assertThat(status.parts()).isEqualTo(2);
        assertThat(status.imported()).isEqualTo(300);
    }

    @Test
    void waitsOutAFullQueueAndSendsThePartAgain() throws Exception {
        service.busyAnswers.set(3);

        ImportAccepted answer = client.start(ImportBody.ndjson("{\"event_id\":\"a\"}\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(answer.part()).isEqualTo(1);
        assertThat(service.received).hasSize(4);
    }

    @Test
    void givesUpAfterTheAllowedBackoffsWithTheServicesMessage() {
        service.busyAnswers.set(100);

        assertThatThrownBy(() -> client.start(ImportBody.ndjson(new byte[0])))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("HTTP 503").hasMessageContaining("the import queue is full")
                .satisfies(e -> assertThat(((ImportException) e).status()).isEqualTo(503));
        assertThat(service.received).hasSize(6);
    }

    @Test
    void anUnknownImportIsAnErrorNamingTheRequest() {
        assertThatThrownBy(() -> client.status(99)).isInstanceOf(ImportException.class)
                .hasMessageContaining("GET /v1/imports/99: HTTP 404");
    }

    private static byte[] gzipNdjson(int first, int count) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            for (int i = first; i < first + count; i++) {
                gzip.write(("{\"event_id\":\"e-" + i + "\",\"event_type\":\"credential_issued\",\"institution_id\":1,"
                        + "\"occurred_at\":\"2025-06-01T10:00:00.000Z\",\"metadata\":{}}\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void readsTheStatusOfTheContractIncludingRejections() throws Exception {
        String json = """
                {"id":17,"institution_id":null,"state":"running","error":null,"parts":3,"parts_done":2,
                 "read":10,"imported":7,"duplicates":2,"rejected":1,
                 "rejections":[{"part":1,"line":3,"field":"occurred_at","message":"must have an offset"}],
                 "created_at":"2026-03-01T10:00:00Z","finished_at":null,"something_new":1}""";

        ImportStatus status = Json.MAPPER.readValue(json, ImportStatus.class);

        assertThat(status.complete()).isFalse();
        assertThat(status.partsDone()).isEqualTo(2);
        assertThat(status.rejections()).containsExactly(
                new ImportStatus.Rejection(1, 3, "occurred_at", "must have an offset"));
        assertThat(Json.MAPPER.readValue(json.replace("\"running\"", "\"done\"").replace("\"parts_done\":2", "\"parts_done\":3"),
                ImportStatus.class).complete()).isTrue();
    }
}
