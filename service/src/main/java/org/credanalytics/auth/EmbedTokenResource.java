package org.credanalytics.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.credanalytics.api.ApiException;
import org.credanalytics.api.FieldError;
import org.credanalytics.query.QueryParameters;

/**
 * Mints dashboard embed tokens. Who may: admin keys, and institution keys with the read scope for
 * that institution ({@link AccessPolicy}); an embed token can't mint another.
 */
@Path("/v1/institutions/{id}/embed-tokens")
@Produces(MediaType.APPLICATION_JSON)
public final class EmbedTokenResource {
    /** Prometheus: {@code analytics_embed_tokens_minted_total}. */
    public static final String MINTED = "analytics.embed.tokens.minted";
    static final long MIN_TTL_SECONDS = 60;
    private static final String TTL_SECONDS = "ttl_seconds";
    static final int MAX_BODY_BYTES = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmbedTokens tokens;
    private final Duration defaultTtl;
    private final Duration maxTtl;
    private final Counter minted;

    public EmbedTokenResource(EmbedTokens tokens, EmbedConfiguration config, MeterRegistry registry) {
        this.tokens = tokens;
        this.minted = Counter.builder(MINTED).description("Dashboard embed tokens minted").register(registry);
        this.defaultTtl = config.getDefaultTtl().toJavaDuration();
        this.maxTtl = config.getMaxTtl().toJavaDuration();
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MintedToken(String token, long institutionId, Instant expiresAt, String dashboardPath) {
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public Response mint(@PathParam("id") String id, @Context SecurityContext security, InputStream body) throws IOException {
        long institutionId = QueryParameters.positiveId("id", id);
        Duration ttl = ttl(ttlSeconds(read(body)));
        ApiKey mintedWith = (ApiKey) security.getUserPrincipal(); // embed tokens may not mint (AccessPolicy)
        EmbedTokens.Minted token = tokens.issue(institutionId, mintedWith.id(), ttl);
        minted.increment();
        MintedToken minted = new MintedToken(token.token(), institutionId, token.expiresAt(),
                "/dashboard/" + institutionId + "#token=" + token.token());
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.status(201).entity(minted).cacheControl(noStore).build();
    }

    /** At most {@value #MAX_BODY_BYTES} bytes are read: the only field is a number. */
    private static String read(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            String message = "the body is larger than " + MAX_BODY_BYTES + " bytes; send {\"ttl_seconds\": n} or nothing";
            throw new ApiException(413, message, List.of(FieldError.ofField("body", message)), null);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The body is optional: nothing, {@code {}} or {@code {"ttl_seconds": n}}. */
    private static Long ttlSeconds(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the body must be a JSON object such as {\"ttl_seconds\": 3600}", List.of());
        }
        if (!request.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object such as {\"ttl_seconds\": 3600}", List.of());
        }
        request.fieldNames().forEachRemaining(name -> {
            if (!TTL_SECONDS.equals(name)) {
                throw ApiException.badParameter(name, "unknown field '" + name + "'; the only field is " + TTL_SECONDS);
            }
        });
        JsonNode ttl = request.get(TTL_SECONDS);
        if (ttl == null || ttl.isNull()) {
            return null;
        }
        if (!ttl.canConvertToExactIntegral() || !ttl.canConvertToLong()) {
            throw ApiException.badParameter(TTL_SECONDS, "ttl_seconds must be a whole number of seconds");
        }
        return ttl.asLong();
    }

    private Duration ttl(Long seconds) {
        if (seconds == null) {
            return defaultTtl;
        }
        if (seconds < MIN_TTL_SECONDS || seconds > maxTtl.toSeconds()) {
            throw ApiException.badParameter("ttl_seconds",
                    "ttl_seconds must be from " + MIN_TTL_SECONDS + " to " + maxTtl.toSeconds());
        }
        return Duration.ofSeconds(seconds);
    }
}
