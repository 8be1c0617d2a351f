package org.credanalytics.imports;

import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an import's transaction again after a passing conflict: a deadlock (on Citus, two
 * transactions writing many shards of the same tables can meet in Citus's shard locks), a
 * serialization failure, a key another import's transaction claimed meanwhile, or a live copy of an
 * imported event committed meanwhile. Anything else is
 * thrown at once.
 */
final class Retries {
    private static final Logger LOG = LoggerFactory.getLogger(Retries.class);
    static final int ATTEMPTS = 5;

    private Retries() {
    }

    interface Attempt {
        void run() throws Exception;
    }

    static void retrying(Attempt attempt) throws SQLException {
        for (int i = 1; ; i++) {
            try {
                attempt.run();
                return;
            } catch (Exception e) {
                if (i == ATTEMPTS || !isPassing(e)) {
                    throw e instanceof SQLException sql ? sql : new SQLException(PartApplier.describe(e), e);
                }
                LOG.info("an import transaction is retried after a passing conflict (attempt {}): {}", i,
                        PartApplier.describe(e));
                sleep(100L * i * i);
            }
        }
    }

    private static boolean isPassing(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ChunkApplier.LiveCopyRace) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().equals("40P01") || sql.getSQLState().equals("40001")
                        || sql.getSQLState().equals("23505"))) { // a key claimed by another transaction meanwhile
                return true;
            }
        }
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
