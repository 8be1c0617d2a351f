package org.credanalytics;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Lets tests in other packages use the application's strict event mapper. */
public final class AnalyticsApplicationAccess {
    private AnalyticsApplicationAccess() {
    }

    public static ObjectMapper eventMapper() {
        return AnalyticsApplication.eventMapper();
    }
}
