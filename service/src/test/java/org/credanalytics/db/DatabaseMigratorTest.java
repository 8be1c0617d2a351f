package org.credanalytics.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.credanalytics.testing.TestDatabase;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

/** The migrator on a database that is already migrated, as at every restart of a service. */
class DatabaseMigratorTest {
    private final TestDatabase db = TestDatabase.get();
    private final DatabaseMigrator migrator = new DatabaseMigrator(db.url(), db.user(), db.password());

    @Test
    void reportsTheCurrentVersionWhenNothingIsAppliedNow() {
        assertThat(migrator.migrate().migrationsExecuted).isZero();

        String newest = Arrays.stream(migrator.info()).map(MigrationInfo::getVersion)
                .max(Comparable::compareTo).orElseThrow().getVersion();
        assertThat(migrator.version()).isEqualTo(newest).isNotEqualTo("null");
    }
}
