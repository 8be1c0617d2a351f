package org.credanalytics.loadgen.query;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An in-process stand-in for the dashboard endpoints with conditional GETs: every answer has an
 * {@code ETag}, a request whose {@code If-None-Match} holds the current one gets a 304, and the
 * answer of a path changes on every {@code changeEvery}-th request for it (new events arrived).
 * It records, per request, the tag it had last given for that path, to check the client's bookkeeping.
 */
final class FakeDashboardService implements AutoCloseable {
    static {
        // Without TCP_NODELAY, Nagle plus delayed ACKs add ~40 ms to many responses.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** One request as the server saw it, and what it answered. */
    record Seen(String pathAndQuery, String accept, String ifNoneMatch, String lastTagGiven, int status) {
    }

    final List<Seen> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> requestsPerPath = new HashMap<>();
    private final Map<String, String> lastTagGiven = new HashMap<>();
    private final int changeEvery;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    FakeDashboardService(int changeEvery) throws IOException {
        this.changeEvery = changeEvery;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    long count(int status) {
        return requests.stream().filter(r -> r.status() == status).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().toString();
            String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
            String tag;
            String previous;
            synchronized (this) {
                int n = requestsPerPath.merge(path, 1, Integer::sum);
                tag = "\"" + Integer.toHexString(path.hashCode()) + "-v" + (n - 1) / changeEvery + "\"";
                previous = lastTagGiven.put(path, tag);
            }
            int status = tag.equals(ifNoneMatch) ? 304 : 200;
            requests.add(new Seen(path, exchange.getRequestHeaders().getFirst("Accept"), ifNoneMatch, previous, status));
            exchange.getResponseHeaders().set("ETag", tag);
            if (status == 304) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            boolean csv = path.endsWith("&format=csv");
            byte[] body = (csv ? "stage,count\r\nissued,3\r\n" : "{}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", csv ? "text/csv;charset=utf-8" : "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
