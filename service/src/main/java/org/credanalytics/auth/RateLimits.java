package org.credanalytics.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.List;
import org.credanalytics.api.ApiException;

/**
 * Per-key token buckets (Bucket4j) for requests and events per second. A key's limit is its own
 * override, else the default for its kind; no limit means unlimited. Each bucket holds one
 * second's worth, so a key can burst to its per-second limit and averages at most that. The
 * buckets live in this process: with N service instances a key gets up to N times its limit.
 */
public final class RateLimits {
    private final KeyLimits institutionDefaults;
    private final KeyLimits adminDefaults;
    private final Cache<BucketKey, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(100_000)
            .build();

    private record BucketKey(long keyId, String what, int perSecond) {
    }

    public RateLimits(KeyLimits institutionDefaults, KeyLimits adminDefaults) {
        this.institutionDefaults = institutionDefaults;
        this.adminDefaults = adminDefaults;
    }

    /** Takes one request from the key's budget, or throws 429 with the time until it may retry. */
    public void admitRequest(ApiKey key) {
        Integer perSecond = key.requestsPerSecond() != null ? key.requestsPerSecond() : defaults(key).getRequestsPerSecond();
        if (perSecond != null) {
            take(new BucketKey(key.id(), "requests", perSecond), 1);
        }
    }

    /**
     * Takes one request from the budget that every embed token of the institution shares: an
     * institution key's default request rate.
     */
    public void admitEmbedRequest(EmbedGrant grant) {
        Integer perSecond = institutionDefaults.getRequestsPerSecond();
        if (perSecond != null) {
            take(new BucketKey(-grant.institutionId(), "dashboard requests", perSecond), 1);
        }
    }

    /** Takes {@code count} events from the key's budget; a request larger than one second's budget is a 413. */
    public void admitEvents(ApiKey key, int count) {
        Integer perSecond = key.eventsPerSecond() != null ? key.eventsPerSecond() : defaults(key).getEventsPerSecond();
        if (perSecond == null) {
            return;
        }
        if (count > perSecond) {
            String message = "this key may send at most " + perSecond + " events per second; send smaller batches";
            throw new ApiException(413, message, List.of(), null);
        }
        take(new BucketKey(key.id(), "events", perSecond), count);
    }

    private KeyLimits defaults(ApiKey key) {
        return key.isAdmin() ? adminDefaults : institutionDefaults;
    }

    private void take(BucketKey key, int tokens) {
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(k.perSecond()).refillGreedy(k.perSecond(), Duration.ofSeconds(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(tokens);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            String message = "rate limit exceeded: this key may send " + key.perSecond() + " " + key.what()
                    + " per second; retry after " + seconds + " s";
            throw new ApiException(429, message, List.of(),
                    Duration.ofSeconds(seconds));
        }
    }
}
