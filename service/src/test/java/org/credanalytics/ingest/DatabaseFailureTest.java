package org.credanalytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.credanalytics.AnalyticsConfiguration;
import org.credanalytics.testing.CleanDatabase;
import org.credanalytics.testing.Events;
import org.credanalytics.testing.Http;
import org.credanalytics.testing.TcpProxy;
import org.credanalytics.testing.TestApp;
import org.credanalytics.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Backpressure and database outages, with the database behind a proxy the test controls. */
@ExtendWith({DropwizardExtensionsSupport.class, CleanDatabase.class})
class DatabaseFailureTest {
    static final TcpProxy PROXY = TcpProxy.forTestDatabase();
    static final DropwizardAppExtension<AnalyticsConfiguration> APP = TestApp.createWithUrl(
            PROXY.proxiedJdbcUrl(TestDatabase.get().url()),
            ConfigOverride.config("ingest.queueCapacity", "1000"),
            ConfigOverride.config("ingest.maxEventsPerRequest", "500"));
    static final Instant AT = Instant.now().minus(1, ChronoUnit.HOURS);

    private final TestDatabase db = TestDatabase.get();
    private Http http;

    @BeforeEach
    void connect() {
        http = new Http(APP.getLocalPort());
    }

    @AfterEach
    void healDatabase() {
        PROXY.resume();
        PROXY.restore();
    }

    @Test
    void answers429WithRetryAfterWhenTheQueueIsFull() throws Exception {
        PROXY.pause();
        List<CompletableFuture<Http.Reply>> queued = new ArrayList<>();
        Http.Reply refused = null;
        for (int i = 0; i < 10 && refused == null; i++) {
            CompletableFuture<Http.Reply> reply = http.postAsync("/v1/events/batch", "application/json",
                    Events.batch("q" + i, 500, 3, AT).getBytes(StandardCharsets.UTF_8));
            Thread.sleep(300);
            if (reply.isDone()) {
                refused = reply.join();
            } else {
                queued.add(reply);
            }
        }

        assertThat(refused).isNotNull();
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(queued).hasSize(2); // 1000 events of capacity: two requests of 500
        PROXY.resume();
        for (CompletableFuture<Http.Reply> reply : queued) {
            assertThat(reply.get().status()).isEqualTo(200);
        }
        assertThat(db.count("SELECT count(*) FROM analytics_events")).isEqualTo(1000);
    }

    @Test
    void answers503WhileTheDatabaseIsDownAndRecoversWithoutHelp() throws Exception {
        String batch = Events.batch("down", 50, 4, AT);
        PROXY.cutOff();

        Http.Reply down = http.post("/v1/events/batch", "application/json", batch);

        assertThat(down.status()).isEqualTo(503);
        assertThat(down.header("Retry-After")).isEqualTo("1");
        assertThat(down.json().get("message").asText()).contains("retry");

        PROXY.restore();
        Http.Reply recovered = down;
        for (int attempt = 0; attempt < 30 && recovered.status() != 200; attempt++) {
            Thread.sleep(500);
            recovered = http.post("/v1/events/batch", "application/json", batch);
        }
        assertThat(recovered.status()).isEqualTo(200);
        assertThat(recovered.json().get("accepted").asInt() + recovered.json().get("duplicates").asInt()).isEqualTo(50);
        assertThat(db.count("SELECT count(*) FROM analytics_events")).isEqualTo(50);
    }

    @Test
    void healthCheckFollowsTheDatabase() throws Exception {
        Http admin = new Http(APP.getAdminPort());
        assertThat(healthStatusWithin(admin, 200)).isEqualTo(200);

        PROXY.cutOff();
        assertThat(admin.get("/healthcheck").status()).isEqualTo(500);

        PROXY.restore();
        assertThat(healthStatusWithin(admin, 200)).isEqualTo(200);
    }

    /** Health recovers by itself once a stale pooled connection has been replaced. */
    private static int healthStatusWithin(Http admin, int wanted) throws InterruptedException {
        int status = admin.get("/healthcheck").status();
        for (int attempt = 0; attempt < 20 && status != wanted; attempt++) {
            Thread.sleep(500);
            status = admin.get("/healthcheck").status();
        }
        return status;
    }
}
