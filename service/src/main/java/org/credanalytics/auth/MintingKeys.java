package org.credanalytics.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import org.credanalytics.api.ApiException;
import org.jdbi.v3.core.JdbiException;

/**
 * Whether the key that minted an embed token is still active. Answers are cached for the same
 * time as authenticated keys (auth.cacheTtl), so a revoked key's tokens stop working within that
 * time, as the key itself does.
 */
public final class MintingKeys {
    private final ApiKeyDao keys;
    private final Cache<Long, Boolean> active;

    public MintingKeys(ApiKeyDao keys, Duration cacheTtl, long maxKeys) {
        this.keys = keys;
        this.active = Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(maxKeys).build();
    }

    /** Throws 401 when the token's minting key was revoked, 503 when that cannot be asked. */
    void check(EmbedGrant grant) {
        if (!active.get(grant.keyId(), this::lookUp)) {
            throw new ApiException(401, "the key that minted this embed token was revoked; ask for a new dashboard link",
                    List.of(), null);
        }
    }

    private boolean lookUp(long keyId) {
        try {
            return keys.isActive(keyId);
        } catch (JdbiException e) {
            throw new ApiException(503, "the embed token cannot be checked while the database is unavailable; retry",
                    List.of(), Duration.ofSeconds(1));
        }
    }
}
