package org.credanalytics.loadgen.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.credanalytics.loadgen.Json;
import org.credanalytics.loadgen.Urls;
import org.credanalytics.loadgen.ingest.RetryAfter;

/**
 * The client of the history import API: {@code POST /v1/imports}, {@code POST /v1/imports/{id}/parts},
 * {@code GET} and {@code DELETE /v1/imports/{id}}, with the same bearer key as ingest. 429 and 503
 * mean the import queue is full: the same body is sent again after {@code Retry-After}, up to
 * {@code maxBackoffs} times. Nothing else is retried for a POST: after a lost answer the service
 * may have taken the part, and sending it again would add it twice. Any other non-2xx answer is
 * an {@link ImportException} carrying the service's message. Thread-safe.
 */
public final class ImportClient {
    private final HttpClient http;
    private final URI target;
    private final String apiKey;
    private final Duration requestTimeout;
    private final int maxBackoffs;

    public ImportClient(HttpClient http, URI target, String apiKey, Duration requestTimeout, int maxBackoffs) {
        this.http = http;
        this.target = target;
        this.apiKey = apiKey;
        this.requestTimeout = requestTimeout;
        this.maxBackoffs = maxBackoffs;
    }

    public static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Starts an import with its first part; {@code atomic} asks the service for all-or-nothing. */
    public ImportAccepted start(ImportBody body, boolean atomic) throws InterruptedException {
        return accepted(post(atomic ? "/v1/imports?atomic=true" : "/v1/imports", body));
    }

    public ImportAccepted start(ImportBody body) throws InterruptedException {
        return start(body, false);
    }

    /** Appends a part to import {@code id}. */
    public ImportAccepted addPart(long id, ImportBody body) throws InterruptedException {
        return accepted(post("/v1/imports/" + id + "/parts", body));
    }

    public ImportStatus status(long id) throws InterruptedException {
        HttpResponse<byte[]> response = send(request("/v1/imports/" + id).GET().build(), "GET /v1/imports/" + id);
        expect(response, 200, "GET /v1/imports/" + id);
        try {
            return Json.MAPPER.readValue(response.body(), ImportStatus.class);
        } catch (IOException e) {
            throw new ImportException(response.statusCode(), "GET /v1/imports/" + id + ": unreadable answer "
                    + snippet(response.body()));
        }
    }

    /** Removes import {@code id}; the service refuses (409) while it runs. */
    public void delete(long id) throws InterruptedException {
        HttpResponse<byte[]> response = send(request("/v1/imports/" + id).DELETE().build(), "DELETE /v1/imports/" + id);
        if (response.statusCode() / 100 != 2) {
            throw failure(response, "DELETE /v1/imports/" + id);
        }
    }

    private HttpResponse<byte[]> post(String path, ImportBody body) throws InterruptedException {
        HttpRequest.Builder builder = request(path)
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        if (body.gzip()) {
            builder.header("Content-Encoding", "gzip");
        }
        HttpRequest request = builder.build();
        String what = "POST " + path;
        for (int backoffs = 0; ; backoffs++) {
            HttpResponse<byte[]> response = send(request, what);
            int status = response.statusCode();
            if ((status != 429 && status != 503) || backoffs >= maxBackoffs) {
                expect(response, 202, what);
                return response;
            }
            Thread.sleep(RetryAfter.parse(response.headers().firstValue("Retry-After"), ZonedDateTime.now(ZoneOffset.UTC))
                    .toMillis());
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(Urls.under(target, path)).timeout(requestTimeout);
        if (apiKey != null && !apiKey.isEmpty()) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return builder;
    }

    private HttpResponse<byte[]> send(HttpRequest request, String what) throws InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ImportException(what + ": " + e, e);
        }
    }

    private static ImportAccepted accepted(HttpResponse<byte[]> response) {
        try {
            JsonNode answer = Json.MAPPER.readTree(response.body());
            return new ImportAccepted(answer.path("id").asLong(), answer.path("part").asInt(),
                    answer.path("state").asText(null), response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new ImportException(response.statusCode(), "unreadable answer " + snippet(response.body()));
        }
    }

    private static void expect(HttpResponse<byte[]> response, int status, String what) {
        if (response.statusCode() != status) {
            throw failure(response, what);
        }
    }

    private static ImportException failure(HttpResponse<byte[]> response, String what) {
        return new ImportException(response.statusCode(), what + ": HTTP " + response.statusCode() + " "
                + snippet(response.body()));
    }

    static String snippet(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }
}
