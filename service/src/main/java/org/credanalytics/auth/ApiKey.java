package org.credanalytics.auth;

import java.security.Principal;
import java.time.Instant;
import java.util.Set;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

/**
 * A stored API key, without its secret (only its SHA-256 hash is ever stored), and the principal
 * of a request authenticated with it. The limits are per-key overrides; null means the default.
 */
public record ApiKey(long id, @ColumnName("key_prefix") String prefix, KeyKind kind, Long institutionId,
                     Set<Scope> scopes, Integer eventsPerSecond, Integer requestsPerSecond, String description,
                     Instant createdAt, Instant revokedAt) implements Principal {

    public ApiKey {
        scopes = Set.copyOf(scopes);
    }

    @Override
    public String getName() {
        return "key " + id + " (" + prefix + ")";
    }

    public boolean isAdmin() {
        return kind == KeyKind.ADMIN;
    }

    /** Admin keys act for every institution; institution keys for their own, within their scopes. */
    public boolean mayActFor(long institution, Scope scope) {
        return isAdmin() || (institutionId != null && institutionId == institution && scopes.contains(scope));
    }
}
