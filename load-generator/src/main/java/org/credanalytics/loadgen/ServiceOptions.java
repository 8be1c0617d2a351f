package org.credanalytics.loadgen;

import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of every command that talks to the service ({@code ingest}, {@code query}): where
 * it is, the key to send, and where to write the JSON report. Used as a picocli {@code @Mixin}.
 */
public final class ServiceOptions {
    @Option(names = "--target", defaultValue = "http://127.0.0.1:8080", description = "Service base URL (default: ${DEFAULT-VALUE}).")
    URI target;

    @Option(names = "--api-key", defaultValue = "${env:LOADGEN_API_KEY}",
            description = "Bearer key for the Authorization header (default: $LOADGEN_API_KEY).")
    String apiKey;

    @Option(names = "--report", description = "Write the JSON report to this file.")
    Path report;

    public URI target() {
        return target;
    }

    /** The key, or null when none is given (an empty $LOADGEN_API_KEY included). */
    public String apiKey() {
        return apiKey == null || apiKey.isBlank() ? null : apiKey;
    }

    /** Writes {@code result} to the report file, if one was asked for. */
    public void writeReport(Object result) {
        if (report == null) {
            return;
        }
        Json.write(report, result);
        System.out.println("report written to " + report);
    }
}
