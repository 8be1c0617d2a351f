package org.credanalytics.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.credanalytics.testing.TestKeys;

/**
 * An HTTP client for the fault tests: any method, path, headers and raw bytes, always with the
 * suite's admin key, and a per-request timeout so a client can give up before the service acks.
 */
final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Duration timeout;

    ApiClient(int port, Duration timeout) {
        this.base = "http://127.0.0.1:" + port;
        this.timeout = timeout;
    }

    record Reply(int status, String body, HttpResponse<String> raw) {
        boolean ok() {
            return status / 100 == 2;
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** The body as JSON, or null when it is not JSON. */
        JsonNode jsonOrNull() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }

        String contentType() {
            return header("Content-Type");
        }
    }

    Reply postJson(String path, String body) throws IOException, InterruptedException {
        return send("POST", path, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send("GET", path, Map.of(), null);
    }

    /** Sends exactly these bytes; an {@code IOException} (refused, reset, timed out) means no answer. */
    Reply send(String method, String path, Map<String, String> headers, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + TestKeys.ADMIN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), response);
    }
}
