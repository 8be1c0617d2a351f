package org.credanalytics.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

/** What the outage tests expect of an answer while part of the database is away, and how they wait for recovery. */
final class Outages {
    private Outages() {
    }

    /** A 503 with Retry-After and a JSON body asking the client to retry. */
    static void assertUnavailable(ApiClient.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(503);
        assertThat(reply.header("Retry-After")).as("Retry-After").isNotNull();
        assertThat(reply.jsonOrNull()).as("a JSON error body").isNotNull();
        assertThat(reply.jsonOrNull().get("message").asText()).contains("retry");
    }

    interface Status {
        int get() throws Exception;
    }

    /** Polls, without anyone's help, until the wanted status; fails after a generous deadline. */
    static void awaitStatus(String what, int wanted, Status status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        int last = status.get();
        while (last != wanted) {
            assertThat(System.nanoTime()).as("%s: still %d", what, last).isLessThan(deadline);
            Thread.sleep(200);
            last = status.get();
        }
    }
}
