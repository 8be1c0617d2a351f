package org.credanalytics.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.testing.CleanDatabase;
import org.credanalytics.testing.Events;
import org.credanalytics.testing.TcpProxy;
import org.credanalytics.testing.TestApp;
import org.credanalytics.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Clients whose timeout is shorter than the time to acknowledge: the database is held up by a
 * paused proxy, so each attempt times out on the client while its copy of the batch is still
 * queued in the service. The clients keep re-sending the same batch until they get a 2xx; every
 * event must end up stored once, however many copies reached the service.
 */
@ExtendWith({DropwizardExtensionsSupport.class, CleanDatabase.class})
class ClientRetryTest {
    static final TcpProxy PROXY = TcpProxy.forTestDatabase();
    static final DropwizardAppExtension<AnalyticsConfiguration> APP =
            TestApp.createWithUrl(PROXY.proxiedJdbcUrl(TestDatabase.get().url()));
    static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);
    static final Instant AT = Instant.now().minus(1, ChronoUnit.HOURS);

    private final TestDatabase db = TestDatabase.get();

    @AfterEach
    void healDatabase() {
        PROXY.resume();
    }

    @Test
    void retriesAfterClientTimeoutsStoreEachEventOnce() throws Exception {
        ApiClient impatient = new ApiClient(APP.getLocalPort(), SHORT_TIMEOUT);
        String batch = Events.batch("retry", 50, 5, AT);

        PROXY.pause();
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatThrownBy(() -> impatient.postJson("/v1/events/batch", batch))
                    .as("attempt %d gets no answer in time", attempt).isInstanceOf(HttpTimeoutException.class);
        }
        PROXY.resume();
        ApiClient.Reply reply = sendUntilAcknowledged(impatient, batch);

        assertThat(reply.jsonOrNull().get("accepted").asInt() + reply.jsonOrNull().get("duplicates").asInt()).isEqualTo(50);
        assertThat(db.count("SELECT count(*) FROM analytics_events WHERE starts_with(event_id, 'retry-')")).isEqualTo(50);
        assertThat(db.count("SELECT count(DISTINCT event_id) FROM analytics_events WHERE starts_with(event_id, 'retry-')")).isEqualTo(50);
    }

    @Test
    void concurrentClientsRetryingOverlappingBatchesStoreEachEventOnce() throws Exception {
        ApiClient impatient = new ApiClient(APP.getLocalPort(), SHORT_TIMEOUT);
        List<String> batches = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            // consecutive clients share half their events, as when a client re-batches what it retries
            String[] events = new String[40];
            for (int i = 0; i < 40; i++) {
                events[i] = Events.issued("overlap-" + (c * 20 + i), 6, AT);
            }
            batches.add(Events.array(events));
        }

        PROXY.pause();
        List<CompletableFuture<ApiClient.Reply>> clients = new ArrayList<>();
        for (String batch : batches) {
            assertThatThrownBy(() -> impatient.postJson("/v1/events/batch", batch)).isInstanceOf(HttpTimeoutException.class);
        }
        PROXY.resume();
        for (String batch : batches) {
            clients.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return sendUntilAcknowledged(impatient, batch);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<ApiClient.Reply> client : clients) {
            assertThat(client.get().ok()).isTrue();
        }

        long distinctEvents = 3 * 20 + 40;
        assertThat(db.count("SELECT count(*) FROM analytics_events WHERE starts_with(event_id, 'overlap-')")).isEqualTo(distinctEvents);
        assertThat(db.count("SELECT count(DISTINCT event_id) FROM analytics_events WHERE starts_with(event_id, 'overlap-')"))
                .isEqualTo(distinctEvents);
    }

    /** What a client does: re-send the same batch after each timeout or refusal until it gets a 2xx. */
    private static ApiClient.Reply sendUntilAcknowledged(ApiClient client, String batch) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            try {
                ApiClient.Reply reply = client.postJson("/v1/events/batch", batch);
                if (reply.ok()) {
                    return reply;
                }
                assertThat(reply.status()).as(reply.body()).isIn(429, 503);
            } catch (HttpTimeoutException e) {
                // no answer in time: the events may or may not be stored; re-sending is safe
            }
            assertThat(System.nanoTime()).as("a 2xx before the deadline").isLessThan(deadline);
        }
    }
}
