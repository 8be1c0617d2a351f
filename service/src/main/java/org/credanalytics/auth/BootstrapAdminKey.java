package org.credanalytics.auth;

import java.util.Optional;
import org.credanalytics.ConfigurationProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ensures at start that the operator's bootstrap key ({@code ANALYTICS_BOOTSTRAP_ADMIN_KEY}) is an
 * admin key, so that a fresh installation can be used at once. Idempotent: an existing key is left
 * as it is, and a revoked one stays revoked (revoking it is how an operator retires it). A key
 * shorter than {@value KeyMaterial#MIN_BOOTSTRAP_KEY_LENGTH} characters, or a placeholder such as
 * {@code change-me-…}, stops the start.
 */
public final class BootstrapAdminKey {
    private static final Logger LOG = LoggerFactory.getLogger(BootstrapAdminKey.class);
    static final String DESCRIPTION = "bootstrap admin key (ANALYTICS_BOOTSTRAP_ADMIN_KEY)";

    private BootstrapAdminKey() {
    }

    /** Throws a {@link ConfigurationProblem} unless {@code key} is empty or usable: long enough, plausible, no placeholder. */
    public static void requireUsable(String key) {
        if (key.isEmpty()) {
            return;
        }
        if (key.length() < KeyMaterial.MIN_BOOTSTRAP_KEY_LENGTH || !KeyMaterial.plausible(key)) {
            throw new ConfigurationProblem("ANALYTICS_BOOTSTRAP_ADMIN_KEY (auth.bootstrapAdminKey) must be "
                    + KeyMaterial.MIN_BOOTSTRAP_KEY_LENGTH + " to " + KeyMaterial.MAX_KEY_LENGTH
                    + " printable ASCII characters without spaces, e.g. the output of: openssl rand -hex 32");
        }
        PlaceholderSecrets.refuse("ANALYTICS_BOOTSTRAP_ADMIN_KEY (auth.bootstrapAdminKey)", key);
    }

    /** Returns the stored key, or empty when no bootstrap key is configured. */
    public static Optional<ApiKey> ensure(ApiKeyDao keys, String key) {
        if (key.isEmpty()) {
            LOG.info("No bootstrap admin key configured (ANALYTICS_BOOTSTRAP_ADMIN_KEY); create keys with the keys command");
            return Optional.empty();
        }
        requireUsable(key);
        byte[] hash = KeyMaterial.hash(key);
        ApiKey stored = keys.insert(hash, KeyMaterial.bootstrapPrefix(key), ApiKeyDao.NewKey.admin(DESCRIPTION))
                .or(() -> keys.findByHash(hash))
                .orElseThrow(() -> new IllegalStateException("the bootstrap admin key was neither stored nor found"));
        if (!stored.isAdmin()) {
            throw new ConfigurationProblem("ANALYTICS_BOOTSTRAP_ADMIN_KEY is already stored as an institution key (id "
                    + stored.id() + "); choose another bootstrap key");
        }
        if (stored.revokedAt() != null) {
            LOG.warn("The bootstrap admin key (id {}) was revoked on {} and stays revoked; unset ANALYTICS_BOOTSTRAP_ADMIN_KEY",
                    stored.id(), stored.revokedAt());
        } else {
            LOG.info("Bootstrap admin key present: id {} ({})", stored.id(), stored.prefix());
        }
        return Optional.of(stored);
    }
}
