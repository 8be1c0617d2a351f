package org.credanalytics.loadgen.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * An in-process stand-in for the history import API as the contract describes it: parts are taken
 * with 202 and imported at once, an event is a duplicate when its institution, id and time were
 * imported before (by any import), and a GET reports the counts. Tests can answer the first
 * requests with 503, and make an import fail.
 */
final class FakeImportService implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** What one POST carried. */
    record Received(String method, String path, Map<String, String> headers, List<JsonNode> events) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger busyAnswers = new AtomicInteger();
    final AtomicInteger statusRequests = new AtomicInteger();
    /** A part with this number makes its import fail; 0 for none. */
    volatile int failingPart;
    private final Set<String> stored = ConcurrentHashMap.newKeySet();
    private final Map<Long, Map<String, Object>> imports = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(16);
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    FakeImportService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/imports", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String[] segments = path.split("/"); // "", "v1", "imports", id, "parts"
            String method = exchange.getRequestMethod();
            if (method.equals("GET")) {
                statusRequests.incrementAndGet();
                Map<String, Object> found = imports.get(Long.parseLong(segments[3]));
                answer(exchange, found == null ? 404 : 200, found == null ? Map.of("code", 404) : found);
                return;
            }
            if (method.equals("DELETE")) {
                answer(exchange, imports.remove(Long.parseLong(segments[3])) == null ? 404 : 204, null);
                return;
            }
            List<JsonNode> events = read(exchange);
            received.add(new Received(method, exchange.getRequestURI().toString(), headers(exchange), events));
            if (busyAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.getResponseHeaders().add("Retry-After", "0");
                answer(exchange, 503, Map.of("code", 503, "message", "the import queue is full"));
                return;
            }
            Map<String, Object> state;
            if (segments.length == 3) {
                long id = ids.incrementAndGet();
                state = newImport(id);
                imports.put(id, state);
                exchange.getResponseHeaders().add("Location", "/v1/imports/" + id);
            } else {
                state = imports.get(Long.parseLong(segments[3]));
            }
            synchronized (state) {
                int part = (int) state.get("parts") + 1;
                state.put("parts", part);
                importPart(state, part, events);
                answer(exchange, 202, Map.of("id", state.get("id"), "part", part, "state", state.get("state")));
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
        }
    }

    private void importPart(Map<String, Object> state, int part, List<JsonNode> events) {
        if (part == failingPart) {
            state.put("state", "failed");
            state.put("error", "part " + part + " could not be read");
            return;
        }
        for (JsonNode event : events) {
            String key = event.path("institution_id").asLong() + "/" + event.path("event_id").asText() + "/"
                    + event.path("occurred_at").asText();
            state.merge("read", 1L, (a, b) -> (long) a + (long) b);
            state.merge(stored.add(key) ? "imported" : "duplicates", 1L, (a, b) -> (long) a + (long) b);
        }
        state.put("parts_done", part);
        state.put("state", "done");
    }

    private static Map<String, Object> newImport(long id) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("id", id);
        state.put("institution_id", null);
        state.put("state", "running");
        state.put("error", null);
        state.put("parts", 0);
        state.put("parts_done", 0);
        state.put("read", 0L);
        state.put("imported", 0L);
        state.put("duplicates", 0L);
        state.put("rejected", 0L);
        state.put("rejections", List.of());
        state.put("created_at", "2026-03-01T10:00:00Z");
        state.put("finished_at", null);
        return state;
    }

    private static List<JsonNode> read(HttpExchange exchange) throws IOException {
        InputStream body = exchange.getRequestBody();
        if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            body = new GZIPInputStream(body);
        }
        List<JsonNode> events = new ArrayList<>();
        for (String line : new String(body.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                events.add(MAPPER.readTree(line));
            }
        }
        return events;
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : List.of("Authorization", "Content-Type", "Content-Encoding")) {
            headers.put(name, exchange.getRequestHeaders().getFirst(name));
        }
        return headers;
    }

    private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes;
        synchronized (body) {
            bytes = MAPPER.writeValueAsBytes(body);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
