package org.credanalytics.loadgen.history;

/** The service refused or failed an import request; {@code status} is 0 when there was no answer. */
public final class ImportException extends RuntimeException {
    private final int status;

    public ImportException(int status, String message) {
        super(message);
        this.status = status;
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    public int status() {
        return status;
    }
}
