package org.credanalytics.loadgen.gen;

/**
 * The event id scheme {@code {runId}-{sequence}}, shared by the generator and by verify so that
 * both agree on which ids belong to a run.
 */
public final class EventIds {
    /** Leaves room for the sequence within the service's 128-character limit. */
    public static final int MAX_RUN_ID_LENGTH = 100;

    private EventIds() {
    }

    public static String of(String runId, long sequence) {
        return runId + '-' + sequence;
    }

    /**
     * Returns the sequence of an id of this run, -1 if the id is not {@code {runId}-{digits}} (for
     * example an id of run {@code {runId}-x}), or {@link Long#MAX_VALUE} if the digits are too many
     * to be a sequence we could have generated.
     */
    public static long sequenceOf(String runId, String eventId) {
        int start = runId.length() + 1;
        if (eventId.length() <= start || !eventId.startsWith(runId) || eventId.charAt(runId.length()) != '-') {
            return -1;
        }
        for (int i = start; i < eventId.length(); i++) {
            char c = eventId.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        return eventId.length() - start > 18 ? Long.MAX_VALUE : Long.parseLong(eventId, start, eventId.length(), 10);
    }

    public static void requireValidRunId(String runId) {
        if (runId == null || !runId.matches("[A-Za-z0-9][A-Za-z0-9.-]{0," + (MAX_RUN_ID_LENGTH - 1) + "}")) {
            throw new IllegalArgumentException("run id must be 1-" + MAX_RUN_ID_LENGTH
                    + " letters, digits, '.' or '-', starting with a letter or digit: " + runId);
        }
    }
}
