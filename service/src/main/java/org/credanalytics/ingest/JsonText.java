package org.credanalytics.ingest;

/** Checks that a string survives a round trip into PostgreSQL text and jsonb unchanged. */
final class JsonText {
    private JsonText() {
    }

    /** PostgreSQL rejects NUL in text and jsonb; a lone surrogate is not valid UTF-8. */
    static String problem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return "must not contain the NUL character";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains an unpaired UTF-16 surrogate";
            }
            if (Character.isLowSurrogate(c)) {
                return "contains an unpaired UTF-16 surrogate";
            }
        }
        return null;
    }
}
