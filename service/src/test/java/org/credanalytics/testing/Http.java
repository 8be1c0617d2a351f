package org.credanalytics.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A raw HTTP client for tests: exact bytes and headers in, status and JSON out. Sends the
 * suite-wide admin key ({@link TestKeys#ADMIN}) unless told otherwise.
 */
public final class Http {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;

    public Http(int port) {
        this(port, TestKeys.ADMIN);
    }

    /** A client sending {@code key} as its Bearer key; null sends no Authorization header. */
    public Http(int port, String key) {
        this("http://127.0.0.1:" + port, key == null ? null : "Bearer " + key, true);
    }

    private Http(String base, String authorization, boolean ignored) {
        this.base = base;
        this.authorization = authorization;
    }

    /** The same server with this exact Authorization header value (null: none). */
    public Http withAuthorizationHeader(String value) {
        return new Http(base, value, true);
    }

    public record Reply(int status, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    public Reply post(String path, String contentType, String body) {
        return post(path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public Reply post(String path, String contentType, byte[] body) {
        return postAsync(path, contentType, body).join();
    }

    public CompletableFuture<Reply> postAsync(String path, String contentType, byte[] body) {
        return postAsync(path, contentType, body, new String[0]);
    }

    /** A POST with extra headers, as name, value pairs. */
    public Reply post(String path, String contentType, byte[] body, String... headers) {
        return postAsync(path, contentType, body, headers).join();
    }

    public Reply delete(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).DELETE();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Reply(response.statusCode(), response.body(), response)).join();
    }

    private CompletableFuture<Reply> postAsync(String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Reply(response.statusCode(), response.body(), response));
    }

    public Reply get(String path) {
        return get(path, new String[0]);
    }

    /** A GET with extra headers, as name, value pairs. */
    public Reply get(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
