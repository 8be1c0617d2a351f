package org.credanalytics.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The {@code embed} block: the HMAC key that signs dashboard embed tokens, and their lifetimes.
 * With no key a random one is made at start, so tokens die with the process and are not accepted
 * by other instances: set one (32 bytes or more) wherever more than one instance serves the page.
 */
public class EmbedConfiguration {
    @Size(max = 1024)
    @JsonProperty
    private String signingKey = "";

    @NotNull
    @JsonProperty
    private Duration defaultTtl = Duration.hours(1);

    @NotNull
    @JsonProperty
    private Duration maxTtl = Duration.hours(24);

    public String getSigningKey() {
        return signingKey == null ? "" : signingKey;
    }

    public Duration getDefaultTtl() {
        return defaultTtl;
    }

    public Duration getMaxTtl() {
        return maxTtl;
    }
}
