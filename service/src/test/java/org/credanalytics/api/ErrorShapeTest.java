package org.credanalytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.auth.ApiKeyDao;
import org.credanalytics.auth.KeyKind;
import org.credanalytics.auth.KeyMaterial;
import org.credanalytics.auth.Scope;
import org.credanalytics.testing.Http;
import org.credanalytics.testing.TestApp;
import org.credanalytics.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every kind of error response, through the real HTTP server, has the one documented body
 * {@code {"code": <the status>, "message": "...", "errors": [...]}}: whoever answers it (a
 * resource, the key filter, Jersey's routing or Jetty itself).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ErrorShapeTest {
    static final DropwizardAppExtension<AnalyticsConfiguration> APP = TestApp.create(
            ConfigOverride.config("rollup.enabled", "false"),
            ConfigOverride.config("ingest.maxRequestSize", "2KiB"),
            ConfigOverride.config("ingest.maxEventsPerRequest", "3"));
    static final ObjectMapper JSON = new ObjectMapper();
    static final String EVENT = "{\"event_id\":\"e-%d\",\"event_type\":\"credential_issued\",\"institution_id\":%d,"
            + "\"occurred_at\":\"2026-03-01T10:00:00Z\"}";
    static String institutionKey;
    static String slowKey;

    @BeforeAll
    static void createKeys() {
        ApiKeyDao keys = TestDatabase.get().jdbi().onDemand(ApiKeyDao.class);
        institutionKey = key(keys, new ApiKeyDao.NewKey(KeyKind.INSTITUTION, 61L, Set.of(Scope.READ), null, null, "shape"));
        slowKey = key(keys, new ApiKeyDao.NewKey(KeyKind.INSTITUTION, 62L, Set.of(Scope.INGEST), 1, null, "shape"));
    }

    private static String key(ApiKeyDao keys, ApiKeyDao.NewKey newKey) {
        KeyMaterial.Generated generated = KeyMaterial.generate();
        keys.insert(generated.hash(), generated.prefix(), newKey).orElseThrow();
        return generated.plaintext();
    }

    private Http admin() {
        return new Http(APP.getLocalPort());
    }

    @Test
    void emptyBatch() {
        JsonNode body = assertShape(admin().post("/v1/events/batch", "application/json", "[]"), 400);
        assertThat(body.get("message").asText()).contains("no events");
    }

    @Test
    void bodyTooLarge() {
        assertShape(admin().post("/v1/events/batch", "application/json", "[" + " ".repeat(4096) + "]"), 413);
    }

    @Test
    void tooManyEvents() {
        String batch = "[" + String.join(",", EVENT.formatted(1, 7), EVENT.formatted(2, 7), EVENT.formatted(3, 7),
                EVENT.formatted(4, 7)) + "]";
        assertShape(admin().post("/v1/events/batch", "application/json", batch), 413);
    }

    @Test
    void moreEventsThanTheKeyMaySendPerSecond() {
        String batch = "[" + EVENT.formatted(1, 62) + "," + EVENT.formatted(2, 62) + "]";
        assertShape(new Http(APP.getLocalPort(), slowKey).post("/v1/events/batch", "application/json", batch), 413);
    }

    @Test
    void missingKey() {
        assertShape(new Http(APP.getLocalPort(), null).get("/v1/platform/geo?from=2026-03-01&to=2026-04-01"), 401);
    }

    @Test
    void keyNotAllowed() {
        assertShape(new Http(APP.getLocalPort(), institutionKey).get("/v1/platform/geo?from=2026-03-01&to=2026-04-01"), 403);
    }

    @Test
    void methodNotAllowed() throws IOException {
        assertShape(raw("GET /v1/events HTTP/1.1"), 405);
        assertShape(raw("DELETE /v1/institutions/7/summary?from=2026-03-01&to=2026-04-01 HTTP/1.1"), 405);
    }

    @Test
    void unknownPath() throws IOException {
        assertShape(raw("GET /v1/nothing-here HTTP/1.1"), 404);
    }

    @Test
    void badlyEncodedPathIsNamed() throws IOException {
        // Jetty refuses the request line before routing, so the error can name the path only.
        JsonNode body = assertShape(raw("GET /v1/institutions/%zz/summary?from=2026-03-01&to=2026-04-01 HTTP/1.1"), 400);
        assertThat(body.get("errors")).as(body.toString()).hasSize(1);
        assertThat(body.get("errors").get(0).get("field").asText()).isEqualTo("path");
        assertThat(body.get("message").asText()).contains("percent-encoded");
    }

    @Test
    void badUtf8InThePathParameterIsNamed() throws IOException {
        // Valid %-escapes of invalid UTF-8 get as far as routing, so the parameter is known.
        JsonNode body = assertShape(raw("GET /v1/institutions/%FF/summary?from=2026-03-01&to=2026-04-01 HTTP/1.1"), 400);
        assertThat(body.get("errors").get(0).get("field").asText()).isEqualTo("id");
    }

    @Test
    void badQueryParameterIsNamed() {
        JsonNode body = assertShape(admin().get("/v1/institutions/7/summary?from=2026-03-01&to=2026-04-01&tz=Mars/Base"), 400);
        assertThat(body.get("errors").get(0).get("field").asText()).isEqualTo("tz");
    }

    @Test
    void unsupportedContentType() {
        assertShape(admin().post("/v1/events", "text/plain", EVENT.formatted(1, 7)), 415);
    }

    @Test
    void ndjsonErrorNamesTheLineOfTheBody() {
        String body = EVENT.formatted(1, 7) + "\n" + "{\"event_id\": oops}\n";
        JsonNode error = assertShape(admin().post("/v1/events/batch", "application/x-ndjson", body), 400);
        assertThat(error.get("errors").get(0).get("index").asInt()).isEqualTo(1);
        assertThat(error.get("errors").get(0).get("message").asText()).contains("line 2,").doesNotContain("line 1,");
        assertThat(error.get("message").asText()).contains("line 2,");
    }

    private static JsonNode assertShape(Http.Reply reply, int status) {
        return assertShape(status, reply.status(), reply.body());
    }

    private static JsonNode assertShape(RawReply reply, int status) {
        return assertShape(status, reply.status(), reply.body());
    }

    private static JsonNode assertShape(int expected, int status, String text) {
        assertThat(status).as(text).isEqualTo(expected);
        JsonNode body;
        try {
            body = JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
        assertThat(body.isObject()).as(text).isTrue();
        assertThat(fieldNames(body)).as(text).containsExactlyInAnyOrder("code", "message", "errors");
        assertThat(body.get("code").asInt()).as(text).isEqualTo(expected);
        assertThat(body.get("message").isTextual()).as(text).isTrue();
        assertThat(body.get("message").asText()).as(text).isNotBlank();
        assertThat(body.get("errors").isArray()).as(text).isTrue();
        for (JsonNode error : body.get("errors")) {
            assertThat(error.get("message").asText()).as(text).isNotBlank();
        }
        return body;
    }

    private static java.util.List<String> fieldNames(JsonNode body) {
        java.util.List<String> names = new java.util.ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        return names;
    }

    record RawReply(int status, String body) {
    }

    /** One request written byte for byte (java.net.URI refuses {@code %zz}), with the admin key. */
    private static RawReply raw(String requestLine) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", APP.getLocalPort())) {
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + org.credanalytics.testing.TestKeys.ADMIN
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            if (response.toLowerCase().contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            return new RawReply(status, body);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
