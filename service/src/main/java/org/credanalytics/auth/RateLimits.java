package org.credanalytics.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.credanalytics.api.ApiException;
import org.credanalytics.ingest.EventBudget;

/**
 * Token buckets (Bucket4j) for requests and events per second: per key, per embed token and per
 * institution's embed tokens together, and per client address for failed authentications. A key's
 * limit is its own override, else the default for its kind; no limit means unlimited. Each bucket
 * holds one second's worth, so a key can burst to its per-second limit and averages at most that.
 * The buckets live in this process: with N service instances a key gets up to N times its limit.
 */
public final class RateLimits {
    private final KeyLimits institutionDefaults;
    private final KeyLimits adminDefaults;
    private final int embedTokenRequestsPerSecond;
    private final int failedAuthenticationsPerSecond;
    private final Cache<BucketKey, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(100_000)
            .build();

    /** {@code owner}: a key id, an institution (negated), an embed token id or a client address. */
    private record BucketKey(Object owner, String who, String what, int perSecond) {
    }

    public RateLimits(AuthConfiguration auth) {
        this.institutionDefaults = auth.getInstitutionLimits();
        this.adminDefaults = auth.getAdminLimits();
        this.embedTokenRequestsPerSecond = auth.getEmbedTokenRequestsPerSecond();
        this.failedAuthenticationsPerSecond = auth.getFailedAuthenticationsPerSecond();
    }

    /** Takes one request from the key's budget, or throws 429 with the time until it may retry. */
    public void admitRequest(ApiKey key) {
        Integer perSecond = key.requestsPerSecond() != null ? key.requestsPerSecond() : defaults(key).getRequestsPerSecond();
        if (perSecond != null) {
            take(new BucketKey(key.id(), "this key", "requests", perSecond), 1);
        }
    }

    /**
     * Takes one request from the token's own budget (auth.embedTokenRequestsPerSecond), so that one
     * leaked link cannot use up its institution's, and from the budget that every embed token of
     * the institution shares: an institution key's default request rate.
     */
    public void admitEmbedRequest(EmbedGrant grant) {
        take(new BucketKey(grant.tokenId(), "this embed token", "requests", embedTokenRequestsPerSecond), 1);
        Integer perSecond = institutionDefaults.getRequestsPerSecond();
        if (perSecond != null) {
            take(new BucketKey(-grant.institutionId(), "this institution's embed tokens", "dashboard requests", perSecond), 1);
        }
    }

    /**
     * Before a bearer value is looked up: a 429 if the client address has used up its failed
     * authentications for now, so that guessing keys costs no database query per guess.
     */
    public void admitAuthentication(String address) {
        Bucket bucket = failures(address);
        if (bucket.getAvailableTokens() < 1) {
            String message = "too many failed authentications from this address: at most "
                    + failedAuthenticationsPerSecond + " per second; retry after 1 s";
            throw new ApiException(429, message, List.of(), Duration.ofSeconds(1));
        }
    }

    /** Counts a failed authentication (unknown key, invalid or revoked token) against the client address. */
    public void failedAuthentication(String address) {
        failures(address).tryConsume(1);
    }

    private Bucket failures(String address) {
        return bucket(new BucketKey(address, "this address", "failed authentications", failedAuthenticationsPerSecond));
    }

    /** Takes {@code count} events from the key's budget; a request larger than one second's budget is a 413. */
    public void admitEvents(ApiKey key, int count) {
        Integer perSecond = eventsPerSecond(key);
        if (perSecond == null) {
            return;
        }
        if (count > perSecond) {
            throw tooLarge(perSecond);
        }
        take(new BucketKey(key.id(), "this key", "events", perSecond), count);
    }

    /**
     * Before an ingest body is parsed: the most events the key's request may hold now, what is
     * left of its second's budget (a 429 once the parser passes it, or a 413 when the request is
     * larger than a whole second's budget), or a 429 at once when nothing is left. {@code counted}
     * records a refusal made later, while the body is parsed.
     */
    public EventBudget eventBudget(ApiKey key, UnaryOperator<ApiException> counted) {
        Integer perSecond = eventsPerSecond(key);
        if (perSecond == null) {
            return EventBudget.UNLIMITED;
        }
        BucketKey events = new BucketKey(key.id(), "this key", "events", perSecond);
        Bucket bucket = bucket(events);
        long available = bucket.getAvailableTokens();
        if (available < 1) {
            throw tooMany(events, bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
        }
        if (available >= perSecond) {
            return new EventBudget(perSecond, () -> counted.apply(tooLarge(perSecond)));
        }
        return new EventBudget((int) available, () -> counted.apply(
                tooMany(events, bucket.estimateAbilityToConsume(available + 1).getNanosToWaitForRefill())));
    }

    private static ApiException tooLarge(int perSecond) {
        return new ApiException(413, "this key may send at most " + perSecond + " events per second; send smaller batches",
                List.of(), null);
    }

    /** The key's own events-per-second override, else its kind's default; null for unlimited. */
    private Integer eventsPerSecond(ApiKey key) {
        return key.eventsPerSecond() != null ? key.eventsPerSecond() : defaults(key).getEventsPerSecond();
    }

    private KeyLimits defaults(ApiKey key) {
        return key.isAdmin() ? adminDefaults : institutionDefaults;
    }

    private Bucket bucket(BucketKey key) {
        return buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(k.perSecond()).refillGreedy(k.perSecond(), Duration.ofSeconds(1)).build())
                .build());
    }

    private void take(BucketKey key, int tokens) {
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(tokens);
        if (!probe.isConsumed()) {
            throw tooMany(key, probe.getNanosToWaitForRefill());
        }
    }

    private static ApiException tooMany(BucketKey key, long nanosToWait) {
        long seconds = Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
        String message = "rate limit exceeded: " + key.who() + " may send " + key.perSecond() + " " + key.what()
                + " per second; retry after " + seconds + " s";
        return new ApiException(429, message, List.of(), Duration.ofSeconds(seconds));
    }
}
