package org.credanalytics.api;

/** Small text helpers for messages that quote what a client or the database sent. */
public final class Texts {
    private Texts() {
    }

    /** {@code value} cut to at most {@code max} characters, with "…" where it was cut. */
    public static String shorten(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max) + "…";
    }
}
