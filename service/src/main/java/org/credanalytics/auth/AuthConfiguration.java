package org.credanalytics.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The {@code auth} block: the bootstrap admin key, how long an authenticated key is cached (the
 * longest a revocation can take to be seen, for the key and the embed tokens it minted), the
 * default per-key limits by kind of key, each embed token's own request rate, and how many failed
 * authentications a client address may make per second before it is refused without a look-up.
 */
public class AuthConfiguration {
    @JsonProperty
    private String bootstrapAdminKey = "";

    @NotNull
    @JsonProperty
    private Duration cacheTtl = Duration.seconds(10);

    @Min(1)
    @JsonProperty
    private int cacheMaxKeys = 10_000;

    @Valid
    @NotNull
    @JsonProperty
    private KeyLimits institutionLimits = new KeyLimits(1_000, 50_000);

    @Valid
    @NotNull
    @JsonProperty
    private KeyLimits adminLimits = new KeyLimits();

    @Min(1)
    @JsonProperty
    private int embedTokenRequestsPerSecond = 20;

    @Min(1)
    @JsonProperty
    private int failedAuthenticationsPerSecond = 10;

    public String getBootstrapAdminKey() {
        return bootstrapAdminKey == null ? "" : bootstrapAdminKey;
    }

    public Duration getCacheTtl() {
        return cacheTtl;
    }

    public int getCacheMaxKeys() {
        return cacheMaxKeys;
    }

    public KeyLimits getInstitutionLimits() {
        return institutionLimits;
    }

    public KeyLimits getAdminLimits() {
        return adminLimits;
    }

    public int getEmbedTokenRequestsPerSecond() {
        return embedTokenRequestsPerSecond;
    }

    public int getFailedAuthenticationsPerSecond() {
        return failedAuthenticationsPerSecond;
    }
}
