package org.credanalytics.loadgen.gen;

/** The core event types the generator emits, with their wire names. */
public enum EventKind {
    ISSUED("credential_issued"),
    VIEWED("credential_viewed"),
    SHARED("credential_shared");

    private final String wireName;

    EventKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
