package org.credanalytics.loadgen.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.credanalytics.loadgen.Json;
import org.credanalytics.loadgen.Urls;
import org.credanalytics.loadgen.schedule.NanoClock;

/**
 * Posts one batch until it gets a final answer. 429 and 503 are backpressure: wait as long as
 * {@code Retry-After} says and send the same body again, without using up an attempt. Timeouts,
 * I/O errors and other 5xx are retried a bounded number of times, also with the same body: the
 * ids make retries idempotent. Nothing is retried after the run's deadline.
 */
final class BatchSender {
    private static final long MAX_RETRY_PAUSE_NANOS = 2_000_000_000L;

    private final HttpClient client;
    private final URI endpoint;
    private final String apiKey;
    private final BodyFormat format;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final int maxBackoffs;
    private final NanoClock clock;
    private final IngestCounters counters;

    BatchSender(HttpClient client, IngestSettings settings, NanoClock clock, IngestCounters counters) {
        this.client = client;
        this.endpoint = Urls.under(settings.target(), "/v1/events/batch");
        this.apiKey = settings.apiKey();
        this.format = settings.body();
        this.requestTimeout = settings.requestTimeout();
        this.maxAttempts = settings.maxAttempts();
        this.maxBackoffs = settings.maxBackoffs();
        this.clock = clock;
        this.counters = counters;
    }

    Delivery deliver(Batch batch, long deadlineNanos) throws InterruptedException {
        HttpRequest request = request(batch);
        int attempts = 0;
        int failures = 0;
        int backoffs = 0;
        int lastStatus = 0;
        boolean answered = false;
        String lastProblem = "run ended before the batch could be sent";
        while (clock.nanoTime() - deadlineNanos < 0) {
            attempts++;
            try {
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                lastStatus = status;
                answered = true;
                if (status >= 200 && status < 300) {
                    return acknowledged(status, response.body(), batch, attempts);
                }
                if (status == 429 || status == 503) {
                    lastProblem = "HTTP " + status + " (backpressure) " + snippet(response.body());
                    if (++backoffs > maxBackoffs) {
                        break;
                    }
                    counters.backoff();
                    pause(RetryAfter.parse(response.headers().firstValue("Retry-After"), ZonedDateTime.now(ZoneOffset.UTC))
                            .toNanos(), deadlineNanos);
                    continue;
                }
                if (status >= 400 && status < 500) {
                    return Delivery.rejected(status, attempts, snippet(response.body()));
                }
                lastProblem = "HTTP " + status + " " + snippet(response.body());
            } catch (HttpTimeoutException e) {
                // A timeout is the server being slow: it is answered, and its time counts as latency.
                answered = true;
                lastProblem = "timed out after " + requestTimeout.toMillis() + " ms";
            } catch (IOException e) {
                lastProblem = "I/O error: " + e;
            }
            if (++failures >= maxAttempts) {
                break;
            }
            counters.retry();
            pause(Math.min(MAX_RETRY_PAUSE_NANOS, 100_000_000L << Math.min(failures - 1, 5)), deadlineNanos);
        }
        return Delivery.failed(lastStatus, answered, attempts, lastProblem);
    }

    private Delivery acknowledged(int status, byte[] body, Batch batch, int attempts) {
        long accepted = batch.events();
        long duplicates = 0;
        try {
            JsonNode answer = Json.MAPPER.readTree(body);
            if (answer != null && answer.has("accepted")) {
                accepted = answer.path("accepted").asLong();
                duplicates = answer.path("duplicates").asLong();
            }
        } catch (IOException e) {
            // A 2xx is an acknowledgement even if its body is not what we expect; keep the batch size.
        }
        return Delivery.acked(status, accepted, duplicates, attempts);
    }

    private HttpRequest request(Batch batch) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Content-Type", format.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch.body()));
        if (apiKey != null && !apiKey.isEmpty()) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return builder.build();
    }

    private void pause(long nanos, long deadlineNanos) throws InterruptedException {
        long until = clock.nanoTime() + nanos;
        clock.sleepUntil(until - deadlineNanos < 0 ? until : deadlineNanos);
    }

    static String snippet(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
