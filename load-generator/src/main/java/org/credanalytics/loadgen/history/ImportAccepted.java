package org.credanalytics.loadgen.history;

/**
 * The 202 answer to a started import or an added part: which import, the number of the part just
 * taken, the import's state, and the {@code Location} header (null when absent, as for parts).
 */
public record ImportAccepted(long id, int part, String state, String location) {
    public boolean failed() {
        return ImportStatus.FAILED.equals(state);
    }
}
