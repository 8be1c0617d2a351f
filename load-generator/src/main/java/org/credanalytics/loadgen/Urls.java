package org.credanalytics.loadgen;

import java.net.URI;

/** Builds request URIs under the service base URL, keeping any path prefix it has (e.g. behind a proxy). */
public final class Urls {
    private Urls() {
    }

    /** {@code pathAndQuery} starts with '/', e.g. {@code /v1/events/batch}. */
    public static URI under(URI base, String pathAndQuery) {
        String text = base.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text + pathAndQuery);
    }
}
