package org.credanalytics.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.faults.FuzzRequests.Kind;
import org.credanalytics.faults.FuzzRequests.Request;
import org.credanalytics.testing.CleanDatabase;
import org.credanalytics.testing.Events;
import org.credanalytics.testing.StoredEvents;
import org.credanalytics.testing.TestApp;
import org.credanalytics.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sends at least 10,000 generated malformed requests (from a fixed seed, printed with any failure;
 * {@code -Dfuzz.seed=...} runs another, {@code -Dfuzz.requests=...} changes the count) to the real service from a small pool, while
 * another client keeps sending valid batches. Never a 5xx; every rejection is a 4xx with a JSON
 * body saying what is wrong; a rejected request writes none of its events; requests that turn
 * out valid (injection strings in free-text fields) are stored verbatim; valid traffic always
 * succeeds; and the rollups still catch up and equal the raw aggregates afterwards.
 */
@ExtendWith({DropwizardExtensionsSupport.class, CleanDatabase.class})
class BadInputFuzzTest {
    static final DropwizardAppExtension<AnalyticsConfiguration> APP =
            TestApp.create(ConfigOverride.config("rollup.interval", "200ms"));
    static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_000);
    static final int CLIENTS = 4;
    /** The seed of every ordinary run, so that a failure is the same failure on every machine. */
    static final long DEFAULT_SEED = 20_261_124L;

    private final TestDatabase db = TestDatabase.get();
    private final ConcurrentLinkedQueue<String> offenders = new ConcurrentLinkedQueue<>();
    private final Map<String, String> rejectedIds = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Request> acceptedInjections = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    private final AtomicLong acceptedEvents = new AtomicLong();
    private final AtomicLong staleConnections = new AtomicLong();

    @Test
    void malformedRequestsGetA4xxAndWriteNothingWhileValidTrafficSucceeds() throws Exception {
        long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        try {
            fuzz(seed);
        } catch (AssertionError e) {
            throw new AssertionError("BadInputFuzzTest failed with seed " + seed + " (replay with -Dfuzz.seed=" + seed
                    + "): " + e.getMessage(), e);
        }
    }

    private void fuzz(long seed) throws Exception {
        System.out.println("BadInputFuzzTest seed=" + seed + " requests=" + REQUESTS + " (replay with -Dfuzz.seed=" + seed + ")");
        FuzzRequests generator = new FuzzRequests(seed);
        ApiClient client = new ApiClient(APP.getLocalPort(), Duration.ofSeconds(60));
        ValidTraffic valid = new ValidTraffic(new ApiClient(APP.getLocalPort(), Duration.ofSeconds(60)));
        valid.start();

        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int n = 0; n < REQUESTS; n++) {
                int number = n;
                sent.add(pool.submit(() -> sendAndCheck(client, generator.request(number))));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        valid.finish();

        System.out.println("BadInputFuzzTest outcomes by kind and status: " + new TreeMap<>(outcomes));
        System.out.println("BadInputFuzzTest: " + acceptedEvents.get() + " fuzz events accepted, "
                + valid.acknowledged.size() + " valid events acknowledged alongside; " + staleConnections.get()
                + " requests re-sent after the server had closed their connection");
        if (!offenders.isEmpty()) {
            System.out.println("BadInputFuzzTest offenders (seed " + seed + "):\n" + String.join("\n", offenders));
        }
        assertThat(offenders).as("requests answered with a 5xx, no answer, or an error that is not a JSON 4xx (seed %d)", seed)
                .isEmpty();
        assertThat(valid.failures).as("valid requests that did not succeed while the fuzzer ran").isEmpty();
        assertThat(outcomes.keySet().stream().filter(k -> k.endsWith(" 400")).count()).as("kinds of 400 seen").isGreaterThan(5);

        new StoredEvents(db.jdbi()).assertStoredExactlyOnce("ok-", valid.acknowledged);
        assertThat(db.count("SELECT count(*) FROM analytics_events"))
                .as("rows: exactly the events of accepted requests").isEqualTo(acceptedEvents.get() + valid.acknowledged.size());
        assertNoneStored(Map.copyOf(rejectedIds));
        assertStoredVerbatim(List.copyOf(acceptedInjections));

        StoredEvents stored = new StoredEvents(db.jdbi());
        stored.awaitRollupCaughtUp();
        stored.assertRollupsEqualRawAggregates();
    }

    private void sendAndCheck(ApiClient client, Request request) {
        ApiClient.Reply reply;
        try {
            reply = sendAllowingOneStaleConnection(client, request);
        } catch (IOException | IllegalArgumentException e) {
            offenders.add("no answer (" + e + "): " + request.describe());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        outcomes.computeIfAbsent(request.kind() + " " + reply.status(), k -> new AtomicLong()).incrementAndGet();
        JsonNode json = reply.jsonOrNull();
        if (reply.ok()) {
            if (json != null && json.has("accepted")) {
                acceptedEvents.addAndGet(json.get("accepted").asLong());
                if (request.kind() == Kind.INJECTION) {
                    acceptedInjections.add(request);
                }
            }
            return;
        }
        String body = reply.body().length() > 300 ? reply.body().substring(0, 300) + "…" : reply.body();
        request.ids().forEach(id -> rejectedIds.put(id, reply.status() + " " + body + " <- " + request.describe()));
        if (reply.status() >= 500 || reply.status() < 400) {
            offenders.add(reply.status() + " " + body + " <- " + request.describe());
        } else if (json == null || !json.isObject() || !json.path("message").isTextual() || json.path("message").asText().isBlank()
                || json.path("code").asInt() != reply.status()) {
            offenders.add(reply.status() + " without a JSON error body (" + reply.contentType() + "): " + body
                    + " <- " + request.describe());
        }
    }

    /**
     * The server closes a connection after some errors; a request the client had already put on
     * that pooled connection gets no bytes back. Such a request is sent once more, on a new connection.
     */
    private ApiClient.Reply sendAllowingOneStaleConnection(ApiClient client, Request request)
            throws IOException, InterruptedException {
        try {
            return client.send(request.method(), request.path(), request.headers(), request.body());
        } catch (IOException e) {
            staleConnections.incrementAndGet();
            return client.send(request.method(), request.path(), request.headers(), request.body());
        }
    }

    private void assertNoneStored(Map<String, String> rejected) {
        List<String> stored = db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT event_id FROM analytics_events WHERE event_id = ANY(:ids)")
                .bindArray("ids", String.class, List.copyOf(rejected.keySet())).mapTo(String.class).list());
        assertThat(stored.stream().map(id -> id + ": " + rejected.get(id)).toList())
                .as("events of rejected requests that were stored").isEmpty();
    }

    /** Injection strings in event ids and metadata are data: stored exactly as sent. */
    private void assertStoredVerbatim(List<Request> requests) {
        assertThat(requests).as("injection requests that were valid events").isNotEmpty();
        for (Request request : requests) {
            for (ObjectNode sent : request.events()) {
                String id = sent.get("event_id").textValue();
                Map<String, Object> row = db.jdbi().withHandle(h -> h.createQuery(
                                "SELECT event_type, institution_id, metadata::text AS metadata FROM analytics_events WHERE event_id = :id")
                        .bind("id", id).mapToMap().one());
                assertThat(row.get("event_type")).as(id).isEqualTo(sent.get("event_type").textValue());
                assertThat(((Number) row.get("institution_id")).longValue()).as(id).isEqualTo(sent.get("institution_id").longValue());
                try {
                    assertThat(FuzzRequests.JSON.readTree((String) row.get("metadata"))).as(id).isEqualTo(sent.get("metadata"));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** A well-behaved client sending valid batches throughout; only 429 (back off and retry) is tolerated. */
    private static final class ValidTraffic extends Thread {
        final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        private final ApiClient client;
        private volatile boolean done;

        ValidTraffic(ApiClient client) {
            super("valid-traffic");
            this.client = client;
            setDaemon(true);
        }

        @Override
        public void run() {
            Instant at = Instant.now().minus(3, ChronoUnit.HOURS);
            for (int k = 0; !done; k++) {
                String prefix = "ok-" + k;
                String batch = Events.batch(prefix, 20, 1 + k % 5, at);
                try {
                    ApiClient.Reply reply = client.postJson("/v1/events/batch", batch);
                    while (reply.status() == 429) {
                        Thread.sleep(100);
                        reply = client.postJson("/v1/events/batch", batch);
                    }
                    if (reply.status() == 200 && reply.jsonOrNull().get("accepted").asInt() == 20) {
                        for (int i = 0; i < 20; i++) {
                            acknowledged.add(prefix + "-" + i);
                        }
                    } else {
                        failures.add(reply.status() + " " + reply.body());
                    }
                } catch (IOException e) {
                    failures.add(e.toString());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void finish() throws InterruptedException {
            done = true;
            join(Duration.ofMinutes(2).toMillis());
        }
    }
}
