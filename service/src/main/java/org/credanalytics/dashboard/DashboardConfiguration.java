package org.credanalytics.dashboard;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * The {@code dashboard} block: which sites may frame the page (CSP {@code frame-ancestors}, e.g.
 * {@code 'self'} and {@code https://portal.example.edu}) and how often the page refreshes.
 */
public class DashboardConfiguration {
    /** A CSP source expression: a keyword or a scheme, host and port, with nothing that could end the directive. */
    static final String SOURCE = "'self'|'none'|\\*|[a-z][a-z0-9+.-]*:|([a-z][a-z0-9+.-]*://)?(\\*\\.)?[A-Za-z0-9.-]+(:([0-9]{1,5}|\\*))?(/[A-Za-z0-9._~/-]*)?";

    @NotEmpty
    @JsonProperty
    private List<@NotNull @Pattern(regexp = SOURCE, message = "must be a CSP source such as 'self' or https://portal.example.edu") String> frameAncestors = List.of("'self'");

    @NotNull
    @JsonProperty
    private Duration refreshInterval = Duration.seconds(10);

    public List<String> getFrameAncestors() {
        return frameAncestors;
    }

    public void setFrameAncestors(List<String> frameAncestors) {
        this.frameAncestors = frameAncestors;
    }

    public Duration getRefreshInterval() {
        return refreshInterval;
    }
}
