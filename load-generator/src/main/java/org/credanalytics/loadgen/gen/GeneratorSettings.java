package org.credanalytics.loadgen.gen;

import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import org.credanalytics.loadgen.Scenario;

/** What determines the generated event stream: together with the clock, the same settings give the same events. */
public record GeneratorSettings(String runId, long seed, int institutions, double skew, Scenario scenario) {
    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    public GeneratorSettings {
        EventIds.requireValidRunId(runId);
        if (institutions < 1) {
            throw new IllegalArgumentException("institutions must be at least 1, was " + institutions);
        }
        if (skew < 0) {
            throw new IllegalArgumentException("skew must not be negative, was " + skew);
        }
    }

    /** A fresh run id: the start time for humans, and random hex so that parallel runs never collide. */
    public static String newRunId() {
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        return "lg-" + RUN_ID_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-" + HexFormat.of().formatHex(random);
    }
}
