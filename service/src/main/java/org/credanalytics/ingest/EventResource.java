package org.credanalytics.ingest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.credanalytics.api.ApiException;
import org.credanalytics.api.FieldError;

/**
 * The ingest API. Answers 200 {@code {"accepted": N, "duplicates": D}} only once the request's
 * events are committed; 4xx (nothing written) for bad input; 429 or 503 with {@code Retry-After}
 * when the writer is full or the database is unavailable. The {@link EventAdmission} bounds the
 * events the body may hold before it is parsed (its caller's budget, checked as events are
 * decoded), and decides before anything is queued whether the caller may write them all.
 */
@Path("/v1/events")
@Produces(MediaType.APPLICATION_JSON)
public final class EventResource {
    static final String NDJSON = "application/x-ndjson";

    private final EventParser parser;
    private final EventAdmission admission;
    private final BatchWriter writer;
    private final IngestMetrics metrics;
    private final long maxRequestBytes;
    private final Duration ackTimeout;

    public EventResource(EventParser parser, EventAdmission admission, BatchWriter writer, IngestMetrics metrics,
                         IngestConfiguration config) {
        this.parser = parser;
        this.admission = admission;
        this.writer = writer;
        this.metrics = metrics;
        this.maxRequestBytes = config.getMaxRequestSize().toBytes();
        this.ackTimeout = Duration.ofMillis(config.getAckTimeout().toMilliseconds());
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public void ingestOne(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body,
                          @Context SecurityContext security, @Suspended AsyncResponse response) throws IOException {
        requireJson(contentType, false);
        submit(read(body), parser::parseSingle, security, response);
    }

    @POST
    @Path("/batch")
    @Consumes(MediaType.WILDCARD)
    public void ingestBatch(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body,
                            @Context SecurityContext security, @Suspended AsyncResponse response) throws IOException {
        boolean ndjson = requireJson(contentType, true);
        submit(read(body), ndjson ? parser::parseNdjson : parser::parseJsonArray, security, response);
    }

    private void submit(byte[] body, BiFunction<byte[], EventBudget, List<Event>> decode, SecurityContext security,
                        AsyncResponse response) {
        EventBudget budget = admission.budget(security);
        List<Event> events;
        try {
            events = decode.apply(body, budget);
        } catch (EventParser.OverBudget e) {
            throw e.refusal();
        } catch (ApiException e) {
            metrics.rejected(invalidEvents(e));
            throw e;
        }
        admission.admit(security, events);
        writer.submit(events)
                .orTimeout(ackTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((result, failure) -> {
                    if (failure == null) {
                        response.resume(result);
                    } else {
                        response.resume(asApiException(failure));
                    }
                });
    }

    private static ApiException asApiException(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ApiException api) {
            return api;
        }
        if (cause instanceof TimeoutException) {
            return new ApiException(503, "the events were not committed in time; retry with the same event ids",
                    List.of(), Duration.ofSeconds(1));
        }
        return new ApiException(503, "the events could not be committed; retry with the same event ids",
                List.of(), Duration.ofSeconds(1));
    }

    /** Returns true for NDJSON; refuses anything but JSON (and NDJSON where allowed) with 415. */
    public static boolean requireJson(String contentType, boolean ndjsonAllowed) {
        String expected = ndjsonAllowed ? "application/json or " + NDJSON : "application/json";
        if (contentType == null) {
            throw unsupported("Content-Type is missing; send " + expected);
        }
        MediaType type;
        try {
            type = MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            throw unsupported("Content-Type is not a valid media type; send " + expected);
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
            throw unsupported("only the utf-8 charset is supported");
        }
        if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !type.isWildcardType() && !type.isWildcardSubtype()) {
            return false;
        }
        if (ndjsonAllowed && (NDJSON.equalsIgnoreCase(type.getType() + "/" + type.getSubtype()))) {
            return true;
        }
        throw unsupported("unsupported Content-Type " + type.getType() + "/" + type.getSubtype() + "; send " + expected);
    }

    private static ApiException unsupported(String message) {
        return new ApiException(415, message, List.of(FieldError.ofField("Content-Type", message)), null);
    }

    private byte[] read(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxRequestBytes + 1));
        if (bytes.length > maxRequestBytes) {
            throw new ApiException(413, "the request body is larger than " + maxRequestBytes + " bytes", List.of(), null);
        }
        return bytes;
    }

    /** Events named by the errors (an event with two bad fields counts once); at least 1. */
    private static int invalidEvents(ApiException e) {
        long indexed = e.errors().stream().map(FieldError::index)
                .filter(Objects::nonNull).distinct().count();
        return (int) Math.max(1, indexed);
    }
}
