package org.credanalytics.auth;

import io.dropwizard.auth.Authenticator;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.credanalytics.api.ApiException;
import org.jdbi.v3.core.JdbiException;

/**
 * Finds the unrevoked key whose SHA-256 hash matches the presented key. When the database cannot
 * be asked, the answer is a 503 with {@code Retry-After}, never a 401: the key may well be valid.
 */
public final class ApiKeyAuthenticator implements Authenticator<String, ApiKey> {
    private final ApiKeyDao keys;

    public ApiKeyAuthenticator(ApiKeyDao keys) {
        this.keys = keys;
    }

    @Override
    public Optional<ApiKey> authenticate(String presented) {
        if (!KeyMaterial.plausible(presented)) {
            return Optional.empty();
        }
        try {
            return keys.findActive(KeyMaterial.hash(presented));
        } catch (JdbiException e) {
            throw new ApiException(503, "the API key cannot be checked while the database is unavailable; retry",
                    List.of(), Duration.ofSeconds(1));
        }
    }
}
