package org.credanalytics.loadgen.query;

import java.util.Locale;

/**
 * The answer format a query run asks for. JSON is the service's default and adds nothing to the
 * request; CSV adds {@code format=csv}, and both send the matching {@code Accept} header, so a
 * run asks for one format consistently whichever of the two the service reads.
 */
public enum ResponseFormat {
    JSON("application/json", ""),
    CSV("text/csv", "&format=csv");

    private final String mediaType;
    private final String queryParameter;

    ResponseFormat(String mediaType, String queryParameter) {
        this.mediaType = mediaType;
        this.queryParameter = queryParameter;
    }

    /** The value of the {@code Accept} header. */
    public String mediaType() {
        return mediaType;
    }

    /** What the planner appends to a query string that already has parameters. */
    String queryParameter() {
        return queryParameter;
    }

    /** {@code json} or {@code csv}, as {@code --format} takes it. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format of a {@link #cliName()}, in any case. */
    public static ResponseFormat byName(String name) {
        for (ResponseFormat format : values()) {
            if (format.cliName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "'; expected json or csv");
    }
}
