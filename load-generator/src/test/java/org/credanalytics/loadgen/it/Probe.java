package org.credanalytics.loadgen.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.credanalytics.testing.Events;
import org.credanalytics.testing.TestKeys;

/**
 * One small batch every 20 ms, each with a new event id, to time an outage from the client's side:
 * {@link #awaitAcknowledgedAfter} gives the first acknowledgement of a probe sent after an instant.
 */
final class Probe {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final int port;
    private final long institution;
    private final String prefix;
    private final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<long[]> acknowledgedTimes = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final Thread thread;
    private volatile boolean stopping;

    /** Probes {@code institution}'s ingest on {@code port}; event ids start with {@code prefix}. */
    Probe(int port, long institution, String prefix) {
        this.port = port;
        this.institution = institution;
        this.prefix = prefix;
        this.thread = new Thread(this::run, "failover-probe");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() throws InterruptedException {
        stopping = true;
        thread.join();
    }

    String prefix() {
        return prefix;
    }

    List<String> acknowledged() {
        return List.copyOf(acknowledged);
    }

    int sent() {
        return sent.get();
    }

    Map<Integer, AtomicInteger> statuses() {
        return statuses;
    }

    /** When (System.nanoTime) the first probe sent after {@code after} was acknowledged. */
    long awaitAcknowledgedAfter(long after, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (long[] sentAndAnswered : acknowledgedTimes) {
                if (sentAndAnswered[0] >= after) {
                    return sentAndAnswered[1];
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no probe was acknowledged within " + timeout + " of the kill; statuses "
                        + statuses);
            }
            Thread.sleep(5);
        }
    }

    /**
     * The longest time (nanoseconds) in which no probe was acknowledged, from {@code after} until
     * the last acknowledgement: the outage as a client sees it, even when some requests were still
     * answered right after {@code after} (writes that needed nothing from the failed node).
     */
    long longestGapAfter(long after) {
        long previous = after;
        long longest = 0;
        List<Long> answered = acknowledgedTimes.stream().map(t -> t[1]).filter(t -> t >= after).sorted().toList();
        for (long at : answered) {
            longest = Math.max(longest, at - previous);
            previous = at;
        }
        return longest;
    }

    private void run() {
        while (!stopping) {
            String id = prefix + sent.getAndIncrement();
            long sentAt = System.nanoTime();
            int status = post(Events.array(Events.issued(id, institution, Instant.now().minusSeconds(30))));
            statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            if (status == 200) {
                acknowledged.add(id);
                acknowledgedTimes.add(new long[] {sentAt, System.nanoTime()});
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private int post(String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/events/batch"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + TestKeys.ADMIN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A GET with the admin key; the body, or an error naming the status. */
    static String get(int port, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + TestKeys.ADMIN).GET().build();
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
