package org.credanalytics.imports;

/** The states of an import, as stored in {@code imports.state}. */
final class ImportState {
    static final String RUNNING = "running";
    static final String DONE = "done";
    static final String FAILED = "failed";
    static final String DELETED = "deleted";

    private ImportState() {
    }
}
