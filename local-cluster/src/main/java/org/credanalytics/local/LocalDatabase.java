package org.credanalytics.local;

/**
 * A database server run from the machine's binaries for development, tests and benchmarks: one
 * PostgreSQL ({@link LocalPostgres}) or a Citus coordinator with its workers ({@link LocalCitusCluster}).
 * {@link #start()} leaves it ready for connections as {@link LocalPostgres#SUPERUSER} at {@link #jdbcUrl()},
 * with {@link #password()}'s value: no connection gets in without it.
 */
public interface LocalDatabase {
    /** Starts the servers, creating them at the first start; a server already running in the directory is used as it is. */
    void start() throws Exception;

    String jdbcUrl();

    /** The superuser's password, generated at the first start, and where it is kept. */
    ServerPassword password();

    /** Stops what {@link #start()} started, and nothing else. */
    void stop();
}
