package org.credanalytics.auth;

import java.util.Locale;

/** An institution key acts for one institution within its scopes; an admin key acts for all of them. */
public enum KeyKind {
    INSTITUTION, ADMIN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static KeyKind parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
