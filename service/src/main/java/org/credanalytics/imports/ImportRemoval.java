package org.credanalytics.imports;

import java.sql.SQLException;
import java.util.Optional;
import org.credanalytics.rollup.ImportedRollup;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Takes an import's contribution out of every rollup, its raw events and its keys, and ends it
 * (deleted, or failed with the reason), in one transaction: readers see the dashboards with the
 * import or without it, never in between.
 */
final class ImportRemoval {
    private final Jdbi jdbi;
    private final ImportedRollup rollup;

    ImportRemoval(Jdbi jdbi, ImportedRollup rollup) {
        this.jdbi = jdbi;
        this.rollup = rollup;
    }

    /** What a delete found: no such import, still running, or removed now (or before). */
    enum Outcome { NOT_FOUND, RUNNING, REMOVED }

    Outcome delete(long id) {
        Outcome[] outcome = new Outcome[1];
        retrying(() -> outcome[0] = jdbi.inTransaction(h -> {
            rollup.awaitTurn(h); // first, as an import's chunks take their locks: the progress row, then the import
            Optional<String> state = h.attach(ImportDao.class).lock(id);
            if (state.isEmpty()) {
                return Outcome.NOT_FOUND;
            }
            if (ImportState.RUNNING.equals(state.get())) {
                return Outcome.RUNNING;
            }
            if (!ImportState.DELETED.equals(state.get())) {
                remove(h, id, ImportState.DELETED, null);
            }
            return Outcome.REMOVED;
        }));
        return outcome[0];
    }

    /** Ends a running import as failed, without a trace of it in the rollups. */
    void fail(long id, String reason) {
        retrying(() -> jdbi.useTransaction(h -> {
            rollup.awaitTurn(h);
            Optional<String> state = h.attach(ImportDao.class).lock(id);
            if (state.isPresent() && ImportState.RUNNING.equals(state.get())) {
                remove(h, id, ImportState.FAILED, reason);
            }
        }));
    }

    private static void retrying(Retries.Attempt attempt) {
        try {
            Retries.retrying(attempt);
        } catch (SQLException e) {
            throw new IllegalStateException(PartApplier.describe(e), e);
        }
    }

    private void remove(Handle h, long id, String state, String error) {
        ImportDao dao = h.attach(ImportDao.class);
        for (String table : ImportedRollup.tables()) {
            dao.deleteFrom(table, id);
        }
        dao.deleteFrom("analytics_events", id);
        dao.deleteFrom("import_event_keys", id);
        dao.finish(id, state, error);
    }
}
