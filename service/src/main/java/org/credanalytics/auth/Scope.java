package org.credanalytics.auth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What an institution key may do for its institution. Admin keys need no scopes. */
public enum Scope {
    INGEST, READ, IMPORT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Scope parse(String value) {
        for (Scope scope : values()) {
            if (scope.label().equals(value.trim())) {
                return scope;
            }
        }
        throw new IllegalArgumentException("unknown scope '" + value + "'; the scopes are ingest, read and import");
    }

    /** Parses a comma-separated list, e.g. {@code ingest,read}. */
    public static Set<Scope> parseList(String values) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String value : values.split(",")) {
            if (!value.isBlank()) {
                scopes.add(parse(value));
            }
        }
        return scopes;
    }
}
