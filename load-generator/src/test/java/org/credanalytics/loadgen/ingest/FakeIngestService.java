package org.credanalytics.loadgen.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process stand-in for {@code POST /v1/events/batch}: stores ids like the real service
 * (counting re-sent ones as duplicates) unless the test's responder answers otherwise.
 */
final class FakeIngestService implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle plus delayed
        // ACKs add ~40 ms to many responses and make tests slow.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** A canned answer; null from a responder means "store the batch and answer 200". */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    /** Decides the answer to the n-th request (0-based). */
    @FunctionalInterface
    interface Responder {
        Answer answer(int requestNumber, JsonNode events) throws Exception;
    }

    final List<List<String>> requests = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final Set<String> stored = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final Responder responder;

    FakeIngestService(Responder responder) throws IOException {
        this.responder = responder;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/events/batch", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode events = MAPPER.readTree(exchange.getRequestBody().readAllBytes());
            List<String> ids = new ArrayList<>();
            events.forEach(e -> ids.add(e.path("event_id").asText()));
            requests.add(ids);
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            Answer answer = responder.answer(count.getAndIncrement(), events);
            if (answer == null) {
                answer = store(ids);
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private Answer store(List<String> ids) {
        int accepted = 0;
        for (String id : ids) {
            if (stored.add(id)) {
                accepted++;
            }
        }
        return new Answer(200, Map.of(),
                "{\"accepted\": " + accepted + ", \"duplicates\": " + (ids.size() - accepted) + "}");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
