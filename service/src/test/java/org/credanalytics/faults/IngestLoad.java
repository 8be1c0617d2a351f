package org.credanalytics.faults;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Client threads that ingest batches of unique events and behave like a careful producer: a batch
 * is re-sent, with the same event ids, until it gets a 2xx; only then does the client move on.
 * Records exactly which events were acknowledged, and every non-2xx answer or lost connection.
 */
final class IngestLoad implements AutoCloseable {
    static final int INSTITUTIONS = 20;
    private static final String[] TYPES = {"credential_issued", "credential_issued", "credential_viewed", "credential_shared"};
    private static final String[] CREDENTIALS = {"First Aid", "Forklift", "CPR", "Welding"};
    private static final String[] LOCATIONS = {"US", "DE", "FR", ""};

    private final String prefix;
    private final int institutions;
    private final int batchSize;
    private final ApiClient client;
    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    private final Set<String> retried = ConcurrentHashMap.newKeySet();
    private final Map<Integer, AtomicInteger> refusals = new ConcurrentHashMap<>();
    private final AtomicInteger lostConnections = new AtomicInteger();
    private final AtomicInteger unavailableWithoutRetryAfter = new AtomicInteger();
    private final AtomicInteger acknowledgedBatches = new AtomicInteger();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private volatile boolean stopping;

    /** Starts {@code clients} threads against {@code port}; event ids start with {@code prefix}. */
    IngestLoad(String prefix, int clients, int batchSize, int port, long seed) {
        this(prefix, clients, batchSize, port, seed, INSTITUTIONS);
    }

    /** As above, with events spread evenly over institutions 1 to {@code institutions}. */
    IngestLoad(String prefix, int clients, int batchSize, int port, long seed, int institutions) {
        this.prefix = prefix;
        this.institutions = institutions;
        this.batchSize = batchSize;
        this.client = new ApiClient(port, Duration.ofSeconds(60));
        for (int c = 0; c < clients; c++) {
            int clientNo = c;
            Thread thread = new Thread(() -> run(clientNo, new Random(seed + clientNo)), "ingest-client-" + c);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void run(int clientNo, Random random) {
        for (int batchNo = 0; !stopping; batchNo++) {
            List<String> ids = new ArrayList<>();
            String body = batch(prefix + "-c" + clientNo + "-b" + batchNo + "-", random, ids);
            if (!sendUntilAcknowledged(body, ids)) {
                return;
            }
        }
    }

    /** Re-sends the same batch until a 2xx; false only if interrupted. */
    private boolean sendUntilAcknowledged(String body, List<String> ids) {
        for (int attempt = 0; ; attempt++) {
            if (attempt > 0) {
                retried.addAll(ids);
            }
            try {
                ApiClient.Reply reply = client.postJson("/v1/events/batch", body);
                if (reply.ok()) {
                    acknowledged.addAll(ids);
                    acknowledgedBatches.incrementAndGet();
                    return true;
                }
                refusals.computeIfAbsent(reply.status(), s -> new AtomicInteger()).incrementAndGet();
                if (reply.status() == 503 && reply.header("Retry-After") == null) {
                    unavailableWithoutRetryAfter.incrementAndGet();
                }
            } catch (IOException e) {
                lostConnections.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            try {
                Thread.sleep(100); // back off before the retry, as a client would
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private String batch(String idPrefix, Random random, List<String> ids) {
        StringJoiner events = new StringJoiner(",", "[", "]");
        for (int i = 0; i < batchSize; i++) {
            String id = idPrefix + i;
            ids.add(id);
            String type = TYPES[random.nextInt(TYPES.length)];
            Instant at = now.minusMillis(random.nextInt((int) TimeUnit.HOURS.toMillis(72)));
            String metadata = switch (type) {
                case "credential_issued" -> {
                    String location = LOCATIONS[random.nextInt(LOCATIONS.length)];
                    yield "{\"credential_type\": \"%s\", \"recipient_id\": \"r-%d\"%s%s}".formatted(
                            CREDENTIALS[random.nextInt(CREDENTIALS.length)], random.nextInt(500),
                            location.isEmpty() ? "" : ", \"recipient_location\": \"" + location + "\"",
                            random.nextBoolean() ? ", \"processing_time_ms\": " + random.nextInt(5000) : "");
                }
                case "credential_viewed" -> "{\"viewer_id\": \"v-" + random.nextInt(500) + "\"}";
                default -> "{}";
            };
            events.add("{\"event_id\": \"%s\", \"event_type\": \"%s\", \"institution_id\": %d, \"occurred_at\": \"%s\", \"metadata\": %s}"
                    .formatted(id, type, 1 + random.nextInt(institutions), at, metadata));
        }
        return events.toString();
    }

    int acknowledgedBatches() {
        return acknowledgedBatches.get();
    }

    List<String> acknowledgedIds() {
        return List.copyOf(acknowledged);
    }

    Set<String> retriedIds() {
        return Set.copyOf(retried);
    }

    /** Non-2xx statuses the clients got, with how often. */
    Map<Integer, Integer> refusals() {
        Map<Integer, Integer> copy = new java.util.TreeMap<>();
        refusals.forEach((status, n) -> copy.put(status, n.get()));
        return copy;
    }

    int lostConnections() {
        return lostConnections.get();
    }

    /** 503 answers that did not say when to retry. */
    int unavailableWithoutRetryAfter() {
        return unavailableWithoutRetryAfter.get();
    }

    /** Events acknowledged so far. */
    int acknowledgedEvents() {
        return acknowledged.size();
    }

    /** Polls until the condition holds; fails (with what the clients saw) after a generous deadline. */
    void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what + "; acknowledged batches " + acknowledgedBatches()
                        + ", refusals " + refusals() + ", lost connections " + lostConnections());
            }
            Thread.sleep(20);
        }
    }

    /** Lets every client finish its current batch (acknowledged) and stop; the service must be up. */
    void finish() throws InterruptedException {
        stopping = true;
        for (Thread thread : threads) {
            thread.join(TimeUnit.MINUTES.toMillis(3));
            if (thread.isAlive()) {
                throw new AssertionError(thread.getName() + " could not get its last batch acknowledged; refusals "
                        + refusals() + ", lost connections " + lostConnections());
            }
        }
    }

    @Override
    public void close() {
        stopping = true;
        threads.forEach(Thread::interrupt);
    }
}
