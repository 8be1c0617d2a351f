package org.credanalytics.db;

import io.dropwizard.lifecycle.Managed;

/**
 * A database server the service or the tests run themselves from the machine's binaries: one
 * PostgreSQL ({@link LocalPostgres}) or a Citus coordinator with its workers ({@link LocalCitusCluster}).
 * {@link #start()} leaves it ready for connections as {@link LocalPostgres#SUPERUSER} at {@link #jdbcUrl()}.
 */
public interface LocalDatabase extends Managed {
    String jdbcUrl();

    @Override
    void stop();
}
