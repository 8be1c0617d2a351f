package org.credanalytics.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The {@code auth} block: the bootstrap admin key, how long an authenticated key is cached (the
 * longest a revocation can take to be seen), and the default per-key limits by kind of key.
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
}
