package org.credanalytics.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;

/** Requests and events per second for one kind of key; an empty value means unlimited. */
public class KeyLimits {
    @Min(1)
    @JsonProperty
    private Integer requestsPerSecond;

    @Min(1)
    @JsonProperty
    private Integer eventsPerSecond;

    public KeyLimits() {
    }

    public KeyLimits(Integer requestsPerSecond, Integer eventsPerSecond) {
        this.requestsPerSecond = requestsPerSecond;
        this.eventsPerSecond = eventsPerSecond;
    }

    public Integer getRequestsPerSecond() {
        return requestsPerSecond;
    }

    public Integer getEventsPerSecond() {
        return eventsPerSecond;
    }
}
