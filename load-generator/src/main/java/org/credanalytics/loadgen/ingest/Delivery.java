package org.credanalytics.loadgen.ingest;

/**
 * The final answer to one batch after all retries.
 *
 * @param answered  whether the server answered (or timed out), i.e. whether the time taken says
 *                  something about the server and belongs in the latency histogram
 * @param attempts  requests made; 0 when the run's deadline passed before the batch could be sent
 */
public record Delivery(Outcome outcome, int status, long accepted, long duplicates,
                       boolean answered, int attempts, String detail) {

    /** How a batch ended. */
    public enum Outcome {
        /** 2xx: the events are committed. */
        ACKED,
        /** 4xx other than 429: the server refused the batch as a whole. */
        REJECTED,
        /** No acknowledgement: retries or backoffs exhausted, or the run ended. The events may or may not be stored. */
        FAILED
    }

    static Delivery acked(int status, long accepted, long duplicates, int attempts) {
        return new Delivery(Outcome.ACKED, status, accepted, duplicates, true, attempts, null);
    }

    static Delivery rejected(int status, int attempts, String detail) {
        return new Delivery(Outcome.REJECTED, status, 0, 0, true, attempts, detail);
    }

    static Delivery failed(int status, boolean answered, int attempts, String detail) {
        return new Delivery(Outcome.FAILED, status, 0, 0, answered, attempts, detail);
    }
}
