package org.credanalytics.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Sends one request as it is described (method, target, headers, body) and keeps the whole answer. */
final class ContractClient {
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;

    ContractClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** A request: {@code target} is the path and query, already encoded. */
    record Call(String method, String target, Map<String, String> headers, byte[] body) {
        Call {
            headers = Map.copyOf(headers);
        }

        static Call of(String method, String target) {
            return new Call(method, target, Map.of(), null);
        }

        Call withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            if (value == null) {
                more.remove(name);
            } else {
                more.put(name, value);
            }
            return new Call(method, target, more, body);
        }

        Call withBody(String contentType, byte[] content) {
            return new Call(method, target, headers, content).withHeader("Content-Type", contentType);
        }

        Call withTarget(String other) {
            return new Call(method, other, headers, body);
        }

        @Override
        public String toString() {
            return method + " " + target + (headers.containsKey("Accept") ? " (Accept: " + headers.get("Accept") + ")" : "");
        }
    }

    record Reply(Call call, int status, HttpHeaders headers, String body) {
        /** The media type without parameters, lower case; null without a Content-Type. */
        String mediaType() {
            return headers.firstValue("Content-Type")
                    .map(type -> type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
                    .orElse(null);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return call + " -> " + status + " " + (body.length() > 600 ? body.substring(0, 600) + "…" : body);
        }
    }

    Reply send(Call call) {
        HttpRequest.BodyPublisher body = call.body() == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(call.body());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + call.target()))
                .timeout(Duration.ofSeconds(60))
                .method(call.method(), body);
        call.headers().forEach(request::header);
        try {
            HttpResponse<String> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // A refusal sent before the body was read (401, 403, 413) lets the server close the connection,
                // which the client may already have picked for this request: it never reached the server.
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            }
            return new Reply(call, response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(call.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
