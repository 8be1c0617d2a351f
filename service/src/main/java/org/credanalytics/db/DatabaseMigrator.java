package org.credanalytics.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned migrations from {@code sql/} (packaged at {@code db/migration}) with
 * Flyway. The service runs it before its first query; a failure stops the start.
 */
public final class DatabaseMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseMigrator.class);
    private final Flyway flyway;

    public DatabaseMigrator(String url, String user, String password) {
        this.flyway = configure().dataSource(url, user, password).load();
    }

    /** Migrates through the service's own pool, so that it connects with the same settings as every query. */
    public DatabaseMigrator(DataSource dataSource) {
        this.flyway = configure().dataSource(dataSource).load();
    }

    private static FluentConfiguration configure() {
        return Flyway.configure()
                .locations("classpath:db/migration")
                .validateMigrationNaming(true);
    }

    public MigrateResult migrate() {
        MigrateResult result = flyway.migrate();
        // Not result.targetSchemaVersion: that is null when nothing was applied now.
        LOG.info("Schema at version {} ({} migrations applied now)", version(), result.migrationsExecuted);
        return result;
    }

    /** The version the database's schema is at, or "none" before the first migration. */
    public String version() {
        MigrationInfo current = flyway.info().current();
        return current == null || current.getVersion() == null ? "none" : current.getVersion().getVersion();
    }

    public MigrationInfo[] info() {
        return flyway.info().all();
    }
}
